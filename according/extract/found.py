"""What an extractor returns: one attribution's role spans, before sources are resolved.

Extractors are plain callables ``Doc -> list[Found]`` registered by name in
``according.extract.EXTRACTORS``; everything after them (sources, chains,
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
    score: float = 1.0
