"""Runs the extraction steps in order and builds the ``Analysis``."""

from __future__ import annotations

from spacy.tokens import Doc

from according.analysis import Analysis, Attribution, Span
from according.article import Article
from according.extract import rules
from according.extract.found import Found


def _span(text: str, offsets: tuple[int, int] | None) -> Span | None:
    return Span.of(text, *offsets) if offsets else None


def to_attribution(text: str, index: int, found: Found) -> Attribution:
    """A ``Found`` record as an ``Attribution`` (sources not yet resolved)."""
    return Attribution(
        id=f"A{index}",
        cue=_span(text, found.cue),
        content=[Span.of(text, s, e) for s, e in found.content],
        source_mention=_span(text, found.source),
        kind=found.kind,
        act=found.act,
        polarity=found.polarity,
        recipient=_span(text, found.recipient),
    )


def build(doc: Doc, article: Article) -> Analysis:
    """All extraction steps over one parsed article."""
    found = sorted(rules.find(doc), key=_position)
    attributions = [to_attribution(doc.text, i + 1, f) for i, f in enumerate(found)]
    return Analysis(article=article, attributions=attributions)


def _position(found: Found) -> int:
    starts = [o[0] for o in (found.cue, found.source, *found.content) if o]
    return min(starts) if starts else 0
