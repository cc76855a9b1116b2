"""Story clustering on real versions of news events: B-cubed against gold clusters.

Reads ``../shared/data/stories_dev/versions.jsonl`` (or ``--data``; format in
its README: ``cluster``, ``url``, ``outlet``, ``date``, ``lang``, ``text``), never
copied into the repository. Every row goes into a fresh store the way
``according add`` puts it there, one at a time in order of publication date
(file order within a date): its language is detected, an English article is
analysed and added, an article in another language is stored with its analysis
marked unsupported (a store that refuses it leaves it unplaced, a singleton).

Printed, for ``according`` and for the plain baseline the issue names (mean-pooled
all-MiniLM-L6-v2 embeddings of each opening, average link at cosine 0.75, English
rows only, all at once rather than incrementally):

- B-cubed precision, recall and F1 over all rows, and over English rows only;
- distractors placed in a story of another event (target: none);
- non-English versions of an event placed in their event's story (the story
  whose other members are mostly of that event).

    python benchmarks/stories_dev.py                 # stub analyses (clustering reads text only)
    python benchmarks/stories_dev.py --analyze       # full analysis, as `according add` does
    python benchmarks/stories_dev.py --shuffle 3     # also three random orders
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from according.analysis import Analysis  # noqa: E402
from according.article import Article  # noqa: E402
from according.errors import InputError  # noqa: E402
from according.settings import load_options  # noqa: E402
from according.stories.store import Store  # noqa: E402
from according.validate import check_text  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "stories_dev" / "versions.jsonl"
BASELINE_THRESHOLD = 0.75
VERBOSE = False
OPTIONS = load_options()


def read_rows(path: Path) -> list[dict]:
    if not path.exists():
        sys.exit(f"stories_dev data not found at {path}")
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def bcubed(predicted: list, gold: list) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a labelling against gold labels."""
    n = len(gold)
    if not n:
        return 0.0, 0.0, 0.0
    precision = recall = 0.0
    for i in range(n):
        same_p = {j for j in range(n) if predicted[j] == predicted[i]}
        same_g = {j for j in range(n) if gold[j] == gold[i]}
        both = len(same_p & same_g)
        precision += both / len(same_p)
        recall += both / len(same_g)
    precision, recall = precision / n, recall / n
    return precision, recall, 2 * precision * recall / (precision + recall)


def _stub(article: Article) -> Analysis:
    return Analysis(article=article)


def opening_vectors(rows: list[dict], cache: Path | None) -> dict[int, object]:
    """The opening embedding of every English row, computed in one batch (or read from
    ``cache``): the same vectors ``Store.add`` would compute one at a time."""
    import numpy as np

    from according.stories.cluster import Settings
    from according.stories.embed import embed

    english = [i for i, r in enumerate(rows) if r["lang"] == "en"]
    if cache and cache.exists():
        vectors = np.load(cache)
    else:
        vectors = embed([rows[i]["text"] for i in english], window=Settings().window)
        if cache:
            np.save(cache, vectors)
    return dict(zip(english, vectors, strict=True))


def place_all(
    rows: list[dict], analyze: bool, order: list[int], vectors: dict | None = None
) -> tuple[list, int, float]:
    """Story id per row (None: refused, a singleton); merges; seconds per article."""
    try:
        from according.stories import language
    except ImportError:  # an older according: every article goes through the input check
        language = None
    if analyze:
        from according import analyze as run_analysis
    labels: list = [None] * len(rows)
    ids: dict[int, int] = {}
    merges = 0
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "dev.db", OPTIONS) as store:
        start = time.perf_counter()
        for index in order:
            row = rows[index]
            article = Article(
                text=row["text"],
                id=row["url"],
                url=row["url"],
                outlet=row.get("outlet"),
                published=row.get("date"),
            )
            try:
                lang = language.article_language(article.text) if language else "en"
                if language and lang not in language.SUPPORTED:
                    article.lang = lang
                    analysis = language.unanalysed(article)
                elif analyze:
                    analysis = run_analysis(article)
                else:
                    article.lang = check_text(article.text)
                    analysis = _stub(article)
            except InputError:
                continue  # refused at analysis: never reaches a story
            if vectors and index in vectors and analysis.article.lang in (None, "en"):
                added = store.add(analysis, store.features(analysis, vectors[index]))
            else:
                added = store.add(analysis)
            ids[index] = added.article_id
            merges += len(getattr(added, "merged", []))
        seconds = (time.perf_counter() - start) / len(order)
        story_of = {a.id: a.story_id for a in store.articles()}
        if VERBOSE:
            row_of = {v: k for k, v in ids.items()}
            for a in store.articles():
                near = rows[row_of[a.nearest]]["cluster"][:22] if a.nearest else ""
                r = rows[row_of[a.id]]
                print(
                    f"    {a.id:>3} s{a.story_id:<3} {r['date']:<10} {r['lang']} "
                    f"{r['cluster'][:34]:<34} {a.joined_via:<14} {a.score or 0:<6} {near}"
                )
            for m in store.merges():
                print(f"    merge {m}")
            for m in getattr(store, "splits", list)():
                print(f"    split {m}")
    for index, article_id in ids.items():
        labels[index] = story_of[article_id]
    return (
        [lab if lab is not None else f"unplaced:{i}" for i, lab in enumerate(labels)],
        merges,
        seconds,
    )


def baseline(rows: list[dict]) -> list:
    """Embeddings alone: average link at cosine 0.75 over the English rows."""
    from according.stories.embed import embed

    english = [i for i, r in enumerate(rows) if r["lang"] == "en"]
    vectors = embed([rows[i]["text"] for i in english])
    sims = vectors @ vectors.T
    groups = [[k] for k in range(len(english))]
    while True:
        best = None
        for a in range(len(groups)):
            for b in range(a + 1, len(groups)):
                score = sims[groups[a]][:, groups[b]].mean()
                if score >= BASELINE_THRESHOLD and (best is None or score > best[0]):
                    best = (score, a, b)
        if best is None:
            break
        _, a, b = best
        groups[a] += groups.pop(b)
    labels: list = [f"unplaced:{i}" for i in range(len(rows))]
    for number, group in enumerate(groups):
        for k in group:
            labels[english[k]] = number
    return labels


def report(name: str, rows: list[dict], labels: list) -> dict:
    gold = [r["cluster"] for r in rows]
    english = [i for i, r in enumerate(rows) if r["lang"] == "en"]
    p, r, f = bcubed(labels, gold)
    ep, er, ef = bcubed([labels[i] for i in english], [gold[i] for i in english])
    members: dict = {}
    for i, label in enumerate(labels):
        members.setdefault(label, []).append(i)
    intruders = sum(
        1
        for i, row in enumerate(rows)
        if row["cluster"].startswith("distractor:")
        and any(gold[j] != gold[i] for j in members[labels[i]])
    )
    foreign = [i for i, row in enumerate(rows) if row["lang"] != "en"]
    foreign_versions = [i for i in foreign if not gold[i].startswith("distractor:")]
    placed = 0
    for i in foreign_versions:
        others = Counter(gold[j] for j in members[labels[i]] if j != i)
        placed += bool(others) and others.most_common(1)[0][0] == gold[i]
    print(
        f"{name:<28} all: P {p:.3f} R {r:.3f} F1 {f:.3f} | English: P {ep:.3f} R {er:.3f} "
        f"F1 {ef:.3f} | distractors in another event's story: {intruders} | non-English "
        f"versions in their story: {placed} of {len(foreign_versions)}"
    )
    return {"p": p, "r": r, "f1": f, "en_f1": ef, "intruders": intruders, "placed": placed}


def mixed(rows: list[dict], labels: list) -> None:
    """Each predicted story holding more than one event, and each event split in several."""
    members: dict = {}
    for i, label in enumerate(labels):
        members.setdefault(label, []).append(i)
    for label, group in members.items():
        events = Counter(rows[i]["cluster"] for i in group)
        if len(events) > 1:
            print(f"  story {label}: " + ", ".join(f"{c} {n}" for c, n in events.items()))
    for event in sorted({r["cluster"] for r in rows}):
        stories = Counter(labels[i] for i, r in enumerate(rows) if r["cluster"] == event)
        if len(stories) > 1:
            print(f"  {event} split: {sorted(stories.values(), reverse=True)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="versions.jsonl")
    parser.add_argument("--analyze", action="store_true", help="full analysis of each article")
    parser.add_argument("--shuffle", type=int, default=0, help="also N random orders")
    parser.add_argument("--no-baseline", action="store_true", help="skip the baseline")
    parser.add_argument(
        "--vectors", type=Path, help="cache of the English rows' embeddings (.npy) for tuning"
    )
    parser.add_argument(
        "--config", help="a settings file (story_* thresholds), as `according --config`"
    )
    parser.add_argument("--verbose", action="store_true", help="list the stories that mix events")
    args = parser.parse_args()
    global VERBOSE, OPTIONS
    VERBOSE = args.verbose
    OPTIONS = load_options(args.config)
    rows = read_rows(args.data)
    langs = Counter(r["lang"] for r in rows)
    print(
        f"{len(rows)} rows, {len({r['cluster'] for r in rows})} gold clusters, "
        f"{langs['en']} English, {len(rows) - langs['en']} other languages"
    )
    by_date = sorted(range(len(rows)), key=lambda i: (rows[i].get("date") or "", i))
    try:
        vectors = opening_vectors(rows, args.vectors)
    except ImportError:  # an older according computes nothing of the kind
        vectors = None
    labels, merges, seconds = place_all(rows, args.analyze, by_date, vectors)
    report("according (date order)", rows, labels)
    if args.verbose:
        mixed(rows, labels)
    print(f"  {merges} story merges recorded; {seconds * 1000:.0f} ms per article")
    for seed in range(args.shuffle):
        order = list(range(len(rows)))
        random.Random(seed).shuffle(order)
        labels, merges, _ = place_all(rows, args.analyze, order, vectors)
        report(f"according (random order {seed})", rows, labels)
        if args.verbose:
            mixed(rows, labels)
    if not args.no_baseline:
        try:
            report("baseline (embeddings only)", rows, baseline(rows))
        except ImportError:
            print("baseline: according.stories.embed is not in this version")


if __name__ == "__main__":
    main()
