"""The change model: what a change is (kind, severity, spans in A and B), the two
sides of an aligned pair of sentences, and the token diff between them."""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from according import words
from according.analysis import Analysis, Span
from according.extract.quotes import find_quotes
from according.versions.align import Unit

NAME_LABELS = frozenset(
    {
        "PERSON",
        "NORP",
        "FAC",
        "ORG",
        "GPE",
        "LOC",
        "PRODUCT",
        "EVENT",
        "WORK_OF_ART",
        "LAW",
        "DATE",
        "TIME",
    }
)
NATIONALITY = frozenset({"NORP", "GPE"})
TIME_LABELS = frozenset({"DATE", "TIME"})

SEVERITY = {
    "number": "high",
    "entity_changed": "high",
    "entity_removed": "medium",
    "entity_added": "medium",
    "role": "high",
    "agent_dropped": "high",
    "agent_added": "low",
    "word": "medium",
    "negation": "high",
    "hedge_added": "medium",
    "hedge_dropped": "medium",
    "attribution_dropped": "high",
    "attribution_added": "low",
    "attribution_changed": "high",
    "quote_altered": "high",
    "quote_added": "medium",
    "quote_removed": "medium",
    "sentence_added": "medium",
    "sentence_removed": "medium",
    "moved": "low",
}
KINDS = tuple(SEVERITY)
INVERSE = {
    "entity_removed": "entity_added",
    "agent_dropped": "agent_added",
    "hedge_dropped": "hedge_added",
    "attribution_dropped": "attribution_added",
    "quote_removed": "quote_added",
    "sentence_removed": "sentence_added",
}
INVERSE.update({v: k for k, v in list(INVERSE.items())})


@dataclass
class Change:
    """One change in meaning from version A to version B, with spans in both texts.

    ``a`` / ``b`` are spans of A's and B's text (None where the side has nothing,
    e.g. ``a`` of an added sentence); ``alignment`` indexes ``Comparison.alignments``.
    """

    kind: str
    severity: str
    description: str
    a: Span | None = None
    b: Span | None = None
    alignment: int | None = None


@dataclass(frozen=True)
class Cue:
    """An attribution in a sentence: who (folded key and span) and the cue word."""

    key: str
    verb: str
    source: tuple[int, int]
    cue: tuple[int, int]
    frame: tuple[int, int]


@dataclass
class Side:
    """One side of an aligned pair: the units' tokens and what detectors look at."""

    doc: Doc
    units: list[Unit]
    analysis: Analysis | None
    text: str  # the doc's text, given once (``Doc.text`` rebuilds it on every call)
    tokens: list[Token] = field(init=False)
    start: int = field(init=False)
    end: int = field(init=False)

    def __post_init__(self) -> None:
        self.tokens = [t for u in self.units for t in u.tokens]
        self.start, self.end = self.units[0].start, self.units[-1].end

    def span(self, start: int | None = None, end: int | None = None) -> Span:
        return Span.of(self.text, self.start if start is None else start, end or self.end)

    def token_span(self, first: Token, last: Token | None = None) -> Span:
        last = last or first
        return Span.of(self.text, first.idx, last.idx + len(last.text))

    def names(self) -> list:
        """Named entities wholly inside this side (read from the tokens' IOB tags)."""
        found = {}
        for t in self.tokens:
            if t.ent_type_ and (e := entity_of(t)) is not None and e.start not in found:
                found[e.start] = e
        return [
            e
            for e in found.values()
            if e.label_ in NAME_LABELS and self.start <= e.start_char and e.end_char <= self.end
        ]

    def quotes(self) -> list[tuple[int, int]]:
        inside = [(start + 1, end - 1) for start, end in find_quotes(self.text)]
        return [(s, e) for s, e in inside if s < self.end and self.start < e]

    def folded(self) -> str:
        return " " + words.normal(self.text[self.start : self.end]) + " "


@dataclass
class Pair:
    """Two aligned sides and the token diff between them."""

    a: Side
    b: Side
    ops: list[tuple[str, int, int, int, int]] = field(init=False)

    def __post_init__(self) -> None:
        matcher = SequenceMatcher(
            None,
            [t.lower_ for t in self.a.tokens],
            [t.lower_ for t in self.b.tokens],
            autojunk=False,
        )
        self.ops = matcher.get_opcodes()

    def replaced(self) -> list[tuple[list[Token], list[Token]]]:
        return [
            (self.a.tokens[i1:i2], self.b.tokens[j1:j2])
            for tag, i1, i2, j1, j2 in self.ops
            if tag == "replace"
        ]

    def counterpart(self, token: Token, side: str = "a") -> Span:
        """Where ``token`` of one side went in the other: its replacement or the sentence."""
        mine, other = (self.a, self.b) if side == "a" else (self.b, self.a)
        k = mine.tokens.index(token)
        for tag, i1, i2, j1, j2 in self.ops:
            lo, hi, olo, ohi = (i1, i2, j1, j2) if side == "a" else (j1, j2, i1, i2)
            if lo <= k < hi and tag in ("equal", "replace") and ohi > olo:
                if tag == "equal":
                    t = other.tokens[olo + k - lo]
                    return other.token_span(t)
                return other.token_span(other.tokens[olo], other.tokens[ohi - 1])
        return other.span()


def new_change(kind: str, description: str, a: Span | None, b: Span | None) -> Change:
    return Change(kind, SEVERITY[kind], description, a, b)


def quoted(span: Span | None) -> str:
    return f"\u201c{span.text}\u201d" if span else "nothing"


def entity_of(token: Token) -> DocSpan | None:
    """The named entity ``token`` is part of, found from IOB tags (``doc.ents`` is slow)."""
    if not token.ent_type_:
        return None
    doc, start, end = token.doc, token.i, token.i + 1
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return DocSpan(doc, start, end, label=token.ent_type_)


def subtree(side: Side, token: Token) -> Span:
    return side.token_span(token.left_edge, token.right_edge)
