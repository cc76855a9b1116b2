"""The shipped tagger: loads from package data and tags a parsed ``Doc``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycrfsuite
from spacy.tokens import Doc

from according.learned.features import token_features
from according.learned.labels import spans_from_tags

NAME = "crf-polnear"
TAGGER = "tagger.crfsuite"
LEXICON = "cue-lexicon.json"


@dataclass(frozen=True)
class Model:
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


def load_from(folder: str | Path) -> Model:
    """A model from a folder holding ``tagger.crfsuite`` and ``cue-lexicon.json``."""
    folder = Path(folder)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(folder / TAGGER))
    lexicon = json.loads((folder / LEXICON).read_text(encoding="utf-8"))
    return Model(tagger, lexicon)


def shipped_path(name: str = NAME) -> Path:
    """The folder of a model shipped as package data, ``according/models/<name>/``."""
    return Path(__file__).resolve().parent.parent / "models" / name


@cache
def load(name: str = NAME) -> Model:
    """The model shipped in ``according/models/<name>/``, loaded once per process."""
    folder = shipped_path(name)
    if not (folder / TAGGER).exists():
        raise RuntimeError(f"learned model {name!r} is missing; rebuild it with `according train`")
    return load_from(folder)
