"""Content words replaced by words of another meaning, and opposites."""

from __future__ import annotations

from spacy.tokens import Token

from according import words
from according.versions.model import (
    Change,
    Pair,
    new_change,
    quoted,
)

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
            change = new_change("word", f"{quoted(a)} became {quoted(b)}", a, b)
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
                changes.append(
                    Change("word", "high", f"{quoted(a)} became its opposite {quoted(b)}", a, b)
                )
    return changes
