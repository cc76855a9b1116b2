"""Attributions that cross: English nests one attribution in another, never crosses them.

"X has concluded, with moderate confidence, N. Korea has learned how to ...": read as
"[X has concluded, with ...] N. Korea has learned" plus "has concluded [how to ...]",
the second record's content holds the first's cue while the first's cue splits the
second's cue from its content. When the first record's cue has a complement of its own
after it ("has learned how to"), it reports nothing before it: that record is the
misreading; it goes, and the second record's content takes its clause back.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from according.extract.found import Found, Offsets, inside
from according.extract.rules import RECIPIENT_VERBS

OWN_COMPLEMENTS = frozenset({"ccomp", "xcomp", "dobj"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
RELATIVE_PRONOUNS = frozenset({"WDT", "WP"})  # "that includes ...": a relative clause


def uncross(doc: Doc, records: list[Found]) -> list[Found]:
    """``records`` without the misread ones of crossing pairs (see the module's doc)."""
    dropped: set[int] = set()  # ids: records are compared by identity, not by value
    for outer in records:
        for inner in records:
            if inner is outer or id(inner) in dropped or id(outer) in dropped:
                continue
            start = _crossing(doc, outer, inner)
            if start is not None:
                outer.content[0] = (start, outer.content[0][1])
                dropped.add(id(inner))
    kept = [r for r in records if id(r) not in dropped]
    for record in kept:
        start = _clause_start(doc, record)
        if start is not None:
            record.content[0] = (start, record.content[0][1])
    return kept


def _crossing(doc: Doc, outer: Found, inner: Found) -> int | None:
    """Where ``outer``'s content should start, when ``inner`` crosses it: ``inner``'s
    content, all before its cue, holds ``outer``'s cue, and ``inner``'s cue (one with its
    own complement) lies between ``outer``'s cue and content; None otherwise."""
    if outer.cue is None or inner.cue is None or not outer.content:
        return None
    first = outer.content[0]
    if not (outer.cue[1] <= inner.cue[0] and inner.cue[1] <= first[0]):
        return None
    if not any(inside(outer.cue, piece) for piece in inner.content):
        return None
    if any(piece[1] > inner.cue[0] for piece in inner.content):
        return None
    if not _has_own_complement(_head(doc, inner.cue)):
        return None
    begins = [inner.cue[0]]
    if inner.source is not None and inner.source[0] > outer.cue[1]:
        begins.append(inner.source[0])
    return min(begins)


def _clause_start(doc: Doc, record: Found) -> int | None:
    """The remains of a crossing whose other record was never made: the content starts
    on the complement of a verb between the cue and it ("has concluded, ..., North Korea
    has learned [how to make ...]"), whose subject also follows the cue; the content is
    that whole clause, from its subject."""
    if record.cue is None or not record.content:
        return None
    first = doc.char_span(*record.content[0], alignment_mode="expand")
    if first is None or not len(first):
        return None
    verb = first.root.head
    if verb.i >= first.start or verb.idx < record.cue[1]:
        return None
    if any(t.i < first.start and t.i > verb.i for t in verb.rights if t.dep_ != "punct"):
        return None
    subjects = [
        c
        for c in verb.children
        if c.dep_ in SUBJECTS and c.i < verb.i and c.tag_ not in RELATIVE_PRONOUNS
    ]
    if not subjects or subjects[0].left_edge.idx < record.cue[1]:
        return None
    return subjects[0].left_edge.idx


def _head(doc: Doc, span: Offsets) -> Token | None:
    found = doc.char_span(span[0], span[1], alignment_mode="expand")
    return found.root if found is not None and len(found) else None


def _has_own_complement(verb: Token | None) -> bool:
    """A clause or object after the verb ("has learned how to make"): its complement
    slot is filled, so no clause before it is what it reports ("told Reuters" aside)."""
    if verb is None:
        return False
    recipient = verb.lemma_.lower() in RECIPIENT_VERBS
    return any(
        c.i > verb.i and c.dep_ in OWN_COMPLEMENTS and not (c.dep_ == "dobj" and recipient)
        for c in verb.children
    )
