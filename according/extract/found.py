"""What an extractor returns: one attribution's role spans, before sources are resolved.

Extractors are plain callables ``Doc -> list[Found]`` registered by name in
``according.extract.registry`` (``@register("name")``); everything after them (sources, chains,
certainty, profile) works on ``Found`` records, whoever made them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Offsets = tuple[int, int]


@dataclass
class Found:
    """Role spans as character offsets into ``doc.text`` (end exclusive)."""

    cue: Offsets | None
    source: Offsets | None
    content: list[Offsets] = field(default_factory=list)
    kind: str = "indirect"
    act: str = "statement"
    polarity: str = "asserts"
    recipient: Offsets | None = None
    relay: Offsets | None = None  # who passed it on: "the Journal reported, citing people ..."
    speaker: Offsets | None = None  # a quotation's speaker, for a cue inside it ("we thought")
    score: float = 1.0


def overlaps(a: Offsets | None, b: Offsets | None) -> bool:
    """Whether two offset ranges share a character (False if either is missing);
    ``analysis.Span.overlaps`` for ranges without their text."""
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def inside(a: Offsets, b: Offsets) -> bool:
    """Whether range ``a`` lies within ``b`` (``analysis.Span.contains``, reversed)."""
    return b[0] <= a[0] and a[1] <= b[1]
