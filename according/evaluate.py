"""Span metrics for attribution extraction and the reader for gold JSONL files.

Definitions (docs/evaluation.md): per role, predicted and gold spans of one
article are matched one to one; *exact* needs identical boundaries (every
piece, for multi-piece content), *overlap* needs one shared non-space
character. *token* is Citron's token-overlap: precision over predicted
tokens, recall over gold tokens, summed over the corpus.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from according.analysis import Analysis
from according.pipeline import analyze_many
from according.settings import DEFAULTS

ROLES = ("cue", "source", "content")
MODES = ("exact", "overlap", "token")
_TOKEN = re.compile(r"\w+|[^\w\s]")

Pieces = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Record:
    """One attribution reduced to its role spans (pieces, sorted), None if absent."""

    cue: Pieces | None
    source: Pieces | None
    content: Pieces | None

    def role(self, name: str) -> Pieces | None:
        return getattr(self, name)


def read_gold(path: str | Path, limit: int | None = None) -> Iterator[dict]:
    """Articles from a JSONL file in the PolNeAR format (docs/evaluation.md)."""
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if limit is not None and number >= limit:
                return
            if line.strip():
                yield json.loads(line)


def gold_records(article: dict) -> list[Record]:
    """The gold attributions of one article as ``Record``s."""

    def pieces(span) -> Pieces | None:
        return ((span[0], span[1]),) if span else None

    return [
        Record(
            cue=pieces(a.get("cue")),
            source=pieces(a.get("source")),
            content=tuple(sorted((s, e) for s, e in a["content"])) or None,
        )
        for a in article["attributions"]
    ]


def predicted_records(analysis: Analysis) -> list[Record]:
    """The attributions ``according`` found, as ``Record``s."""
    records = []
    for a in analysis.attributions:
        if not a.content:
            continue  # requests for comment and bare refusals have no content to score
        records.append(
            Record(
                cue=((a.cue.start, a.cue.end),) if a.cue else None,
                source=((a.source_mention.start, a.source_mention.end),)
                if a.source_mention
                else None,
                content=tuple(sorted((s.start, s.end) for s in a.content)),
            )
        )
    return records


def _chars(text: str, pieces: Pieces) -> set[int]:
    return {i for s, e in pieces for i in range(s, e) if not text[i].isspace()}


def _tokens(text: str, pieces: Pieces) -> set[int]:
    """Start offsets of the tokens inside ``pieces``."""
    return {s + m.start() for s, e in pieces for m in _TOKEN.finditer(text[s:e])}


def _match(gold: list, pred: list, same: Callable[[object, object], float]) -> int:
    """Size of a greedy one-to-one matching, best pairs first."""
    pairs = sorted(
        (
            (score, i, j)
            for i, g in enumerate(gold)
            for j, p in enumerate(pred)
            if (score := same(g, p)) > 0
        ),
        reverse=True,
    )
    used_g, used_p, matched = set(), set(), 0
    for _, i, j in pairs:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            matched += 1
    return matched


class Tally:
    """Running counts for one role under one matching mode."""

    def __init__(self) -> None:
        self.tp_pred = self.tp_gold = self.n_pred = self.n_gold = 0

    def add(self, matched_pred: int, matched_gold: int, n_pred: int, n_gold: int) -> None:
        self.tp_pred += matched_pred
        self.tp_gold += matched_gold
        self.n_pred += n_pred
        self.n_gold += n_gold

    def scores(self) -> dict[str, float | int]:
        p = self.tp_pred / self.n_pred if self.n_pred else 0.0
        r = self.tp_gold / self.n_gold if self.n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
            "predicted": self.n_pred,
            "gold": self.n_gold,
        }


def _score_role(text: str, gold: list[Pieces], pred: list[Pieces], tallies: dict) -> None:
    exact = _match(gold, pred, lambda g, p: 1.0 if g == p else 0.0)
    tallies["exact"].add(exact, exact, len(pred), len(gold))
    gchars = [_chars(text, g) for g in gold]
    pchars = [_chars(text, p) for p in pred]
    overlap = _match(gchars, pchars, lambda g, p: len(g & p))
    tallies["overlap"].add(overlap, overlap, len(pred), len(gold))
    gold_tokens = set().union(*(_tokens(text, g) for g in gold)) if gold else set()
    pred_tokens = set().union(*(_tokens(text, p) for p in pred)) if pred else set()
    both = len(gold_tokens & pred_tokens)
    tallies["token"].add(both, both, len(pred_tokens), len(gold_tokens))


def _score_all(text: str, gold: list[Record], pred: list[Record], tallies: dict) -> None:
    """Whole attributions: every role must match (exact, or overlap for each role)."""

    def exact(g: Record, p: Record) -> float:
        return 1.0 if all(g.role(r) == p.role(r) for r in ROLES) else 0.0

    def overlap(g: Record, p: Record) -> float:
        score = 0
        for r in ROLES:
            gr, pr = g.role(r), p.role(r)
            if gr is None and pr is None:
                continue
            if gr is None or pr is None:
                return 0.0
            shared = len(_chars(text, gr) & _chars(text, pr))
            if not shared:
                return 0.0
            score += shared
        return float(score)

    for mode, same in (("exact", exact), ("overlap", overlap)):
        m = _match(gold, pred, same)
        tallies[mode].add(m, m, len(pred), len(gold))


def score(pairs: Iterable[tuple[str, list[Record], list[Record]]]) -> dict:
    """Scores over (text, gold, predicted) triples: {role: {mode: {p, r, f1, ...}}}."""
    tallies = {r: {m: Tally() for m in MODES} for r in ROLES}
    tallies["all"] = {m: Tally() for m in ("exact", "overlap")}
    articles = 0
    for text, gold, pred in pairs:
        articles += 1
        for role in ROLES:
            g = [x.role(role) for x in gold if x.role(role)]
            p = [x.role(role) for x in pred if x.role(role)]
            _score_role(text, g, p, tallies[role])
        _score_all(text, gold, pred, tallies["all"])
    result = {role: {m: t.scores() for m, t in modes.items()} for role, modes in tallies.items()}
    result["articles"] = articles
    return result


def evaluate_file(
    path: str | Path,
    limit: int | None = None,
    predict: Callable[[list[str]], Iterable[list[Record]]] | None = None,
    extractor: str | None = None,
) -> dict:
    """Score ``according`` (with the named extractor, or ``predict``) on a gold JSONL file."""
    articles = list(read_gold(path, limit))
    texts = [a["text"] for a in articles]
    predictions = _predict_with_according(texts, extractor) if predict is None else predict(texts)
    return score(
        (a["text"], gold_records(a), pred) for a, pred in zip(articles, predictions, strict=True)
    )


def _predict_with_according(texts: list[str], extractor: str | None) -> Iterator[list[Record]]:
    options = DEFAULTS.with_(require_english=False)
    for analysis in analyze_many(texts, options, extractor=extractor or DEFAULTS.extractor):
        yield predicted_records(analysis)


def format_report(scores: dict) -> str:
    """The scores as a table: one row per role and mode."""
    lines = [
        f"{scores['articles']} articles",
        f"{'role':<8} {'match':<8} {'P':>7} {'R':>7} {'F1':>7} {'pred':>7} {'gold':>7}",
    ]
    for role in (*ROLES, "all"):
        for mode, s in scores[role].items():
            lines.append(
                f"{role:<8} {mode:<8} {s['precision']:>7.3f} {s['recall']:>7.3f} "
                f"{s['f1']:>7.3f} {s['predicted']:>7} {s['gold']:>7}"
            )
    return "\n".join(lines) + "\n"
