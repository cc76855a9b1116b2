"""Group tagged cue, source and content spans into attributions.

Content goes to the cue it hangs from in the parse, else to the nearest cue
within reach; a cue without content is dropped (every gold attribution has
content). A cue takes the source that holds its subject, else the nearest
source in its sentence. One source may serve several cues ("X said ... and added").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from according.extract.found import Found

REACH = 60  # tokens between a content piece and its cue, at most
SUBJECTS = {"nsubj", "nsubjpass", "agent", "pobj", "poss", "compound", "appos"}


@dataclass
class Tagged:
    """A tagged span, tokens [start, end)."""

    role: str
    start: int
    end: int


@dataclass
class _Group:
    cue: Tagged
    content: list[Tagged] = field(default_factory=list)
    source: Tagged | None = None


def _gap(a: Tagged, b: Tagged) -> int:
    return max(a.start - b.end, b.start - a.end, 0)


def _owner(doc: Doc, piece: Tagged, cues: list[Tagged]) -> Tagged | None:
    """The cue a content piece hangs from in the parse, else the nearest one in reach."""
    by_token = {i: cue for cue in cues for i in range(cue.start, cue.end)}
    for i in range(piece.start, piece.end):
        token = doc[i]
        for _ in range(4):
            if token.head.i == token.i or piece.start <= token.head.i < piece.end:
                token = token.head
                if token.head.i == token.i:
                    break
                continue
            if token.head.i in by_token:
                return by_token[token.head.i]
            break
    near = min(cues, key=lambda c: (_gap(c, piece), c.start < piece.start), default=None)
    return near if near is not None and _gap(near, piece) <= REACH else None


def _source(doc: Doc, cue: Tagged, sources: list[Tagged]) -> Tagged | None:
    """The source holding a subject of the cue's words, else the nearest one in its sentence."""
    by_token = {i: s for s in sources for i in range(s.start, s.end)}
    for i in range(cue.start, cue.end):
        for relative in (*doc[i].children, doc[i].head):
            if relative.dep_ in SUBJECTS and relative.i in by_token:
                return by_token[relative.i]
    sentence = doc[cue.start].sent
    inside = [s for s in sources if sentence.start <= s.start < sentence.end]
    return min(inside, key=lambda s: _gap(s, cue), default=None)


def link(doc: Doc, spans: list[Tagged], quotes: list[int]) -> list[Found]:
    """Attributions from tagged spans of one document."""
    cues = [s for s in spans if s.role == "CUE"]
    sources = [s for s in spans if s.role == "SOURCE"]
    groups = {(c.start, c.end): _Group(c) for c in cues}
    for piece in (s for s in spans if s.role == "CONTENT"):
        cue = _owner(doc, piece, cues)
        if cue is not None:
            groups[(cue.start, cue.end)].content.append(piece)
    found = []
    for group in sorted(groups.values(), key=lambda g: g.cue.start):
        if not group.content:
            continue
        group.source = _source(doc, group.cue, sources)
        found.append(_to_found(doc, group, quotes))
    return found


def _chars(doc: Doc, span: Tagged) -> tuple[int, int]:
    last = doc[span.end - 1]
    return doc[span.start].idx, last.idx + len(last.text)


def _to_found(doc: Doc, group: _Group, quotes: list[int]) -> Found:
    pieces = sorted(group.content, key=lambda p: p.start)
    quoted = [quotes[i] for p in pieces for i in range(p.start, p.end) if not doc[i].is_punct]
    kind = "direct" if quoted and all(quoted) else "mixed" if any(quoted) else "indirect"
    return Found(
        cue=_chars(doc, group.cue),
        source=_chars(doc, group.source) if group.source else None,
        content=[_chars(doc, p) for p in pieces],
        kind=kind,
    )
