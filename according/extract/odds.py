"""Stated probabilities: "a 40 percent chance", "odds ... at 60 percent", "one in 63,000".

A number counts only near a word of chance (``lexicons/certainty.json``,
``chance_nouns``) in the same sentence, so "62 percent of Americans" is no probability.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from according import lexicon

WINDOW = 16  # tokens between the number and the word of chance
PERCENT_WORDS = frozenset({"percent", "per", "%", "pct", "percentage"})
WORD_NUMBERS = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "fifty": 50,
    "hundred": 100,
    "thousand": 1000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
}
RATIO = re.compile(r"^(\w+)-in-(?:a-)?([\w,.]+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Odds:
    """A probability the text states, with the characters that state it."""

    start: int
    end: int
    value: float


def stated(doc: Doc, start: int, end: int) -> list[Odds]:
    """Every stated probability whose number lies in ``doc.text[start:end]``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    found = []
    for token in span:
        odds = _percent(token) or _ratio(token)
        if odds is not None and _near_chance(token):
            found.append(odds)
    return found


def _number(text: str) -> float | None:
    text = text.lower().replace(",", "")
    if text in WORD_NUMBERS:
        return float(WORD_NUMBERS[text])
    try:
        return float(text)
    except ValueError:
        return None


def _percent(token: Token) -> Odds | None:
    """ "40 percent", "40%", "99.9999 per cent"."""
    doc = token.doc
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    text = token.text
    if text.endswith("%"):
        value, end = _number(text[:-1]), token.idx + len(text)
    elif following is not None and following.lower_ in PERCENT_WORDS:
        value, end = _number(text), following.idx + len(following.text)
        if following.lower_ == "per" and following.i + 1 < len(doc):
            end = doc[following.i + 1].idx + len(doc[following.i + 1].text)
    else:
        return None
    if value is None or not 0 <= value <= 100:
        return None
    return Odds(token.idx, end, value / 100)


def _ratio(token: Token) -> Odds | None:
    """ "one in 63,000", "1 in 10", "a one-in-a-million chance"."""
    doc = token.doc
    hyphened = RATIO.match(token.text)
    if hyphened:
        a, b, end = _number(hyphened[1]), _number(hyphened[2]), token.idx + len(token.text)
    elif token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "in":
        other = doc[token.i + 2]
        a, b, end = _number(token.text), _number(other.text), other.idx + len(other.text)
        if b is not None and other.i + 1 < len(doc):
            scale = _number(doc[other.i + 1].text)  # "one in a million", "1 in 10 million"
            if other.lower_ == "a" and scale:
                b, end = scale, doc[other.i + 1].idx + len(doc[other.i + 1].text)
            elif scale and scale >= 1000 and doc[other.i + 1].lower_ in WORD_NUMBERS:
                b, end = b * scale, doc[other.i + 1].idx + len(doc[other.i + 1].text)
    else:
        return None
    if a is None or not b or a > b or token.lower_ == "a" and not hyphened:
        return None
    return Odds(token.idx, end, a / b)


def _near_chance(token: Token) -> bool:
    nouns = lexicon.words("certainty", "chance_nouns")
    sent = token.sent
    lo, hi = max(sent.start, token.i - WINDOW), min(sent.end, token.i + WINDOW + 1)
    return any(t.lemma_.lower() in nouns or t.lower_ in nouns for t in token.doc[lo:hi])
