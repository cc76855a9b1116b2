"""Words changed inside quotation marks, or a quotation added or dropped."""

from __future__ import annotations

import re

from according import words
from according.analysis import Span
from according.versions.model import (
    Change,
    Pair,
    new_change,
    quoted,
)

_WORD = re.compile(r"[\w'\u2019-]+")


def _words(text: str) -> list[str]:
    """The words of a quotation, folded: case, spelling variants, quote marks around
    words (a quotation inside a quotation keeps its words)."""
    found = (w.replace("\u2019", "'").strip("'-") for w in _WORD.findall(text))
    return [words.spelling(w) for w in found if w]


def quotations(pair: Pair) -> list[Change]:
    """Words changed inside quotation marks, or a quotation added or dropped."""
    qa, qb = pair.a.quotes(), pair.b.quotes()
    wa = {q: _words(pair.a.text[q[0] : q[1]]) for q in qa}
    wb = {q: _words(pair.b.text[q[0] : q[1]]) for q in qb}
    left_b = [q for q in qb if wb[q] not in wa.values()]
    changes = []
    for q in qa:
        if wa[q] in wb.values():
            continue
        a = Span.of(pair.a.text, *q)
        best = max(left_b, key=lambda r: _overlap(wa[q], wb[r]), default=None)
        if best is None or _overlap(wa[q], wb[best]) == 0:
            changes.append(
                new_change(
                    "quote_removed", f"quotation {quoted(a)} is not quoted in B", a, pair.b.span()
                )
            )
            continue
        left_b.remove(best)
        b = Span.of(pair.b.text, *best)
        out = [w for w in wa[q] if w not in wb[best]]
        new = [w for w in wb[best] if w not in wa[q]]
        detail = f" (dropped: {' '.join(out) or '-'}; added: {' '.join(new) or '-'})"
        changes.append(
            new_change("quote_altered", f"words inside quotation marks changed{detail}", a, b)
        )
    for r in left_b:
        b = Span.of(pair.b.text, *r)
        changes.append(
            new_change("quote_added", f"quotation {quoted(b)} is not quoted in A", pair.a.span(), b)
        )
    return changes


def _overlap(x: list[str], y: list[str]) -> float:
    return len(set(x) & set(y)) / max(1, len(set(x) | set(y)))
