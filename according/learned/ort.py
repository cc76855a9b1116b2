"""The tagger's network through ONNX Runtime: exported from the shipped weights, run without torch.

``export`` (needs torch and the ``onnx`` package: ``pip install 'according[export]'``)
writes the fine-tuned network as an ONNX graph whose query, key, value and feed-forward
input layers are quantised to int8 (dynamic quantisation; the others cost F1 on dev,
docs/model.md); ``tools/export_onnx.py`` runs it for the
shipped model. The graph starts from word vectors: the frozen base embeddings are
looked up here, from the base package, so the file does not hold them again. At
inference ``OnnxNetwork`` runs on ``onnxruntime`` (torch only gives the thread count):
one session per process and thread count, made on first use with graph optimisation and
as many threads as torch has (``threads``) unless the caller asks for fewer.
"""

from __future__ import annotations

import os
import tempfile
from functools import cache
from pathlib import Path

import numpy as np

from according.learned.model import ONNX_FILE

WORD_VECTORS = "embeddings.word_embeddings.weight"

OPSET = 17


def threads() -> int:
    """Math threads for a session: torch's count, the project's one such setting (a batch
    worker sets it to one, a forked child gets one: ``pipeline.warm_up``, ``tagger``)."""
    import torch

    return torch.get_num_threads()


class OnnxNetwork:
    """Wordpiece ids and a padding mask (batch, length) to tag scores (batch, length, tags)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._sessions: dict[int, object] = {}  # thread count: this process's session
        self._pid = os.getpid()
        self._inherited: list = []  # sessions made before a fork (see ``session``)

    def __call__(self, ids: np.ndarray, mask: np.ndarray, threads: int = 0) -> np.ndarray:
        """Scores, run with ``threads`` math threads (0: ``threads()``)."""
        feed = {"vectors": word_vectors()[ids], "mask": mask.astype(np.int64)}
        return self.session(threads).run(None, feed)[0]

    def session(self, count: int = 0):  # -> onnxruntime.InferenceSession
        """This process's session with ``count`` threads (0: ``threads()``), made on first
        use and again after a fork; ``pipeline`` runs the tagger beside the parse on fewer."""
        if os.getpid() != self._pid:
            # made before a fork: freeing them here would wait forever on their threads,
            # which this process does not have, so they are kept (and never used)
            self._inherited.extend(self._sessions.values())
            self._sessions, self._pid = {}, os.getpid()
        count = count or threads()
        if count not in self._sessions:
            self._sessions[count] = _session(self.path, count)
        return self._sessions[count]


@cache
def word_vectors() -> np.ndarray:
    """The base model's word embeddings (vocabulary, 384), float32: frozen in fine-tuning."""
    from safetensors.numpy import load_file

    from according.learned.encoder import base_folder

    return load_file(str(base_folder() / "model.safetensors"))[WORD_VECTORS].astype(np.float32)


def _session(path: Path, count: int):  # -> onnxruntime.InferenceSession
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = count
    options.inter_op_num_threads = 1
    # threads that spin while idle take cores the parse and other workers need
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def export(folder: str | Path, quantize: bool = True, out: str | Path | None = None) -> Path:
    """Write ``folder``'s fine-tuned tagger as ONNX (int8 matrix products if ``quantize``)
    to ``out`` (default ``folder/tagger.onnx``); the same file for the same weights."""
    import torch

    from according.learned import tagger

    class _FromVectors(torch.nn.Module):
        """The network from word vectors, its embedding lookup left to ``OnnxNetwork``."""

        def __init__(self, network: tagger.Network) -> None:
            super().__init__()
            self.network = network

        def forward(self, vectors: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            return self.network.head(self.network.enc.from_vectors(vectors, mask))

    folder = Path(folder)
    out = Path(out) if out else folder / ONNX_FILE
    network = _FromVectors(tagger.load_network(folder))
    vectors, mask = torch.zeros(2, 16, 384), torch.ones(2, 16, dtype=torch.long)
    axes = {0: "batch", 1: "length"}
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "plain.onnx"
        torch.onnx.export(
            network,
            (vectors, mask),
            str(plain),
            input_names=["vectors", "mask"],
            output_names=["scores"],
            dynamic_axes={"vectors": axes, "mask": axes, "scores": axes},
            opset_version=OPSET,
            dynamo=False,
        )
        made = Path(tmp) / "made.onnx"
        if quantize:
            _quantize(plain, made)
        else:
            plain.rename(made)
        out.write_bytes(made.read_bytes())
    return out


def export_with_card(folder: str | Path, quantize: bool = True, made_by: str = "") -> dict:
    """Export ``folder``'s tagger to its ``tagger.onnx`` and record the file in the card
    (size, sha256, the weights it was made from, versions); return that card section."""
    from importlib import metadata

    from according.learned.card import read_card, sha256, write_card
    from according.learned.model import weights_file

    folder = Path(folder)
    out = export(folder, quantize=quantize)
    section = {
        "file": out.name,
        "int8": quantize,
        "made_by": made_by or "according train",
        "sha256": sha256(out),
        "size_bytes": out.stat().st_size,
        "source_sha256": sha256(weights_file(folder)),
        "versions": {p: metadata.version(p) for p in ("torch", "onnx", "onnxruntime")},
    }
    write_card(folder, {**read_card(folder), "onnx": section})
    return section


def _quantize(source: Path, target: Path) -> None:
    """int8 weights (per output channel) for the query, key, value and feed-forward input
    layers; those that add into the residual stream and the head stay float32 (int8 there
    cost up to 0.008 F1 on dev). Activations are quantised per batch at run time."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    weights = {w.name for w in onnx.load(str(source)).graph.initializer}
    keep = [
        node.name
        for node in onnx.load(str(source)).graph.node
        if node.op_type == "MatMul"
        and (
            not weights.intersection(node.input)  # two activations (attention)
            or "/head/" in node.name
            or "/output/dense/" in node.name  # adds into the residual stream
        )
    ]
    quantize_dynamic(
        str(source),
        str(target),
        weight_type=QuantType.QInt8,
        per_channel=True,
        nodes_to_exclude=keep,
    )
