"""Articles per second for spaCy's parse alone vs the full analysis, in one run.

Both passes run over the same PolNeAR dev articles (read in place from
../shared/data/polnear/dev.jsonl), each in a fresh process so that its peak
memory (max RSS) is its own; model loading and a two-article warm-up are not
timed. Rounds alternate the two passes so that machine noise hits both.

    python benchmarks/throughput.py [--data PATH] [--limit N] [--rounds R]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "polnear" / "dev.jsonl"
WARM_UP = 2


def read_texts(path: Path, limit: int | None) -> list[str]:
    """The article texts of a PolNeAR-format JSONL file."""
    with path.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines if line.strip()]
    return texts[:limit] if limit else texts


def parse_pass(texts: list[str]) -> float:
    """Seconds for the stock spaCy pipeline to parse ``texts`` (the floor)."""
    import spacy

    from according.nlp import MODEL

    nlp = spacy.load(MODEL)
    list(nlp.pipe(texts[:WARM_UP]))
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    return time.perf_counter() - started


def analysis_pass(texts: list[str]) -> float:
    """Seconds for ``according.analyze_many`` over ``texts``, parse included."""
    from according import DEFAULTS, analyze_many

    options = DEFAULTS.with_(require_english=False, extractor=os.environ["EXTRACTOR"])
    list(analyze_many(texts[:WARM_UP], options))
    started = time.perf_counter()
    for _ in analyze_many(texts, options):
        pass
    return time.perf_counter() - started


PASSES = {"spaCy parse": parse_pass, "full analysis": analysis_pass}


def run_in_child(name: str, data: Path, limit: int | None, extractor: str) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one pass, run by this script in a fresh process."""
    command = [sys.executable, __file__, "--data", str(data), "--child", name]
    if limit:
        command += ["--limit", str(limit)]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "EXTRACTOR": extractor},
    )
    seconds, peak_mb = json.loads(done.stdout.splitlines()[-1])
    return seconds, peak_mb


def child(name: str, texts: list[str]) -> int:
    """Run one pass here and print [seconds, peak RSS in MB] as JSON."""
    seconds = PASSES[name](texts)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps([seconds, peak_mb]))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--extractor", default="hybrid", help="span extractor (the setting)")
    parser.add_argument("--child", choices=sorted(PASSES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.data.exists():
        print(f"no data at {args.data} (PolNeAR dev, in ../shared/)", file=sys.stderr)
        return 2
    texts = read_texts(args.data, args.limit)
    if args.child:
        return child(args.child, texts)
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} articles, {words:,} words, {args.rounds} rounds, one process each")
    rates: dict[str, list[float]] = {name: [] for name in PASSES}
    peaks: dict[str, float] = {name: 0.0 for name in PASSES}
    ratios = []
    for number in range(1, args.rounds + 1):
        this_round = {}
        for name in PASSES:
            seconds, peak = run_in_child(name, args.data, args.limit, args.extractor)
            this_round[name] = len(texts) / seconds
            rates[name].append(this_round[name])
            peaks[name] = max(peaks[name], peak)
        ratio = this_round["full analysis"] / this_round["spaCy parse"]
        ratios.append(ratio)
        shown = ", ".join(f"{n} {r:.2f} articles/s" for n, r in this_round.items())
        print(f"round {number}: {shown}; ratio {ratio:.3f}")
    for name in PASSES:
        median = statistics.median(rates[name])
        print(f"{name:<14} {median:7.2f} articles/s (median)   peak RSS {peaks[name]:7.0f} MB")
    print(f"ratio full analysis / parse: {statistics.median(ratios):.3f} (median of rounds)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
