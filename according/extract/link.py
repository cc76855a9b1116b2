"""Group tagged cue, source and content spans into attributions.

Content goes to the cue it hangs from in the parse, else to the nearest cue
within reach, one in its own sentence first; a cue without content is dropped
(every gold attribution has content). Pieces of one cue that no cue separates are
one span the tagger broke: the gap is filled in; a piece beyond a line break from
the cue's side belongs to another paragraph: only one run of pieces stays, the one
in the cue's paragraph, else the nearest. A
cue takes the source that holds its subject, else the nearest source in its
sentence. One source may serve several cues ("X said ... and added").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from according import lexicon
from according.extract.found import Found
from according.extract.quotes import QUOTE_CHARS

REACH = 60  # tokens between a content piece and its cue, at most
MAX_FILL = 25  # tokens of an untagged gap inside one content span that are filled in
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
    """The cue a content piece hangs from in the parse, else the nearest one in reach, one in
    the piece's own sentence first (a headline's cue does not take the lead's content)."""
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
    reach = [c for c in cues if not _later_sentence(doc, piece, c)]
    near = min(
        reach,
        key=lambda c: (not _same_sentence(doc, piece, c), _gap(c, piece), c.start < piece.start),
        default=None,
    )
    return near if near is not None and _gap(near, piece) <= REACH else None


def _same_sentence(doc: Doc, piece: Tagged, cue: Tagged) -> bool:
    return doc[cue.start].sent.start == doc[piece.start].sent.start


def _later_sentence(doc: Doc, piece: Tagged, cue: Tagged) -> bool:
    """A cue in a sentence after an unquoted piece does not own it by nearness alone:
    "P. X recommended Q" does not make P X's (a quotation may run on: "“P.” X said")."""
    if doc[cue.start].sent.start < doc[piece.end - 1].sent.end:
        return False
    edges = (
        doc[piece.start].text,
        doc[piece.end - 1].text,
        doc[piece.end - 1].nbor(1).text if piece.end < len(doc) else "",
    )
    return not any(ch in QUOTE_CHARS for edge in edges for ch in edge)


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
    cue_tokens = {i for c in cues for i in range(c.start, c.end)}
    found = []
    for group in sorted(groups.values(), key=lambda g: g.cue.start):
        group.content = _tidy(doc, group, cue_tokens)
        if not group.content and not _refusal(doc, group.cue):
            continue  # a bare refusal ("declined comment") is the one cue kept without content
        group.source = _source(doc, group.cue, sources)
        found.append(_to_found(doc, group, quotes))
    return found


def _tidy(doc: Doc, group: _Group, cue_tokens: set[int]) -> list[Tagged]:
    """One cue's pieces: gaps no cue separates filled in, pieces past a line break dropped."""
    pieces = sorted(group.content, key=lambda p: p.start)
    runs: list[list[Tagged]] = [[pieces[0]]] if pieces else []
    for piece in pieces[1:]:
        last = runs[-1][-1]
        gap = range(last.end, piece.start)
        if any("\n" in doc[i].text for i in gap):
            runs.append([piece])  # another paragraph
        elif not any(i in cue_tokens for i in gap) and len(gap) <= MAX_FILL:
            runs[-1][-1] = Tagged(last.role, last.start, piece.end)
        else:
            runs[-1].append(piece)
    return min(
        runs,
        key=lambda run: (
            not _same_paragraph(doc, run, group.cue),
            min(_gap(p, group.cue) for p in run),
        ),
        default=[],
    )


def _same_paragraph(doc: Doc, run: list[Tagged], cue: Tagged) -> bool:
    """No line break between the run and its cue: "P, X said.\nQ" gives X P, not Q."""
    start, end = min(run[0].start, cue.start), max(run[-1].end, cue.end)
    return not any("\n" in doc[i].text for i in range(start, end))


def _chars(doc: Doc, span: Tagged) -> tuple[int, int]:
    last = doc[span.end - 1]
    return doc[span.start].idx, last.idx + len(last.text)


def _refusal(doc: Doc, cue: Tagged) -> bool:
    """A cue that refuses ("declined comment", "refused"): an attribution with no content."""
    refusing = set(lexicon.load("cues")["refusal"])
    return any(doc[i].lemma_.lower() in refusing for i in range(cue.start, cue.end))


def _to_found(doc: Doc, group: _Group, quotes: list[int]) -> Found:
    pieces = sorted(group.content, key=lambda p: p.start)
    quoted = [quotes[i] for p in pieces for i in range(p.start, p.end) if not doc[i].is_punct]
    kind = "direct" if quoted and all(quoted) else "mixed" if any(quoted) else "indirect"
    if not pieces:
        kind = "none"
    return Found(
        cue=_chars(doc, group.cue),
        source=_chars(doc, group.source) if group.source else None,
        content=[_chars(doc, p) for p in pieces],
        kind=kind,
    )
