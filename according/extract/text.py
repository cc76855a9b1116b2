"""The text, entities, noun chunks and words of a parsed ``Doc``, read once: spaCy
rebuilds the first three on every access."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span

RECENT_DOCS = 4  # the extraction steps work on one doc at a time; a few spare for nesting


@lru_cache(maxsize=RECENT_DOCS)
def text_of(doc: Doc) -> str:
    """``doc.text``, computed once per doc (extraction reads it for every cue)."""
    return doc.text


@lru_cache(maxsize=RECENT_DOCS)
def ents_of(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, computed once per doc (``Span.ents`` rebuilds all of them per call)."""
    return tuple(doc.ents)


def ents_in(span: Span) -> list[Span]:
    """The entities inside ``span``, as ``span.ents`` gives them, from the cached list."""
    return [e for e in ents_of(span.doc) if span.start <= e.start and e.end <= span.end]


@lru_cache(maxsize=RECENT_DOCS)
def noun_chunks_of(doc: Doc) -> tuple[Span, ...]:
    """``doc.noun_chunks``, computed once per doc (spaCy walks the parse on every access)."""
    return tuple(doc.noun_chunks)


@lru_cache(maxsize=RECENT_DOCS)
def words_of(doc: Doc) -> frozenset[str]:
    """The texts of the doc's tokens, as a set, built once per doc."""
    return frozenset(t.text for t in doc)
