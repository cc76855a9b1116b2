"""The cue lexicon: how often each lemma is part of a gold cue in the training data."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Doc

MIN_COUNT = 3


def cue_lexicon(pairs: Iterable[tuple[Doc, list[str]]], min_count: int = MIN_COUNT) -> dict:
    """{lemma: share of its occurrences tagged as cue}, for lemmas seen ``min_count`` times."""
    seen: Counter[str] = Counter()
    cue: Counter[str] = Counter()
    for doc, tags in pairs:
        for token, tag in zip(doc, tags, strict=True):
            lemma = token.lemma_.lower()
            seen[lemma] += 1
            if tag.endswith("CUE"):
                cue[lemma] += 1
    return {
        lemma: round(cue[lemma] / n, 4)
        for lemma, n in sorted(seen.items())
        if n >= min_count and cue[lemma]
    }
