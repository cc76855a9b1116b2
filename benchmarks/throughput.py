"""Articles per second for spaCy's parse alone vs the full analysis, in one run.

Every pass runs over the same PolNeAR dev articles (read in place from
../shared/data/polnear/dev.jsonl), each in a fresh process so that its peak
memory (max RSS) is its own; model loading and a two-article warm-up are not
timed. Rounds alternate the passes so that machine noise hits all of them. Beside
articles/s each pass shows its process's CPU seconds (user + system, all threads)
per article: what running the tagger beside the parse costs, not only what it buys.

``tagger after parse`` is the shipped analysis with ``overlap_tagger`` off. ``--steps``
adds the analysis as it was before each speed step of docs/model.md
("Speed"): the transformer tagger on torch with windows 190 wordpieces apart, on ONNX
Runtime in float32 (exported here to a temporary folder; needs ``according[export]``),
and in int8 (the shipped ``tagger.onnx``) with the same windows, each tagging after the
parse; ``full analysis`` is the shipped one (the tagger beside the parse, ``overlap_tagger``).

    python benchmarks/throughput.py [--data PATH] [--limit N] [--rounds R] [--steps]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "polnear" / "dev.jsonl"
WARM_UP = 2


def read_texts(path: Path, limit: int | None) -> list[str]:
    """The article texts of a PolNeAR-format JSONL file."""
    with path.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines if line.strip()]
    return texts[:limit] if limit else texts


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, this process's CPU seconds) that ``run()`` takes."""
    cpu, started = _cpu_seconds(), time.perf_counter()
    run()
    return time.perf_counter() - started, _cpu_seconds() - cpu


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def parse_pass(texts: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds for the stock spaCy pipeline to parse ``texts`` (the floor)."""
    import spacy

    from according.nlp import MODEL

    nlp = spacy.load(MODEL)
    list(nlp.pipe(texts[:WARM_UP]))
    return timed(lambda: list(nlp.pipe(texts, batch_size=16)))


def analysis_pass(texts: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds for ``according.analyze_many`` over ``texts``, parse included."""
    from according import DEFAULTS, analyze_many

    step = json.loads(os.environ.get("STEP") or "{}")
    use_step(step)
    options = DEFAULTS.with_(
        require_english=False,
        extractor=os.environ["EXTRACTOR"],
        overlap_tagger=step.get("overlap", DEFAULTS.overlap_tagger),
    )
    list(analyze_many(texts[:WARM_UP], options))
    return timed(lambda: list(analyze_many(texts, options)))


def use_step(step: dict) -> None:
    """Make ``step``'s tagger (engine, ONNX file, window stride) the shipped one here."""
    if "engine" not in step:
        return
    from dataclasses import replace

    from according.learned import model, ort, tagger

    folder = model.shipped_path()
    found = model.load_from(folder, step["engine"])
    if step.get("onnx"):
        found = tagger.Tagger(ort.OnnxNetwork(step["onnx"]), tagger.read_settings(folder))
    found.settings = replace(found.settings, infer_stride=step["stride"])
    shipped = model.load
    model.load = lambda name=model.NAME: found if name == model.NAME else shipped(name)


PASSES = {"spaCy parse": parse_pass, "full analysis": analysis_pass}
FLOAT = "float32.onnx"  # exported by --steps into a temporary folder
STEPS = {  # each with the tagger after the parse, as before the overlap
    "torch, stride 190": {"engine": "torch", "stride": 190, "overlap": False},
    "onnx fp32, s. 190": {"engine": "onnx", "onnx": FLOAT, "stride": 190, "overlap": False},
    "onnx int8, s. 190": {"engine": "onnx", "stride": 190, "overlap": False},
}


def run_in_child(
    name: str, data: Path, limit: int | None, extractor: str, step: dict | None = None
) -> tuple[float, float, float]:
    """(seconds, CPU seconds, peak RSS in MB) of one pass, run by this script in a fresh
    process."""
    command = [sys.executable, __file__, "--data", str(data), "--child", name]
    if limit:
        command += ["--limit", str(limit)]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "EXTRACTOR": extractor, "STEP": json.dumps(step or {})},
    )
    seconds, cpu, peak_mb = json.loads(done.stdout.splitlines()[-1])
    return seconds, cpu, peak_mb


def child(name: str, texts: list[str]) -> int:
    """Run one pass here and print [seconds, CPU seconds, peak RSS in MB] as JSON."""
    seconds, cpu = PASSES[name](texts)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps([seconds, cpu, peak_mb]))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--extractor", default="hybrid", help="span extractor (the setting)")
    parser.add_argument("--steps", action="store_true", help="also each speed step's analysis")
    parser.add_argument("--child", choices=sorted(PASSES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.data.exists():
        print(f"no data at {args.data} (PolNeAR dev, in ../shared/)", file=sys.stderr)
        return 2
    texts = read_texts(args.data, args.limit)
    if args.child:
        return child(args.child, texts)
    with tempfile.TemporaryDirectory() as tmp:
        return compare(texts, args, planned_runs(args.steps, Path(tmp)))


def planned_runs(steps: bool, tmp: Path) -> dict[str, tuple[str, dict]]:
    """label: (pass, step) for each process of a round; the float32 file exported to ``tmp``.
    ``tagger after parse`` is the shipped analysis without the overlap."""
    runs: dict[str, tuple[str, dict]] = {"spaCy parse": ("spaCy parse", {})}
    if steps:
        from according.learned import model, ort

        plain = ort.export(model.shipped_path(), quantize=False, out=tmp / FLOAT)
        for label, step in STEPS.items():
            runs[label] = (
                "full analysis",
                {**step, "onnx": str(plain)} if "onnx" in step else step,
            )
    runs["tagger after parse"] = ("full analysis", {"overlap": False})
    runs["full analysis"] = ("full analysis", {})
    return runs


def compare(texts: list[str], args: argparse.Namespace, runs: dict[str, tuple[str, dict]]) -> int:
    """Alternate ``runs`` for ``args.rounds`` rounds; print each round and the medians."""
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} articles, {words:,} words, {args.rounds} rounds, one process each")
    rates: dict[str, list[float]] = {label: [] for label in runs}
    peaks: dict[str, float] = {label: 0.0 for label in runs}
    cpus: dict[str, list[float]] = {label: [] for label in runs}  # per article
    ratios: dict[str, list[float]] = {label: [] for label in runs}
    for number in range(1, args.rounds + 1):
        for label, (name, step) in runs.items():
            seconds, cpu, peak = run_in_child(name, args.data, args.limit, args.extractor, step)
            rates[label].append(len(texts) / seconds)
            cpus[label].append(cpu / len(texts))
            peaks[label] = max(peaks[label], peak)
            ratios[label].append(rates[label][-1] / rates["spaCy parse"][-1])
        shown = ", ".join(
            f"{label} {rates[label][-1]:.2f} ({cpus[label][-1]:.3f} CPU s)" for label in runs
        )
        print(
            f"round {number} (articles/s, CPU s per article): {shown}; "
            f"ratio {ratios['full analysis'][-1]:.3f}"
        )
    for label in runs:
        median, ratio = statistics.median(rates[label]), statistics.median(ratios[label])
        print(
            f"{label:<18} {median:6.2f} articles/s (median)   ratio to parse {ratio:.3f}"
            f"   CPU {statistics.median(cpus[label]):.3f} s/article"
            f"   peak RSS {peaks[label]:5.0f} MB"
        )
    print(
        f"ratio full analysis / parse: {statistics.median(ratios['full analysis']):.3f} (median of rounds)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
