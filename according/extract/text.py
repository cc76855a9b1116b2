"""The text of a parsed ``Doc``, read once: ``Doc.text`` rebuilds it from every token per call."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

RECENT_DOCS = 4  # the extraction steps work on one doc at a time; a few spare for nesting


@lru_cache(maxsize=RECENT_DOCS)
def text_of(doc: Doc) -> str:
    """``doc.text``, computed once per doc (extraction reads it for every cue)."""
    return doc.text
