"""The shipped taggers: load one from package data by name; each tags a parsed ``Doc``.

Two kinds share one interface (``tags``, ``spans``): the default transformer
tagger (``minilm-polnear``, see tagger.py) and the CRF it replaced
(``crf-polnear``), kept for comparison and for machines without torch.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

import pycrfsuite
from spacy.tokens import Doc

from according.learned.card import CARD, read_card
from according.learned.features import token_features
from according.learned.labels import spans_from_tags
from according.settings import DEFAULTS

NAME = "minilm-polnear"
CRF_NAME = "crf-polnear"
TAGGER = "tagger.crfsuite"
LEXICON = "cue-lexicon.json"
TRANSFORMER_WEIGHTS = "tagger.safetensors"
ONNX_FILE = "tagger.onnx"  # the same network for ONNX Runtime (learned/ort.py)
ENGINES = ("onnx", "torch")


class Tagging(Protocol):
    """What the learned extractor needs from a tagger."""

    def tags(self, doc: Doc) -> list[str]: ...

    def spans(self, doc: Doc) -> list[tuple[str, int, int]]: ...


@dataclass(frozen=True)
class CRFTagger:
    """A CRF tagger and the cue lexicon its features were built with."""

    tagger: pycrfsuite.Tagger
    lexicon: dict[str, float]

    def tags(self, doc: Doc) -> list[str]:
        """One BIO role tag per token of ``doc``."""
        if not len(doc):
            return []
        return self.tagger.tag(token_features(doc, self.lexicon))

    def spans(self, doc: Doc) -> list[tuple[str, int, int]]:
        """(role, first token, end token) of every tagged span."""
        return spans_from_tags(doc, self.tags(doc))


def load_from(folder: str | Path, engine: str | None = None) -> Tagging:
    """A tagger from a model folder: the transformer's weights, or a CRF and its lexicon.

    ``engine`` (default: the ``tagger_engine`` setting) runs the transformer: ``onnx``
    (ONNX Runtime, where the folder holds a current ``tagger.onnx``; else torch) or ``torch``.
    """
    folder = Path(folder)
    if (folder / TRANSFORMER_WEIGHTS).exists():
        from according.learned import tagger

        engine = engine or DEFAULTS.tagger_engine
        if engine not in ENGINES:
            raise ValueError(
                f"unknown tagger engine {engine!r}; choose one of {', '.join(ENGINES)}"
            )
        if engine == "onnx" and onnx_current(folder):
            from according.learned.ort import OnnxNetwork

            return tagger.Tagger(OnnxNetwork(folder / ONNX_FILE), tagger.read_settings(folder))
        return tagger.load_from(folder)
    tagger_ = pycrfsuite.Tagger()
    tagger_.open(str(folder / TAGGER))
    lexicon = json.loads((folder / LEXICON).read_text(encoding="utf-8"))
    return CRFTagger(tagger_, lexicon)


def onnx_current(folder: str | Path) -> bool:
    """Whether the folder's ``tagger.onnx`` exists and its card says it was made from the
    weights there now (a retrained tagger runs on torch until it is exported again)."""
    folder = Path(folder)
    if not (folder / ONNX_FILE).exists() or not (folder / CARD).exists():
        return False
    card = read_card(folder)
    return card.get("onnx", {}).get("source_sha256") == card.get("sha256")


def weights_file(folder: str | Path) -> Path:
    """The file a model folder's card checksums: the transformer's weights or the CRF."""
    folder = Path(folder)
    weights = folder / TRANSFORMER_WEIGHTS
    return weights if weights.exists() else folder / TAGGER


def shipped_path(name: str = NAME) -> Path:
    """The folder of a model shipped as package data, ``according/models/<name>/``."""
    return Path(__file__).resolve().parent.parent / "models" / name


@cache
def load(name: str = NAME) -> Tagging:
    """The model shipped in ``according/models/<name>/``, loaded once per process."""
    folder = shipped_path(name)
    if not weights_file(folder).exists():
        raise RuntimeError(f"learned model {name!r} is missing; rebuild it with `according train`")
    return load_from(folder)
