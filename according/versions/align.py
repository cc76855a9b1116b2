"""Sentence units of two versions and their alignment: one-to-one, splits, merges, moves.

A monotone dynamic programme (like Gale-Church alignment, scored on shared content
lemmas) pairs sentences in order; a second pass pairs sentences that moved.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from spacy.tokens import Doc, Token

from according.words import meaning_key

MATCH = 0.3  # least Dice overlap of content words for two sentences to be versions
MOVED = 0.5  # least overlap for an out-of-order pair
PART = 0.5  # least share of a split-off piece's words found in the whole


@dataclass
class Unit:
    """One sentence of a version: character range, its tokens, its content keys."""

    index: int
    start: int
    end: int
    tokens: list[Token]
    keys: frozenset[str]


def units(doc: Doc) -> list[Unit]:
    """The sentences of a parsed text, trimmed, with empty ones dropped."""
    found: list[Unit] = []
    for sent in doc.sents:
        tokens = [t for t in sent if not t.is_space]
        if not tokens:
            continue
        keys = frozenset(
            meaning_key(t) for t in tokens if not (t.is_punct or t.is_stop) and t.text.strip()
        )
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        found.append(Unit(len(found), start, end, tokens, keys))
    return found


def dice(x: frozenset[str], y: frozenset[str]) -> float:
    return 2 * len(x & y) / (len(x) + len(y)) if x or y else 1.0


def _share(part: frozenset[str], whole: frozenset[str]) -> float:
    return len(part & whole) / len(part) if part else 0.0


def _split_score(one: Unit, two: list[Unit]) -> float:
    """Overlap of one sentence with two adjacent ones, 0 unless both pieces belong to it."""
    if any(_share(u.keys, one.keys) < PART for u in two):
        return 0.0
    return dice(one.keys, two[0].keys | two[1].keys)


class Pair(NamedTuple):
    """Aligned sentence indexes of A and B; one side empty for a removed or added one."""

    a: list[int]
    b: list[int]
    similarity: float
    moved: bool = False


def align(a: list[Unit], b: list[Unit]) -> list[Pair]:
    """Aligned groups of sentences, in A's reading order."""
    n, m = len(a), len(b)
    sim = [[dice(x.keys, y.keys) for y in b] for x in a]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    move: list[list[tuple[int, int, float] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        for j in range(m + 1):
            options: list[tuple[float, tuple[int, int, float]]] = []
            if i:
                options.append((best[i - 1][j], (1, 0, 0.0)))
            if j:
                options.append((best[i][j - 1], (0, 1, 0.0)))
            if i and j and sim[i - 1][j - 1] >= MATCH:
                s = sim[i - 1][j - 1]
                options.append((best[i - 1][j - 1] + 2 * s, (1, 1, s)))
            if i and j >= 2:
                s = _split_score(a[i - 1], b[j - 2 : j])
                if s >= MATCH:
                    options.append((best[i - 1][j - 2] + 3 * s, (1, 2, s)))
            if i >= 2 and j:
                s = _split_score(b[j - 1], a[i - 2 : i])
                if s >= MATCH:
                    options.append((best[i - 2][j - 1] + 3 * s, (2, 1, s)))
            if options:
                best[i][j], move[i][j] = max(options, key=lambda o: o[0])
    pairs: list[Pair] = []
    i, j = n, m
    while i or j:
        di, dj, s = move[i][j]
        pairs.append(Pair(list(range(i - di, i)), list(range(j - dj, j)), s))
        i, j = i - di, j - dj
    pairs.reverse()
    return _pair_moved(pairs, a, b)


def _pair_moved(pairs: list[Pair], a: list[Unit], b: list[Unit]) -> list[Pair]:
    """Pair a removed and an added sentence that are the same sentence moved elsewhere."""
    removed = [p[0][0] for p in pairs if not p[1]]
    added = [p[1][0] for p in pairs if not p[0]]
    candidates = sorted(
        ((dice(a[i].keys, b[j].keys), i, j) for i in removed for j in added), reverse=True
    )
    moved: dict[int, tuple[int, float]] = {}
    used: set[int] = set()
    for s, i, j in candidates:
        if s < MOVED:
            break
        if i not in moved and j not in used:
            moved[i] = (j, s)
            used.add(j)
    result: list[Pair] = []
    for p in pairs:
        if not p[1] and p[0][0] in moved:
            j, s = moved[p[0][0]]
            result.append(Pair(p[0], [j], s, moved=True))
        elif not (not p[0] and p[1][0] in used):
            result.append(p)
    return result
