"""The transformer tagger: a fine-tuned MiniLM encoder and a linear layer give each token a BIO tag.

An article is read in overlapping windows of wordpieces; each token takes its
tag from the window where it lies furthest from an edge.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import load_file, save_file
from spacy.tokens import Doc
from torch import nn

from according.learned import encoder as enc
from according.learned.decode import decode
from according.learned.labels import spans_from_tags
from according.learned.model import TRANSFORMER_WEIGHTS as WEIGHTS
from according.learned.pieces import CLS, SEP, windows, word_pieces


def _one_thread_after_fork() -> None:
    """A forked child cannot use its parent's OpenMP threads (it would hang): give it one."""
    torch.set_num_threads(1)


os.register_at_fork(after_in_child=_one_thread_after_fork)

TAGS = ("O", "B-CUE", "I-CUE", "B-SOURCE", "I-SOURCE", "B-CONTENT", "I-CONTENT")
SETTINGS = "tagger.json"
FROZEN = "enc.embeddings.word_embeddings.weight"  # kept from the base model, not shipped
ROWS = 8  # windows per run of the network: a long article's all at once held 0.4 GB more


@dataclass(frozen=True)
class TaggerSettings:
    """Architecture and fine-tuning settings (what `according train` uses by default)."""

    layers: int = 6
    window: int = 254  # wordpieces, plus [CLS] and [SEP]
    infer_stride: int = 190
    epochs: int = 2
    batch: int = 16
    lr: float = 2e-4
    head_lr: float = 1e-3
    warmup: float = 0.06
    weight_decay: float = 0.01
    seed: int = 0
    threads: int = 2
    tags: tuple[str, ...] = field(default=TAGS)
    decoding: str = "viterbi"  # BIO-constrained (decode.py; docs/model.md), or "argmax"


class Network(nn.Module):
    """Encoder, dropout and a linear layer: wordpiece ids to tag scores."""

    def __init__(self, layers: int, tags: int = len(TAGS)) -> None:
        super().__init__()
        self.enc = enc.Encoder(layers)
        self.drop = nn.Dropout(enc.DROPOUT)
        self.head = nn.Linear(enc.HIDDEN, tags)

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        return self.head(self.drop(self.enc(ids, mask)))


# ids, mask (batch, length) to scores; ``threads``: math threads for this run (0: the
# process's count; ONNX Runtime only, torch's count is the process's)
Run = Callable[..., np.ndarray]


class TorchNetwork:
    """A ``Network`` run by torch at inference (the fallback to ONNX Runtime)."""

    def __init__(self, network: Network) -> None:
        self.network = network.eval()

    @torch.inference_mode()
    def __call__(self, ids: np.ndarray, mask: np.ndarray, threads: int = 0) -> np.ndarray:
        return self.network(torch.from_numpy(ids), torch.from_numpy(mask)).numpy()


class Tagger:
    """Tags the tokens of a ``Doc`` with a fine-tuned network (ONNX Runtime's or torch's)."""

    def __init__(self, network: Run | Network, settings: TaggerSettings) -> None:
        self.network = TorchNetwork(network) if isinstance(network, Network) else network
        self.settings = settings

    def tags(self, doc: Doc) -> list[str]:
        """One BIO role tag per token of ``doc``."""
        return self.tags_of([t.text for t in doc])

    def tags_of(self, words: Sequence[str], threads: int = 0) -> list[str]:
        """One BIO role tag per token, from the tokens' texts alone (no parse needed, so
        ``pipeline`` runs it beside spaCy's parse); ``threads``: as ``Run``'s."""
        if not len(words):
            return []
        return decode(self.scores_of(words, threads), self.settings.tags, self.settings.decoding)

    def spans(self, doc: Doc) -> list[tuple[str, int, int]]:
        """(role, first token, end token) of every tagged span."""
        return spans_from_tags(doc, self.tags(doc))

    def scores(self, doc: Doc) -> torch.Tensor:
        """Tag scores (tokens, tags) of ``doc``'s tokens (``scores_of``)."""
        return self.scores_of([t.text for t in doc])

    def scores_of(self, words: Sequence[str], threads: int = 0) -> torch.Tensor:
        """Tag scores (tokens, tags); tokens with no wordpiece score as ``O`` (argmax) or
        the same for every tag (Viterbi)."""
        tok = enc.tokenizer()
        ids, first = word_pieces(list(words), tok)
        tags = len(self.settings.tags)
        piece_scores = np.zeros((len(ids), tags), dtype=np.float32)
        if ids:
            piece_scores = self._piece_scores(
                ids, tok.token_to_id(CLS), tok.token_to_id(SEP), threads
            )
        out = np.zeros((len(first), tags), dtype=np.float32)
        if self.settings.decoding == "argmax":
            out[:, 0] = 1.0  # else equal scores: Viterbi carries a span over the token
        has = np.array([p >= 0 for p in first], dtype=bool)
        out[has] = piece_scores[np.array([p for p in first if p >= 0], dtype=np.int64)]
        return torch.from_numpy(out)

    def _piece_scores(self, ids: list[int], cls: int, sep: int, threads: int) -> np.ndarray:
        spans = windows(len(ids), self.settings.window, self.settings.infer_stride)
        width = max(e - s for s, e in spans) + 2
        batch = np.zeros((len(spans), width), dtype=np.int64)
        mask = np.zeros((len(spans), width), dtype=np.int64)
        for row, (s, e) in enumerate(spans):
            batch[row, : e - s + 2] = [cls, *ids[s:e], sep]
            mask[row, : e - s + 2] = 1
        logits = np.concatenate(
            [
                self.network(batch[i : i + ROWS], mask[i : i + ROWS], threads=threads)
                for i in range(0, len(spans), ROWS)
            ]
        )
        scores = np.zeros((len(ids), logits.shape[-1]), dtype=np.float32)
        centrality = np.full(len(ids), -1)
        for row, (s, e) in enumerate(spans):
            pos = np.arange(s, e)
            central = np.minimum(pos - s, e - 1 - pos)
            take = central > centrality[s:e]
            scores[s:e][take] = logits[row, 1 : e - s + 1][take]
            centrality[s:e][take] = central[take]
        return scores


@dataclass(frozen=True)
class Ahead:
    """One doc's tags, being computed in another thread from its token texts while spaCy
    parses it (``pipeline``): the ``Tagging`` the learned extractor reads for that doc."""

    pending: Future[list[str]]

    def tags(self, doc: Doc) -> list[str]:
        """The tags computed ahead (waiting for them if need be)."""
        tags = self.pending.result()
        if len(tags) != len(doc):
            raise ValueError(f"{len(tags)} tags computed ahead for a doc of {len(doc)} tokens")
        return tags

    def spans(self, doc: Doc) -> list[tuple[str, int, int]]:
        """(role, first token, end token) of every tagged span."""
        return spans_from_tags(doc, self.tags(doc))


def save(network: Network, settings: TaggerSettings, folder: str | Path) -> Path:
    """Write the fine-tuned weights (float16, without the frozen word embeddings) and settings."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().half().contiguous() for k, v in network.state_dict().items()}
    state.pop(FROZEN)
    save_file(state, str(folder / WEIGHTS), metadata={"format": "pt"})
    settings_json = json.dumps(asdict(settings), indent=2, sort_keys=True) + "\n"
    (folder / SETTINGS).write_text(settings_json, encoding="utf-8")
    return folder / WEIGHTS


def read_settings(folder: str | Path) -> TaggerSettings:
    """The settings a model folder's ``tagger.json`` holds."""
    raw = json.loads((Path(folder) / SETTINGS).read_text(encoding="utf-8"))
    return TaggerSettings(**{**raw, "tags": tuple(raw["tags"])})


def load_network(folder: str | Path) -> Network:
    """The fine-tuned torch network of a folder holding ``tagger.safetensors``."""
    folder = Path(folder)
    settings = read_settings(folder)
    network = Network(settings.layers, len(settings.tags))
    state = {k: v.float() for k, v in load_file(str(folder / WEIGHTS)).items()}
    state[FROZEN] = enc.base_weights()["embeddings.word_embeddings.weight"]
    network.load_state_dict(state, strict=True)
    return network.eval()


def load_from(folder: str | Path) -> Tagger:
    """A tagger run by torch from a folder holding ``tagger.safetensors`` and ``tagger.json``."""
    return Tagger(load_network(folder), read_settings(folder))
