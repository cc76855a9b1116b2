"""`according` beside textacy's direct-quotation extractor on PolNeAR dev, in one run.

Both systems see the same parse of the same dev articles (read in place from
../shared/data/polnear/dev.jsonl relative to the repository root). Figures
are printed for all gold attributions, and for the subset whose gold content
opens with a quotation mark (there, predictions are restricted the same way,
so precision stays meaningful). textacy gives up on a whole article when its
quotation marks do not pair up; those articles are counted and score as
empty predictions.

    python benchmarks/peers.py [--data PATH] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from spacy.tokens import Doc

from according import nlp
from according.article import Article
from according.evaluate import Record, gold_records, predicted_records, score
from according.pipeline import analyze_doc
from according.rebuild import KEY_FIGURES

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "polnear" / "dev.jsonl"
QUOTE_MARKS = ("“", '"', "''", "``", "«", "‘")
ROWS = tuple(row for row in KEY_FIGURES if row[0] != "all")  # per role, as in the card


def textacy_records(doc: Doc) -> list[Record]:
    """textacy's (speaker, cue, content) triples as records; raises where textacy does."""
    from textacy.extract.triples import direct_quotations

    def extent(tokens) -> tuple[tuple[int, int], ...]:
        return ((tokens[0].idx, tokens[-1].idx + len(tokens[-1])),)

    return [
        Record(cue=extent(t.cue), source=extent(t.speaker), content=extent(t.content))
        for t in direct_quotations(doc)
    ]


def opens_quoted(text: str, record: Record) -> bool:
    """Whether the record's first content piece opens with a quotation mark."""
    if not record.content:
        return False
    start, end = record.content[0]
    return text[start:end].startswith(QUOTE_MARKS)


def run(articles: list[dict]) -> tuple[dict, int, dict[str, float]]:
    """Per system: (text, gold, predicted) triples; textacy's failures; seconds per system."""
    texts = [a["text"] for a in articles]
    docs = list(nlp.load().pipe(texts, batch_size=16))
    triples: dict[str, list] = {"according": [], "textacy": []}
    seconds = {"according": 0.0, "textacy": 0.0}
    failures = 0
    for article, doc in zip(articles, docs, strict=True):
        gold = gold_records(article)
        started = time.perf_counter()
        ours = predicted_records(analyze_doc(doc, Article(text=article["text"])))
        seconds["according"] += time.perf_counter() - started
        started = time.perf_counter()
        try:
            theirs = textacy_records(doc)
        except Exception:  # textacy bails out on a whole article (unpaired quotation marks)
            failures += 1
            theirs = []
        seconds["textacy"] += time.perf_counter() - started
        triples["according"].append((article["text"], gold, ours))
        triples["textacy"].append((article["text"], gold, theirs))
    return triples, failures, seconds


def quoted_only(triples: list) -> list:
    """The same triples, gold and predictions restricted to quotation-opening content."""
    return [
        (
            text,
            [g for g in gold if opens_quoted(text, g)],
            [p for p in pred if opens_quoted(text, p)],
        )
        for text, gold, pred in triples
    ]


def table(title: str, scores: dict[str, dict]) -> str:
    """Side-by-side P/R/F1 rows for each system."""
    names = list(scores)
    head = f"{'role':<8} {'match':<8}" + "".join(f" {n + ' P/R/F1':>26}" for n in names)
    lines = [title, head]
    for role, mode in ROWS:
        cells = ""
        for name in names:
            s = scores[name][role][mode]
            cells += f" {s['precision']:>8.3f}{s['recall']:>8.3f}{s['f1']:>10.3f}"
        lines.append(f"{role:<8} {mode:<8}{cells}")
    gold = scores[names[0]]["content"]["exact"]["gold"]
    lines.append(f"(gold attributions: {gold})")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(DATA), help="PolNeAR-format JSONL (default: dev)")
    parser.add_argument("--limit", type=int, help="first N articles only")
    args = parser.parse_args()
    path = Path(args.data)
    if not path.is_file():
        print(
            f"peers: PolNeAR dev data not found at {path} (expected ../shared/data/polnear/dev.jsonl)",
            file=sys.stderr,
        )
        return 2
    with path.open(encoding="utf-8") as handle:
        articles = [json.loads(line) for line in handle if line.strip()][: args.limit]
    triples, failures, seconds = run(articles)
    print(f"{len(articles)} articles from {path.name}; textacy gave up on {failures} of them")
    print(table("All attributions", {n: score(t) for n, t in triples.items()}))
    print()
    print(
        table(
            "Content opening with a quotation mark",
            {n: score(quoted_only(t)) for n, t in triples.items()},
        )
    )
    print()
    print(
        "extraction seconds (parse excluded): "
        + ", ".join(f"{n} {s:.1f}" for n, s in seconds.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
