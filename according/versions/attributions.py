"""Attributions: a claim no longer attributed, its source swapped, one added."""

from __future__ import annotations

from spacy.tokens import Token

from according import words
from according.analysis import Span
from according.versions.model import (
    Change,
    Cue,
    Pair,
    Side,
    entity_of,
    new_change,
    quoted,
    subtree,
)

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
    reporting = words.reporting_verbs()
    for t in side.tokens:
        source = None
        if t.pos_ == "VERB" and words.lemma(t) in reporting:
            source = next((c for c in t.children if c.dep_ == "nsubj"), None)
        elif t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            source = next((c for c in t.doc[t.i + 1].children if c.dep_ == "pobj"), None)
        if source is not None:
            span = subtree(side, source)
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
        changes.append(
            new_change("attribution_changed", f"source {quoted(a)} became {quoted(b)}", a, b)
        )
    for x in _unmatched(la[len(lb) :], pair.b):
        a = _cue_span(pair.a, x)
        what = "now stated as fact" if not cb else "no longer relayed"
        changes.append(
            new_change(
                "attribution_dropped", f"attribution {quoted(a)} dropped: {what}", a, pair.b.span()
            )
        )
    for y in _unmatched(lb[len(la) :], pair.a):
        b = _cue_span(pair.b, y)
        changes.append(
            new_change("attribution_added", f"attribution {quoted(b)} added", pair.a.span(), b)
        )
    return changes


def _unmatched(cues: list[Cue], other: Side) -> list[Cue]:
    """Cues whose word the other version lacks: where it has the same verb ("decided"),
    the extractor found the attribution on one side only, and the meaning is unchanged."""
    there = {t.lower_ for t in other.tokens} | {t.lemma_.lower() for t in other.tokens}
    return [c for c in cues if not set(c.verb.split()) <= there]
