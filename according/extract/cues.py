"""Cue words and phrases: which tokens introduce an attribution, and what act they name.

A cue is a verb from the cue lexicon (``lexicons/cues.json``) or the phrase
"according to". The act (statement, report, belief, denial, refusal,
request) comes from the lexicon list the lemma belongs to.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from according import lexicon

ACT_ORDER = ("denial", "refusal", "request", "report", "belief", "statement")
AUX_DEPS = frozenset({"aux", "auxpass", "neg"})
PARTICLE_DEPS = frozenset({"prt"})


@cache
def act_of_lemma() -> dict[str, str]:
    """Lemma -> act, the first list in ACT_ORDER that holds the lemma winning."""
    table: dict[str, str] = {}
    for act in reversed(ACT_ORDER):
        for lemma in lexicon.load("cues")[act]:
            table[lemma] = act
    return table


def cue_act(token: Token) -> str | None:
    """The act a verb token names, or None if it is not a cue verb."""
    act = act_of_lemma().get(token.lemma_.lower())  # first: most tokens are no cue
    if act is None or token.tag_ == "MD":
        return None
    if token.pos_ not in ("VERB", "AUX") and not _verb_tagged_as_noun(token):
        return None
    return act


def _verb_tagged_as_noun(token: Token) -> bool:
    """ "U.S. intelligence reports that ...": a mis-tagged verb heading a clause."""
    return token.pos_ == "NOUN" and any(c.dep_ == "ccomp" for c in token.children)


def needs_clause(token: Token) -> bool:
    """Verbs such as "see" or "know" attribute only when a clause follows."""
    return token.lemma_.lower() in lexicon.words("cues", "needs_clause")


def cue_span(verb: Token) -> Span:
    """The verb with its adjacent auxiliaries and negation before, particle and colon after."""
    doc = verb.doc
    start = verb.i
    while start > verb.sent.start:
        prev = doc[start - 1]
        if prev.head == verb and prev.dep_ in AUX_DEPS:
            start -= 1
        else:
            break
    end = verb.i + 1
    while end < verb.sent.end and doc[end].head == verb and doc[end].dep_ in PARTICLE_DEPS:
        end += 1
    if end < len(doc) and doc[end].text == ":":
        end += 1
    return doc[start:end]


def according_to(token: Token) -> Span | None:
    """The span "according to" when ``token`` starts it."""
    doc = token.doc
    if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
        return doc[token.i : token.i + 2]
    return None
