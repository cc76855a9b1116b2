"""Detectors for changes in meaning between two aligned groups of sentences.

Each detector takes a ``Pair`` (the two sides' tokens, names, quotations and
attribution cues, plus a token diff) and returns ``Change`` records; ``detect``
runs them all and drops what another change already explains.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from according import words
from according.analysis import Analysis, Span
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
_QUOTE = re.compile(r"\u201c([^\u201d]{1,3000})\u201d|\"([^\"\n]{1,3000})\"")
_WORD = re.compile(r"[\w'\u2019-]+")

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
        found = []
        for m in _QUOTE.finditer(self.text):
            g = 1 if m.group(1) is not None else 2
            if m.start(g) < self.end and self.start < m.end(g):
                found.append((m.start(g), m.end(g)))
        return found

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


def _change(kind: str, description: str, a: Span | None, b: Span | None) -> Change:
    return Change(kind, SEVERITY[kind], description, a, b)


def _q(span: Span | None) -> str:
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


# -- numbers ---------------------------------------------------------------------------------


def _numbers(side: Side) -> list[tuple[str, Token]]:
    return [
        (v, t)
        for t in side.tokens
        if t.ent_type_ not in TIME_LABELS and (v := words.number_value(t)) is not None
    ]


def _take(found: list[tuple[str, Token]], wanted: Counter) -> list[Token]:
    """The tokens whose values ``wanted`` counts, each value taken as often as counted."""
    taken = []
    for value, token in found:
        if wanted[value] > 0:
            wanted[value] -= 1
            taken.append(token)
    return taken


def numbers(pair: Pair) -> list[Change]:
    """A number in one version that the other gives differently, or not at all."""
    na, nb = _numbers(pair.a), _numbers(pair.b)
    lost = Counter(v for v, _ in na) - Counter(v for v, _ in nb)
    new = Counter(v for v, _ in nb) - Counter(v for v, _ in na)
    gone, came = _take(na, lost), _take(nb, new)
    changes = []
    for x, y in zip(gone, came, strict=False):
        changes.append(
            _change(
                "number",
                f"number {x.text} became {y.text}",
                pair.a.token_span(x),
                pair.b.token_span(y),
            )
        )
    for x in gone[len(came) :]:
        changes.append(
            _change("number", f"number {x.text} dropped", pair.a.token_span(x), pair.counterpart(x))
        )
    for y in came[len(gone) :]:
        changes.append(
            _change(
                "number", f"number {y.text} added", pair.counterpart(y, "b"), pair.b.token_span(y)
            )
        )
    return changes


# -- names, roles and nationalities ------------------------------------------------------------


def _present(name: str, folded: str) -> bool:
    return any(
        re.search(rf"(?<!\w){re.escape(f)}(?!\w)", folded) for f in words.alias_forms(name) if f
    )


def _span_of(side: Side, ent) -> Span:
    return Span.of(side.text, ent.start_char, ent.end_char)


def _descriptor(side: Side, person) -> tuple[frozenset[str], frozenset[str], Span]:
    """Nationalities and titles written just before a person's name ("Iranian Gen.")."""
    doc = side.doc
    i, first = person.start - 1, person.start
    nations, titles = set(), set()
    while i >= 0 and person.start - i <= 4 and doc[i].idx >= side.start:
        t = doc[i]
        if t.ent_type_ in NATIONALITY:
            nations.add(words.canonical_name(t.text))
        elif words.is_role(t):
            titles.add(words.meaning_key(t))
        elif not (t.is_title and t.text.endswith(".")) and t.text not in ("-",):
            break
        first, i = i, i - 1
    return (
        frozenset(nations),
        frozenset(titles),
        Span.of(side.text, doc[first].idx, person.end_char),
    )


Used = tuple[set[int], set[int]]


def roles(pair: Pair) -> tuple[list[Change], Used]:
    """Role or nationality given to a person changed; returns the offsets it explains."""
    changes: list[Change] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    persons_b = {words.canonical_name(e.text): e for e in pair.b.names() if e.label_ == "PERSON"}
    for ea in pair.a.names():
        eb = persons_b.get(words.canonical_name(ea.text))
        if ea.label_ != "PERSON" or eb is None:
            continue
        na, ta, sa = _descriptor(pair.a, ea)
        nb, tb, sb = _descriptor(pair.b, eb)
        if (na and na != nb) or (nb and na != nb) or (ta and tb and ta != tb):
            changes.append(_change("role", f"{_q(sa)} became {_q(sb)}", sa, sb))
            used_a.update(range(sa.start, ea.start_char))
            used_b.update(range(sb.start, eb.start_char))
    for xs, ys in pair.replaced():
        for x, y in zip(xs, ys, strict=False):
            nat = x.ent_type_ in NATIONALITY and y.ent_type_ in NATIONALITY
            if nat and words.canonical_name(x.text) == words.canonical_name(y.text):
                continue
            if x.idx in used_a:
                continue
            title = words.is_role(x) and words.is_role(y) and not words.same_meaning(x, y)
            head = x.head if x.head is not x else x
            if title or (nat and (words.is_role(head) or head.ent_type_ == "PERSON")):
                a, b = pair.a.token_span(x), pair.b.token_span(y)
                changes.append(_change("role", f"{_q(a)} became {_q(b)}", a, b))
                used_a.add(x.idx)
                used_b.add(y.idx)
    return changes, (used_a, used_b)


def names(pair: Pair, used: Used) -> list[Change]:
    """Named entities (people, places, organisations, dates) changed, added or removed."""
    fa, fb = pair.a.folded(), pair.b.folded()
    gone = [
        e
        for e in pair.a.names()
        if e.start_char not in used[0] and not _present(words.canonical_name(e.text), fb)
    ]
    came = [
        e
        for e in pair.b.names()
        if e.start_char not in used[1] and not _present(words.canonical_name(e.text), fa)
    ]
    changes = []
    for tag, i1, i2, j1, j2 in pair.ops:
        if tag != "replace":
            continue
        lo, hi = pair.a.tokens[i1].idx, pair.a.tokens[i2 - 1].idx + 1
        blo, bhi = pair.b.tokens[j1].idx, pair.b.tokens[j2 - 1].idx + 1
        xs = [e for e in gone if lo <= e.start_char < hi]
        ys = [e for e in came if blo <= e.start_char < bhi]
        for x, y in zip(xs, ys, strict=False):
            a, b = _span_of(pair.a, x), _span_of(pair.b, y)
            what = "date" if x.label_ in TIME_LABELS else "name"
            changes.append(_change("entity_changed", f"{what} {_q(a)} became {_q(b)}", a, b))
            gone.remove(x)
            came.remove(y)
    for x in gone:
        a = _span_of(pair.a, x)
        changes.append(
            _change(
                "entity_removed",
                f"{_q(a)} ({x.label_}) is not in B",
                a,
                pair.counterpart(pair.a.doc[x.start]),
            )
        )
    for y in came:
        b = _span_of(pair.b, y)
        changes.append(
            _change(
                "entity_added",
                f"{_q(b)} ({y.label_}) is not in A",
                pair.counterpart(pair.b.doc[y.start], "b"),
                b,
            )
        )
    return changes


# -- agents, negation, hedges ----------------------------------------------------------------


def _clauses(side: Side) -> tuple[dict[str, tuple[Token, Token]], dict[str, Token]]:
    """Active clauses with subject and object, and agentless passives, by verb meaning."""
    active, passive = {}, {}
    for t in side.tokens:
        if t.pos_ != "VERB":
            continue
        deps = {c.dep_: c for c in t.children}
        if "nsubj" in deps and ("dobj" in deps or "obj" in deps):
            active[words.meaning_key(t)] = (t, deps["nsubj"])
        elif "nsubjpass" in deps and "agent" not in deps:
            passive[words.meaning_key(t)] = t
    return active, passive


def _subtree(side: Side, token: Token) -> Span:
    return side.token_span(token.left_edge, token.right_edge)


def _passive(side: Side, verb: Token) -> Span:
    aux = [c for c in verb.children if c.dep_ == "auxpass"]
    return side.token_span(aux[0] if aux else verb, verb)


def agents(pair: Pair) -> list[Change]:
    """Who did it dropped by turning an active clause into an agentless passive (or back)."""
    act_a, pas_a = _clauses(pair.a)
    act_b, pas_b = _clauses(pair.b)
    changes = []
    for key in act_a.keys() & pas_b.keys():
        verb, subj = act_a[key]
        a, b = _subtree(pair.a, subj), _passive(pair.b, pas_b[key])
        changes.append(
            _change(
                "agent_dropped",
                f"{_q(a)} {verb.text} ... became {_q(b)} with no one doing it",
                a,
                b,
            )
        )
    for key in pas_a.keys() & act_b.keys():
        verb, subj = act_b[key]
        a, b = _passive(pair.a, pas_a[key]), _subtree(pair.b, subj)
        changes.append(_change("agent_added", f"{_q(a)} now names who: {_q(b)}", a, b))
    return changes


def negation(pair: Pair) -> list[Change]:
    """A negation added or removed ("decided not to act" and "decided to act")."""

    def negated(side: Side) -> dict[str, Token]:
        return {words.meaning_key(t.head): t for t in side.tokens if words.is_negation(t)}

    na, nb = negated(pair.a), negated(pair.b)
    changes = []
    for key in na.keys() - nb.keys():
        t = na[key]
        changes.append(
            _change(
                "negation",
                f"negation {_q(pair.a.token_span(t))} removed",
                pair.a.token_span(t, t.head if t.head.i > t.i else t),
                pair.counterpart(t.head),
            )
        )
    for key in nb.keys() - na.keys():
        t = nb[key]
        changes.append(
            _change(
                "negation",
                f"negation {_q(pair.b.token_span(t))} added",
                pair.counterpart(t.head, "b"),
                pair.b.token_span(t, t.head if t.head.i > t.i else t),
            )
        )
    return changes


def hedges(pair: Pair) -> list[Change]:
    """Hedging words ("reportedly", "likely") added or dropped."""
    ha = [t for t in pair.a.tokens if words.is_hedge(t)]
    hb = [t for t in pair.b.tokens if words.is_hedge(t)]
    lost = Counter(words.lemma(t) for t in ha) - Counter(words.lemma(t) for t in hb)
    new = Counter(words.lemma(t) for t in hb) - Counter(words.lemma(t) for t in ha)
    changes = []
    for t in ha:
        if lost[words.lemma(t)] > 0:
            lost[words.lemma(t)] -= 1
            a = pair.a.token_span(t)
            changes.append(
                _change("hedge_dropped", f"hedge {_q(a)} dropped", a, pair.counterpart(t))
            )
    for t in hb:
        if new[words.lemma(t)] > 0:
            new[words.lemma(t)] -= 1
            b = pair.b.token_span(t)
            changes.append(
                _change("hedge_added", f"hedge {_q(b)} added", pair.counterpart(t, "b"), b)
            )
    return changes


# -- content words -------------------------------------------------------------------------


def _content(t: Token) -> bool:
    return (
        t.pos_ in words.CONTENT_POS
        and not t.is_stop
        and t.is_alpha
        and not t.ent_type_
        and words.number_value(t) is None
        and not words.is_hedge(t)
        and not words.is_negation(t)
        and not words.is_role(t)
    )


_POS_CLASS = {"PROPN": "NOUN", "NOUN": "NOUN", "VERB": "VERB", "ADJ": "ADJ", "ADV": "ADV"}


def content_words(pair: Pair) -> list[Change]:
    """A content word replaced by one of different meaning ("bounties" by "fines")."""
    keys_a = {words.meaning_key(t) for t in pair.a.tokens}
    keys_b = {words.meaning_key(t) for t in pair.b.tokens}
    changes = []
    for xs, ys in pair.replaced():
        xs = [t for t in xs if _content(t) and words.meaning_key(t) not in keys_b]
        ys = [t for t in ys if _content(t) and words.meaning_key(t) not in keys_a]
        for x in xs:
            y = next((y for y in ys if _POS_CLASS[y.pos_] == _POS_CLASS[x.pos_]), None)
            if y is None:
                continue
            ys.remove(y)
            if words.same_meaning(x, y):
                continue
            a, b = pair.a.token_span(x), pair.b.token_span(y)
            change = _change("word", f"{_q(a)} became {_q(b)}", a, b)
            if words.contrast(x, y) or x.pos_ in ("NOUN", "VERB"):
                change.severity = "high"
            changes.append(change)
    return changes


def opposites(pair: Pair) -> list[Change]:
    """A word replaced by its opposite that is not a content word ("for" by "against")."""
    changes = []
    for xs, ys in pair.replaced():
        for x, y in zip(xs, ys, strict=False):
            if words.contrast(x, y) and not (_content(x) and _content(y)):
                a, b = pair.a.token_span(x), pair.b.token_span(y)
                changes.append(Change("word", "high", f"{_q(a)} became its opposite {_q(b)}", a, b))
    return changes


# -- attributions and quotations -----------------------------------------------------------


def _source_key(token: Token) -> str:
    if token.pos_ == "PRON":
        return "PRON"
    ent = entity_of(token)
    return words.canonical_name(ent.text) if ent is not None else words.meaning_key(token)


def cues(side: Side) -> list[Cue]:
    """Attribution cues in a side: reporting verbs with a subject, "according to X",
    and the project's own attributions from the ``Analysis`` when there is one."""
    found: list[Cue] = []
    reporting = words.listed("reporting_verbs")
    for t in side.tokens:
        source = None
        if t.pos_ == "VERB" and words.lemma(t) in reporting:
            source = next((c for c in t.children if c.dep_ == "nsubj"), None)
        elif t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            source = next((c for c in t.doc[t.i + 1].children if c.dep_ == "pobj"), None)
        if source is not None:
            span = _subtree(side, source)
            frame = _frame(side, t, span)
            found.append(
                Cue(
                    _source_key(source),
                    words.lemma(t),
                    (span.start, span.end),
                    (t.idx, t.idx + len(t.text)),
                    (frame.start, frame.end),
                )
            )
    for att in side.analysis.attributions if side.analysis else []:
        if att.cue is None or att.source_mention is None:
            continue  # no source named ("were cited"): not an attribution to compare
        if not side.start <= att.cue.start < side.end:
            continue
        if any(c.cue[0] < att.cue.end and att.cue.start < c.cue[1] for c in found):
            continue  # the same cue, found by the parse rules
        mention = att.source_mention
        span = side.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        key = _source_key(span.root) if span is not None else "?"
        ends = (mention.start, mention.end, att.cue.start, att.cue.end)
        found.append(
            Cue(
                key,
                att.cue.text.lower(),
                (mention.start, mention.end),
                (att.cue.start, att.cue.end),
                (min(ends), max(ends)),
            )
        )
    return found


def _frame(side: Side, cue: Token, source: Span) -> Span:
    """The attribution's own words: source, cue and whom it was told ("X told CNN")."""
    end = max(source.end, cue.idx + len(cue.text))
    for child in cue.children:
        if child.dep_ in ("dobj", "dative", "iobj") or (
            child.dep_ == "prep" and child.lower_ == "to"
        ):
            end = max(end, child.right_edge.idx + len(child.right_edge.text))
    return Span.of(side.text, min(source.start, cue.idx), end)


def _cue_span(side: Side, cue: Cue) -> Span:
    return Span.of(side.text, *cue.frame)


def attributions(pair: Pair) -> list[Change]:
    """An attributed claim now stated as fact, a source swapped for another, or one added."""
    ca, cb = cues(pair.a), cues(pair.b)
    la = [c for c in ca if c.key not in {x.key for x in cb}]
    lb = [c for c in cb if c.key not in {x.key for x in ca}]
    while la and lb and (la[-1].key == "PRON" or any(c.key == "PRON" for c in lb)):
        la.pop()  # a pronoun may stand for any source: assume it is the same one
        lb.remove(next((c for c in lb if c.key == "PRON"), lb[-1]))
    # a pronoun left over stands for a source the other side names ("They also said")
    la = [c for c in la if not (c.key == "PRON" and cb)]
    lb = [c for c in lb if not (c.key == "PRON" and ca)]
    changes = []
    for x, y in zip(la, lb, strict=False):
        a, b = Span.of(pair.a.text, *x.source), Span.of(pair.b.text, *y.source)
        changes.append(_change("attribution_changed", f"source {_q(a)} became {_q(b)}", a, b))
    for x in _unmatched(la[len(lb) :], pair.b):
        a = _cue_span(pair.a, x)
        what = "now stated as fact" if not cb else "no longer relayed"
        changes.append(
            _change("attribution_dropped", f"attribution {_q(a)} dropped: {what}", a, pair.b.span())
        )
    for y in _unmatched(lb[len(la) :], pair.a):
        b = _cue_span(pair.b, y)
        changes.append(_change("attribution_added", f"attribution {_q(b)} added", pair.a.span(), b))
    return changes


def _unmatched(cues: list[Cue], other: Side) -> list[Cue]:
    """Cues whose word the other version lacks: where it has the same verb ("decided"),
    the extractor found the attribution on one side only, and the meaning is unchanged."""
    there = {t.lower_ for t in other.tokens} | {t.lemma_.lower() for t in other.tokens}
    return [c for c in cues if not set(c.verb.split()) <= there]


def _words(text: str) -> list[str]:
    return [w.lower().replace("\u2019", "'") for w in _WORD.findall(text)]


def quotations(pair: Pair) -> list[Change]:
    """Words changed inside quotation marks, or a quotation added or dropped."""
    qa, qb = pair.a.quotes(), pair.b.quotes()
    wa = {q: _words(pair.a.text[q[0] : q[1]]) for q in qa}
    wb = {q: _words(pair.b.text[q[0] : q[1]]) for q in qb}
    left_b = [q for q in qb if wb[q] not in wa.values()]
    changes = []
    for q in qa:
        if wa[q] in wb.values():
            continue
        a = Span.of(pair.a.text, *q)
        best = max(left_b, key=lambda r: _overlap(wa[q], wb[r]), default=None)
        if best is None or _overlap(wa[q], wb[best]) == 0:
            changes.append(
                _change("quote_removed", f"quotation {_q(a)} is not quoted in B", a, pair.b.span())
            )
            continue
        left_b.remove(best)
        b = Span.of(pair.b.text, *best)
        out = [w for w in wa[q] if w not in wb[best]]
        new = [w for w in wb[best] if w not in wa[q]]
        detail = f" (dropped: {' '.join(out) or '-'}; added: {' '.join(new) or '-'})"
        changes.append(
            _change("quote_altered", f"words inside quotation marks changed{detail}", a, b)
        )
    for r in left_b:
        b = Span.of(pair.b.text, *r)
        changes.append(
            _change("quote_added", f"quotation {_q(b)} is not quoted in A", pair.a.span(), b)
        )
    return changes


def _overlap(x: list[str], y: list[str]) -> float:
    return len(set(x) & set(y)) / max(1, len(set(x) | set(y)))


# -- all together --------------------------------------------------------------------------

Detector = Callable[[Pair], list[Change]]
SIMPLE: tuple[Detector, ...] = (numbers, agents, negation, hedges, content_words, opposites)


def detect(pair: Pair) -> list[Change]:
    """Every change in meaning between the two sides, each explained once."""
    found, used = roles(pair)
    found += names(pair, used)
    for detector in SIMPLE:
        found += detector(pair)
    quotes = quotations(pair)
    sourced = attributions(pair)
    found = [c for c in found if not _explained(c, quotes, sourced)]
    return sorted(found + quotes + sourced, key=lambda c: (c.a.start if c.a else -1, c.kind))


def _inside(x: Span | None, y: Span | None) -> bool:
    return x is not None and y is not None and y.start <= x.start and x.end <= y.end


def _explained(change: Change, quotes: list[Change], sourced: list[Change]) -> bool:
    """True when a quotation or attribution change already covers ``change``."""
    for q in quotes:
        if q.kind == "quote_altered" and (_inside(change.a, q.a) or _inside(change.b, q.b)):
            return True
    if change.kind.startswith("entity"):
        for s in sourced:
            if s.kind.startswith("attribution") and (
                _inside(change.a, s.a) or _inside(change.b, s.b)
            ):
                return True
    return False
