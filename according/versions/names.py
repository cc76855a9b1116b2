"""Names, roles and nationalities: a person's title changed, an entity swapped, added or dropped."""

from __future__ import annotations

import re

from according import words
from according.analysis import Span
from according.versions.model import (
    NATIONALITY,
    TIME_LABELS,
    Change,
    Pair,
    Side,
    new_change,
    quoted,
)

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
            changes.append(new_change("role", f"{quoted(sa)} became {quoted(sb)}", sa, sb))
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
                changes.append(new_change("role", f"{quoted(a)} became {quoted(b)}", a, b))
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
            changes.append(
                new_change("entity_changed", f"{what} {quoted(a)} became {quoted(b)}", a, b)
            )
            gone.remove(x)
            came.remove(y)
    for x in gone:
        a = _span_of(pair.a, x)
        changes.append(
            new_change(
                "entity_removed",
                f"{quoted(a)} ({x.label_}) is not in B",
                a,
                pair.counterpart(pair.a.doc[x.start]),
            )
        )
    for y in came:
        b = _span_of(pair.b, y)
        changes.append(
            new_change(
                "entity_added",
                f"{quoted(b)} ({y.label_}) is not in A",
                pair.counterpart(pair.b.doc[y.start], "b"),
                b,
            )
        )
    return changes
