"""Story store benchmark: does the cost of adding an article grow with the store?

What is measured, exactly:

1. Store + clustering cost per article. A few hundred distinct PolNeAR texts
   (read at run time from ``../shared/data/polnear/train.jsonl``, or
   ``dev.jsonl``, relative to the repository root; never copied into the
   repository) are analysed once with ``according.analyze_many``. From them,
   ``--articles`` articles (default 10,000) are generated: the base texts
   themselves plus variants of them (sentences shuffled within paragraphs,
   paragraphs dropped or swapped, about 4% of words replaced by other words of
   the same text, a distinct dateline), each with its own URL, outlet and date.
   A variant is stored with its base text's analysis re-used (sources and
   attributions unchanged, the article replaced by the variant, so its offsets
   point into the base text): the store does not check offsets, and full
   spaCy analysis of 10,000 texts would take hours on two cores. The timer
   covers ``Store.add`` only: story features of the text (shingles, MinHash
   bands, names, dates), the LSH, Jaccard and name/date lookups, the JSON
   serialisation of the analysis, and the SQLite transaction. Text generation
   is outside the timer. Printed: seconds per 1,000 articles for every
   thousand, wall-clock and CPU time of this process (the machine may be
   shared), and the ratio of the last thousand to the first (target <= 1.5).
2. Compare cost. Two versions of a ~1,000-word article (a PolNeAR text and a
   variant of it with real word substitutions, a dropped paragraph and a
   shuffle) are analysed (``according.analyze``, parse included) and compared
   (``according.versions.compare.compare``) from the texts and from the two
   analyses; compare time is printed relative to analysing both.

3. Scale (``--scale``): is story assignment flat from 1,000 to 100,000 stored
   articles? Synthetic articles (no parse, nothing read from ../shared/): events
   with their own rare names, numbers and date, told in several versions of about
   150 words (the event's names and numbers in common words drawn at random) over a
   few days; each version carries its event's embedding plus noise (a real
   embedding costs about 20 ms on one core and does not depend on the store, so it
   is given, not computed). One store per size is filled through ``Store.add``
   (``--db``: the folder for them); then ``--probe`` further articles are timed at
   each size, the sizes taking turns in five rounds so that a change of load on a
   shared machine falls on all alike (``Store.add``: shingles, MinHash,
   names and numbers, the indexed candidate lookups, cosine against the candidate
   stories' members, the transaction). Printed: milliseconds per article at each
   size, the ratio of the largest to the smallest (target <= 1.5), and the store's
   bytes per article (the analysis JSON here is an empty stub: add the size of a
   real analysis, printed from the first analysed text).

    python benchmarks/stories.py                    # 10,000 articles from 200 texts
    python benchmarks/stories.py --quick            # 2,000 articles from 60 texts
    python benchmarks/stories.py --articles 5000 --bases 100 --db /tmp/bench.db
    python benchmarks/stories.py --scale            # 1,000 and 100,000 stored articles
    python benchmarks/stories.py --scale --sizes 1000 10000 --probe 300
    python benchmarks/stories.py --scale --db /tmp/scale   # keep the stores in /tmp/scale
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from according import analyze, analyze_many  # noqa: E402
from according.analysis import Analysis  # noqa: E402
from according.article import Article  # noqa: E402
from according.stories.store import Store  # noqa: E402
from according.versions.compare import compare  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "polnear"
OUTLETS = ("Wire One", "Daily Two", "Herald Three", "Post Four", "Times Five", "Gazette Six")
MIN_WORDS, MAX_WORDS = 150, 1500  # base texts of ordinary length


def read_texts(limit: int) -> list[str]:
    """Up to ``limit`` distinct PolNeAR texts of ordinary length, spread over the file."""
    for name in ("train.jsonl", "dev.jsonl"):
        path = DATA / name
        if path.exists():
            break
    else:
        sys.exit(f"PolNeAR data not found in {DATA} (train.jsonl or dev.jsonl)")
    texts, seen = [], set()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line)["text"]
            if MIN_WORDS <= len(text.split()) <= MAX_WORDS and text not in seen:
                seen.add(text)
                texts.append(text)
    step = max(1, len(texts) // limit)
    return texts[::step][:limit]


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]


def variant(text: str, rng: random.Random, number: int) -> str:
    """Another version of ``text``: shuffled sentences, dropped paragraphs, replaced words."""
    paragraphs = _paragraphs(text)
    head, body = paragraphs[:1], paragraphs[1:]
    if len(body) > 3:
        for _ in range(rng.randint(0, 2)):
            body.pop(rng.randrange(len(body)))
        i, j = rng.randrange(len(body)), rng.randrange(len(body))
        body[i], body[j] = body[j], body[i]
    vocabulary = text.split()
    out = []
    for paragraph in body:
        sentences = paragraph.split(". ")
        if len(sentences) > 2 and rng.random() < 0.5:
            rng.shuffle(sentences)
        words = ". ".join(sentences).split()
        for k in range(len(words)):
            if rng.random() < 0.04:
                words[k] = rng.choice(vocabulary)
        out.append(" ".join(words))
    dateline = f"CITY {number} ({rng.choice(OUTLETS)}) -"
    return "\n\n".join(head + [f"{dateline} {out[0] if out else ''}"] + out[1:])


def articles(bases: list[Analysis], count: int, seed: int = 7):
    """``count`` analyses: each base text once, then variants, in a shuffled order."""
    rng = random.Random(seed)
    plan = list(range(len(bases))) + [rng.randrange(len(bases)) for _ in range(count - len(bases))]
    rng.shuffle(plan)
    first: set[int] = set()
    for number, index in enumerate(plan):
        base = bases[index]
        text = base.article.text if index not in first else variant(base.article.text, rng, number)
        first.add(index)
        article = Article(
            text=text,
            id=f"bench-{number}",
            url=f"https://{rng.choice(OUTLETS).lower().replace(' ', '')}.example/{number}",
            outlet=rng.choice(OUTLETS),
            published=f"2016-{1 + number % 12:02d}-{1 + number % 28:02d}",
        )
        yield dataclasses.replace(base, article=article)


def bench_store(bases: list[Analysis], count: int, db: Path) -> None:
    """Add ``count`` articles; seconds per 1,000 (wall and CPU) for each thousand."""
    wall: list[float] = []
    cpu: list[float] = []
    spent, used, added, duplicates = 0.0, 0.0, 0, 0
    with Store(db) as store:
        for number, analysis in enumerate(articles(bases, count), 1):
            start, start_cpu = time.perf_counter(), time.process_time()
            result = store.add(analysis)
            spent += time.perf_counter() - start
            used += time.process_time() - start_cpu
            added += not result.duplicate
            duplicates += result.duplicate
            if number % 1000 == 0 or number == count:
                size = number - 1000 * len(wall)
                wall.append(spent * 1000 / size)
                cpu.append(used * 1000 / size)
                print(
                    f"  articles {number - size + 1:>6}-{number:<6} {wall[-1]:7.2f} s/1000 wall"
                    f" {cpu[-1]:7.2f} s/1000 CPU"
                )
                spent = used = 0.0
        stories = store.stories()
    print(
        f"stored {added} articles ({duplicates} duplicates skipped) in {len(stories)} stories; "
        f"largest {stories[0].size if stories else 0}; store {db.stat().st_size / 1e6:.1f} MB"
    )
    for label, series in (("wall", wall), ("CPU", cpu)):
        ratio = series[-1] / series[0]
        verdict = "ok" if ratio <= 1.5 else "ABOVE TARGET"
        print(
            f"{label}: first thousand {series[0]:.2f} s/1000, last {series[-1]:.2f} s/1000: "
            f"ratio {ratio:.2f} (target <= 1.5: {verdict})"
        )


def thousand_words(texts: list[str]) -> str:
    """A text of about 1,000 words: the PolNeAR text nearest that length."""
    return min(texts, key=lambda t: abs(len(t.split()) - 1000))


def bench_compare(text: str, repeats: int = 3) -> None:
    """Analyse two ~1,000-word versions, then compare them from texts and from analyses."""
    other = variant(text, random.Random(3), 0)
    print(f"compare: A {len(text.split())} words, B {len(other.split())} words")
    timings = {}
    for label, job in (
        ("analyse A and B", lambda: (analyze(text), analyze(other))),
        ("compare texts", lambda: compare(text, other)),
    ):
        runs = []
        for _ in range(repeats):
            start = time.perf_counter()
            result = job()
            runs.append(time.perf_counter() - start)
        timings[label] = min(runs)
        if label == "analyse A and B":
            analyses = result
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = compare(*analyses)
        runs.append(time.perf_counter() - start)
    timings["compare analyses"] = min(runs)
    base = timings["analyse A and B"]
    for label, seconds in timings.items():
        print(f"  {label:<17} {seconds:6.2f} s  ({seconds / base:.2f} x analysing both)")
    print(f"  {len(result.changes)} changes, {len(result.alignments)} aligned groups")


SYLLABLES = ("ka", "ro", "vin", "tel", "mar", "zu", "pen", "lo", "dra", "sim", "ov", "ek", "ta")
COMMON = [
    "the",
    "said",
    "on",
    "in",
    "of",
    "a",
    "to",
    "and",
    "was",
    "for",
    "with",
    "that",
    "by",
    "at",
    "from",
    "officials",
    "report",
    "government",
    "people",
    "city",
    "week",
    "country",
    "after",
    "new",
    "were",
    "had",
    "has",
    "would",
    "will",
    "could",
    "its",
    "their",
    "more",
    "than",
    "about",
    "two",
    "three",
    "police",
    "minister",
    "court",
    "company",
    "market",
]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


class Synthetic:
    """Versions of synthetic events, in order of publication, with given embeddings."""

    def __init__(self, seed: int = 11, versions: int = 6, per_day: int = 60):
        import numpy as np

        self.np, self.rng = np, random.Random(seed)
        self.vrng = np.random.default_rng(seed)
        self.versions, self.per_day = versions, per_day
        self.live: list[dict] = []
        self.count = 0

    def _event(self) -> dict:
        np, rng = self.np, self.rng
        base = self.vrng.standard_normal(384).astype(np.float32)
        return {
            "names": [f"{_name(rng)} {_name(rng)}" for _ in range(4)] + [_name(rng)],
            "numbers": [str(rng.randint(10, 99_999)) for _ in range(3)],
            "vector": base / np.linalg.norm(base),
            "left": rng.randint(1, self.versions * 2 - 1),
        }

    def next(self):
        """One more article: an analysis stub and its story features' vector."""
        np, rng = self.np, self.rng
        if not self.live or rng.random() < 1 / self.versions:
            self.live.append(self._event())
        event = rng.choice(self.live[-20:])
        event["left"] -= 1
        if event["left"] <= 0:
            self.live.remove(event)
        words = [rng.choice(COMMON) for _ in range(150)]
        for k, token in enumerate(event["names"] + event["numbers"]):
            words.insert(rng.randrange(len(words)), token + (". " if k % 2 else ""))
        text = " ".join(words)
        text = text[0].upper() + text[1:] + "."  # not str.capitalize: it lower-cases the names
        day = 738000 + self.count // self.per_day
        published = date.fromordinal(day).isoformat()
        noise = self.vrng.standard_normal(384).astype(np.float32) * 0.02
        vector = event["vector"] + noise
        self.count += 1
        article = Article(text=text, id=f"synthetic-{self.count}", published=published, lang="en")
        return Analysis(article=article), vector / np.linalg.norm(vector)


def _fill(store: Store, source: Synthetic, size: int) -> None:
    start = time.perf_counter()
    for filled in range(1, size + 1):
        analysis, vector = source.next()
        store.add(analysis, store.features(analysis, vector))
        if filled % 10_000 == 0:
            rate = filled / (time.perf_counter() - start)
            print(f"  filled {filled:,} of {size:,} ({rate:,.0f} articles/s)")


def _probe(store: Store, source: Synthetic, count: int) -> tuple[float, float]:
    """Wall and CPU seconds of ``count`` more ``Store.add`` calls (features included)."""
    wall = cpu = 0.0
    for _ in range(count):
        analysis, vector = source.next()
        start, start_cpu = time.perf_counter(), time.process_time()
        store.add(analysis, store.features(analysis, vector))
        wall += time.perf_counter() - start
        cpu += time.process_time() - start_cpu
    return wall, cpu


def bench_scale(sizes: list[int], probe: int, folder: Path, rounds: int = 5) -> None:
    """Milliseconds per ``Store.add`` at each store size; the store's bytes per article.

    One store per size, each filled from its own stream of synthetic events; then the
    sizes are probed in turn, ``rounds`` times ``probe / rounds`` articles each, so that a
    change of load on a shared machine falls on every size alike (medians of rounds)."""
    sizes = sorted(sizes)
    stores, sources = {}, {}
    for size in sizes:
        sources[size] = Synthetic()
        stores[size] = Store(folder / f"scale-{size}.db")
        _fill(stores[size], sources[size], size)
    per_round = max(1, probe // rounds)
    wall: dict[int, list[float]] = {size: [] for size in sizes}
    cpu: dict[int, list[float]] = {size: [] for size in sizes}
    for _ in range(rounds):
        for size in sizes:
            w, c = _probe(stores[size], sources[size], per_round)
            wall[size].append(w * 1000 / per_round)
            cpu[size].append(c * 1000 / per_round)
    results = []
    for size in sizes:
        store = stores[size]
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        per_article = (folder / f"scale-{size}.db").stat().st_size / store.count()
        results.append((size, statistics.median(wall[size]), statistics.median(cpu[size])))
        print(
            f"  {size:>7,} stored: {results[-1][1]:6.2f} ms/article wall, "
            f"{results[-1][2]:6.2f} ms CPU (medians of {rounds} rounds of {per_round}); "
            f"store {per_article:,.0f} bytes/article; {len(store.stories()):,} stories"
        )
        store.close()
    for column, label in ((1, "wall"), (2, "CPU")):
        ratio = results[-1][column] / results[0][column]
        verdict = "ok" if ratio <= 1.5 else "ABOVE TARGET"
        print(
            f"{label}: {results[0][0]:,} stored {results[0][column]:.2f} ms, "
            f"{results[-1][0]:,} stored {results[-1][column]:.2f} ms: ratio {ratio:.2f} "
            f"(target <= 1.5: {verdict})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="articles to add")
    parser.add_argument("--bases", type=int, default=200, help="distinct texts to analyse")
    parser.add_argument("--quick", action="store_true", help="2,000 articles from 60 texts")
    parser.add_argument(
        "--db", type=Path, help="store file, or with --scale a folder (default: a temporary one)"
    )
    parser.add_argument("--scale", action="store_true", help="assignment cost by store size")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--probe", type=int, default=500, help="articles timed at each size")
    args = parser.parse_args()
    if args.scale:
        sys.stdout.reconfigure(line_buffering=True)
        with tempfile.TemporaryDirectory() as folder:
            where = args.db or Path(folder)
            if args.db and any(where.glob("scale-*.db")):
                sys.exit(f"{where} holds scale-*.db stores: give another --db folder")
            where.mkdir(parents=True, exist_ok=True)
            print(f"story assignment by store size (probe {args.probe} articles each):")
            bench_scale(args.sizes, args.probe, where)
        return
    sys.stdout.reconfigure(line_buffering=True)  # progress shows when written to a file
    if args.quick:
        args.articles, args.bases = min(args.articles, 2000), min(args.bases, 60)
    texts = read_texts(args.bases)
    if args.articles < len(texts):
        sys.exit(f"--articles must be at least the number of base texts ({len(texts)})")
    start = time.perf_counter()
    bases = list(analyze_many(texts))
    seconds = time.perf_counter() - start
    words = sum(len(t.split()) for t in texts)
    print(
        f"analysed {len(texts)} PolNeAR texts ({words:,} words) once in {seconds:.1f} s "
        f"({words / seconds:,.0f} words/s)"
    )
    print(f"adding {args.articles:,} articles (base texts and variants) to the store:")
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "bench.db"
        if db.exists():
            sys.exit(f"{db} exists: give a new --db")
        bench_store(bases, args.articles, db)
    bench_compare(thousand_words(read_texts(10_000)))


if __name__ == "__main__":
    main()
