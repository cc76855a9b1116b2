"""BIO tags from gold character spans, and tagged spans back from BIO tags."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc

ROLES = ("CUE", "SOURCE", "CONTENT")
OUTSIDE = "O"
Offsets = tuple[int, int]


def role_spans(attribution: dict) -> Iterable[tuple[str, Offsets]]:
    """(role, (start, end)) for every role piece of one gold attribution."""
    if attribution.get("cue"):
        yield "CUE", tuple(attribution["cue"])
    if attribution.get("source"):
        yield "SOURCE", tuple(attribution["source"])
    for start, end in attribution["content"]:
        yield "CONTENT", (start, end)


def bio_tags(doc: Doc, spans: Iterable[tuple[str, Offsets]]) -> list[str]:
    """One BIO tag per token; a token is inside a span when its first character is."""
    tags = [OUTSIDE] * len(doc)
    starts = [t.idx for t in doc]
    for role, (start, end) in sorted(spans, key=lambda x: x[1]):
        first = True
        for i in _tokens_within(starts, doc, start, end):
            if tags[i] != OUTSIDE:
                continue  # PolNeAR gives each token one role; keep the first on clashes
            tags[i] = ("B-" if first else "I-") + role
            first = False
    return tags


def _tokens_within(starts: Sequence[int], doc: Doc, start: int, end: int) -> Iterable[int]:
    import bisect

    i = bisect.bisect_left(starts, start)
    if i > 0 and starts[i - 1] < start < starts[i - 1] + len(doc[i - 1].text):
        i -= 1  # the span starts inside a token: take that token
    while i < len(doc) and starts[i] < end:
        yield i
        i += 1


def spans_from_tags(doc: Doc, tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """(role, first token, last token + 1) for every tagged run; I- after O opens a span."""
    spans: list[tuple[str, int, int]] = []
    role, begin = None, 0
    for i, tag in enumerate([*tags, OUTSIDE]):
        kind, _, name = tag.partition("-")
        if role is not None and (kind != "I" or name != role):
            spans.append((role, begin, _trim(doc, begin, i)))
            role = None
        if kind in ("B", "I") and role is None:
            role, begin = name, i
    return [s for s in spans if s[2] > s[1]]


def _trim(doc: Doc, begin: int, end: int) -> int:
    while end > begin and doc[end - 1].is_space:
        end -= 1
    return end
