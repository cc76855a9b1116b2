"""Stated analytic confidence as an attribution: "the FBI and CIA had high confidence
that P, the NSA only moderate confidence in that assessment".

Each holder (each conjunct of the subject) gets its own record whose content is the
judgement P ("in that assessment" takes the judgement stated before it in the
sentence) and whose cue holds the level, so ``certainty`` reads the confidence.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from according.extract.found import Found, Offsets

HOLDING_VERBS = frozenset({"have", "express", "hold", "voice", "place", "put", "retain"})
CLAUSE_DEPS = frozenset({"relcl", "acl", "ccomp"})
ANAPHORIC_DETS = frozenset({"that", "this", "the"})


def find(doc: Doc, found: list[Found]) -> list[Found]:
    """Records for "X had <level> confidence that P" that no record has yet."""
    records: list[Found] = []
    judgement: dict[int, Offsets] = {}  # sentence start -> the last judgement stated in it
    for token in doc:
        if token.lower_ != "confidence" or token.dep_ != "dobj":
            continue
        verb = token.head
        if verb.lemma_.lower() not in HOLDING_VERBS:
            continue
        content = _clause(token) or _anaphor(token, judgement.get(token.sent.start))
        if content is None:
            continue
        judgement[token.sent.start] = content
        cue = (verb.idx, token.idx + len(token))
        for holder in _holders(verb):
            record = Found(cue=cue, source=holder, content=[content], act="belief")
            if not any(_same(record, other) for other in (*found, *records)):
                records.append(record)
    return records


def _clause(confidence: Token) -> Offsets | None:
    """The "that" clause the confidence is in."""
    for clause in (c for c in confidence.children if c.dep_ in CLAUSE_DEPS):
        tokens = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head == clause)]
        if tokens and clause.left_edge.lower_ == "that":
            return (tokens[0].idx, tokens[-1].idx + len(tokens[-1]))
    return None


def _anaphor(confidence: Token, earlier: Offsets | None) -> Offsets | None:
    """ "in that assessment": the judgement stated before, in the same sentence."""
    if earlier is None:
        return None
    for prep in (c for c in confidence.children if c.dep_ == "prep" and c.lower_ == "in"):
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is not None and any(c.lower_ in ANAPHORIC_DETS for c in obj.children):
            return earlier
    return None


def _holders(verb: Token) -> list[Offsets]:
    """The subject, one span per conjunct: "the FBI and CIA" gives "the FBI" and "CIA"."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ == "PRON":
        return []
    heads = [subject, *[c for c in subject.children if c.dep_ == "conj"]]
    spans = []
    for head in heads:
        skip = {t.i for c in head.children if c.dep_ in ("conj", "cc") for t in c.subtree}
        tokens = [t for t in head.subtree if t.i not in skip and not t.is_punct]
        if tokens:
            spans.append((tokens[0].idx, tokens[-1].idx + len(tokens[-1])))
    return spans


def _same(a: Found, b: Found) -> bool:
    return a.source is not None and a.source == b.source and a.content == b.content
