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

from according.learned.features import token_features
from according.learned.labels import spans_from_tags

NAME = "minilm-polnear"
CRF_NAME = "crf-polnear"
TAGGER = "tagger.crfsuite"
LEXICON = "cue-lexicon.json"
TRANSFORMER_WEIGHTS = "tagger.safetensors"


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


def load_from(folder: str | Path) -> Tagging:
    """A tagger from a model folder: the transformer's weights, or a CRF and its lexicon."""
    folder = Path(folder)
    if (folder / TRANSFORMER_WEIGHTS).exists():
        from according.learned import tagger

        return tagger.load_from(folder)
    tagger_ = pycrfsuite.Tagger()
    tagger_.open(str(folder / TAGGER))
    lexicon = json.loads((folder / LEXICON).read_text(encoding="utf-8"))
    return CRFTagger(tagger_, lexicon)


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
