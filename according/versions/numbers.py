"""Numbers that changed between the two versions ("75" became "57")."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from according import words
from according.versions.model import (
    TIME_LABELS,
    Change,
    Pair,
    Side,
    new_change,
)

# -- numbers ---------------------------------------------------------------------------------


def _numbers(side: Side) -> list[tuple[str, Token]]:
    return [
        (v, t)
        for t in side.tokens
        if t.ent_type_ not in TIME_LABELS
        and (v := words.number_value(t)) is not None
        and not _pronoun_one(t)
    ]


def _pronoun_one(token: Token) -> bool:
    """The word "one" that counts nothing: "one of the largest", "no one", "the one who";
    as a number it modifies a noun ("one person died")."""
    return token.lower_ == "one" and token.dep_ != "nummod"


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
            new_change(
                "number",
                f"number {x.text} became {y.text}",
                pair.a.token_span(x),
                pair.b.token_span(y),
            )
        )
    for x in gone[len(came) :]:
        changes.append(
            new_change(
                "number", f"number {x.text} dropped", pair.a.token_span(x), pair.counterpart(x)
            )
        )
    for y in came[len(gone) :]:
        changes.append(
            new_change(
                "number", f"number {y.text} added", pair.counterpart(y, "b"), pair.b.token_span(y)
            )
        )
    return changes
