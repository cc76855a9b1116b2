"""Detectors for changes in meaning between two aligned groups of sentences.

Each detector takes a ``Pair`` (the two sides' tokens, names, quotations and
attribution cues, plus a token diff; ``versions.model``) and returns ``Change``
records; one module per family: ``numbers``, ``names`` (names, roles, nationalities),
``clauses`` (agents, negation, hedges), ``wording`` (content words, opposites),
``attributions`` and ``quotations``. ``detect`` runs them all and drops what another
change already explains.
"""

from __future__ import annotations

from collections.abc import Callable

from according.analysis import Span
from according.versions.attributions import attributions
from according.versions.clauses import agents, hedges, negation
from according.versions.model import INVERSE, KINDS, SEVERITY, Change, Pair, Side
from according.versions.names import names, roles
from according.versions.numbers import numbers
from according.versions.quotations import quotations
from according.versions.wording import content_words, opposites

__all__ = ["INVERSE", "KINDS", "SEVERITY", "Change", "Pair", "Side", "detect"]


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
    return x is not None and y is not None and y.contains(x)


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
