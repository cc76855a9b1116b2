"""Who did it and how surely: an agent dropped or added, a negation, a hedge added or dropped."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from according import words
from according.analysis import Span
from according.versions.model import (
    Change,
    Pair,
    Side,
    new_change,
    quoted,
    subtree,
)

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
        a, b = subtree(pair.a, subj), _passive(pair.b, pas_b[key])
        changes.append(
            new_change(
                "agent_dropped",
                f"{quoted(a)} {verb.text} ... became {quoted(b)} with no one doing it",
                a,
                b,
            )
        )
    for key in pas_a.keys() & act_b.keys():
        verb, subj = act_b[key]
        a, b = _passive(pair.a, pas_a[key]), subtree(pair.b, subj)
        changes.append(new_change("agent_added", f"{quoted(a)} now names who: {quoted(b)}", a, b))
    return changes


def negation(pair: Pair) -> list[Change]:
    """A negation added or removed ("decided not to act" and "decided to act")."""

    def negated(side: Side) -> dict[str, Token]:
        return {words.meaning_key(_predicate(t)): t for t in side.tokens if words.is_negation(t)}

    na, nb = negated(pair.a), negated(pair.b)
    changes = []
    for key in na.keys() - nb.keys():
        t = na[key]
        changes.append(
            new_change(
                "negation",
                f"negation {quoted(pair.a.token_span(t))} removed",
                pair.a.token_span(t, t.head if t.head.i > t.i else t),
                pair.counterpart(t.head),
            )
        )
    for key in nb.keys() - na.keys():
        t = nb[key]
        changes.append(
            new_change(
                "negation",
                f"negation {quoted(pair.b.token_span(t))} added",
                pair.counterpart(t.head, "b"),
                pair.b.token_span(t, t.head if t.head.i > t.i else t),
            )
        )
    return changes


def _predicate(token: Token) -> Token:
    """The verb a negation denies: "No one was hurt" and "Nobody was hurt" both deny
    "hurt", though "No" hangs from "one"."""
    node = token.head
    while node.pos_ not in ("VERB", "AUX") and node.head is not node:
        node = node.head
    return node if node.pos_ in ("VERB", "AUX") else token.head


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
                new_change("hedge_dropped", f"hedge {quoted(a)} dropped", a, pair.counterpart(t))
            )
    for t in hb:
        if new[words.lemma(t)] > 0:
            new[words.lemma(t)] -= 1
            b = pair.b.token_span(t)
            changes.append(
                new_change("hedge_added", f"hedge {quoted(b)} added", pair.counterpart(t, "b"), b)
            )
    return changes
