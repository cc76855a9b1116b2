"""Batch throughput and memory, in one run: 1 vs 2 workers, Dask vs the local pool, and
peak memory at a small and a ten times larger input.

    python benchmarks/batch.py                   # full: 1,000 and 10,000 for memory
    python benchmarks/batch.py --quick           # a few minutes on a busy machine
    python benchmarks/batch.py --extractor hybrid-crf   # the faster CRF tagger

Throughput uses PolNeAR dev texts (read from ../shared/data/polnear/dev.jsonl at run
time; short synthetic articles if it is missing). Each engine runs in a fresh Python
process of its own, as `according batch` would, so no arm inherits another's loaded
and warmed-up spaCy (a forked pool worker would otherwise start with the vocabulary
the 1-worker arm built). Every arm is timed the same way: start the engine, send 2
one-article chunks per worker (each worker has loaded spaCy by then), then time the
articles; start-up is reported apart, with the CPU seconds each process spent in the
timed part and those of the rest of the machine (near 0 on an idle machine).

Memory runs `according batch` as a subprocess on synthetic articles (each with new
names and numbers, so spaCy's vocabulary keeps growing as it would on a real crawl)
and samples the RSS of its whole process tree. Targets (issue 7, on an idle 2-core
machine): 2 workers >= 1.7x one, Dask >= 0.9x the pool, peak memory at 10x the input
<= 1.2x.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psutil

from according.article import Article
from according.batch import open_engine, paired
from according.extract import extractor_names
from according.ingest import Item
from according.settings import DEFAULTS

ROOT = Path(__file__).resolve().parent.parent
POLNEAR_DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev.jsonl"
TOWNS = ["Springfield", "Riverton", "Lakeside", "Fairview", "Kingsport", "Ashford", "Milton"]


def polnear_texts(path: Path, limit_chars: int) -> list[str]:
    """PolNeAR dev texts, each cut to ``limit_chars`` at a paragraph break (synthetic
    articles if the file is missing)."""
    if not path.exists():
        print(f"({path} not found: synthetic articles instead)")
        return [synthetic(n) for n in range(50)]
    texts = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            text = json.loads(line)["text"]
            cut = text.rfind("\n", 0, limit_chars)
            texts.append(text[: cut if cut > 0 else limit_chars])
    return texts


def synthetic(n: int) -> str:
    """A short article with its own names and numbers (new words for spaCy's vocabulary)."""
    town = f"{TOWNS[n % len(TOWNS)]}{n}"
    return (
        f"Officials in {town} said on Monday that {n % 97 + 3} people were hurt in a fire at "
        f'the Kx{n}q warehouse. "We are doing everything we can," fire chief Ana Vel{n} '
        f"told reporters. Two sources familiar with the inquiry said the cause was likely "
        f"an electrical fault, but the owner, Brq{n * 7} Ltd, denied that on Tuesday."
    )


def items_of(texts: list[str], count: int) -> Iterator[Item]:
    for n in range(count):
        yield Item(id=f"bench:{n}", article=Article(text=texts[n % len(texts)]))


def throughput(texts: list[str], count: int, extractor: str, **engine: object) -> dict[str, object]:
    """Seconds to start the engine and warm every worker, articles/s after that, and the
    CPU seconds of this process and of each child process in the timed part."""
    me = psutil.Process()
    started = time.perf_counter()
    options = DEFAULTS.with_(extractor=extractor)
    with open_engine(options, **engine) as opened:  # type: ignore[arg-type]
        warm = 2 * max(getattr(opened, "workers", 1), 1)
        for _ in paired(items_of(texts, warm), opened, chunk_size=1):
            pass
        ready = time.perf_counter()
        processes = [me, *me.children(recursive=True)]
        before = [cpu_seconds(p) for p in processes]
        machine = machine_busy()
        done = sum(1 for _ in paired(items_of(texts, count), opened))
        seconds = time.perf_counter() - ready
        machine = machine_busy() - machine
        used = [cpu_seconds(p) - b for p, b in zip(processes, before, strict=True)]
    return {
        "start": ready - started,
        "rate": done / seconds,
        "parent_cpu": used[0],
        "children_cpu": sorted((u for u in used[1:] if u >= 0.05), reverse=True),
        "others_cpu": max(machine - sum(used), 0.0),
    }


def machine_busy() -> float:
    """CPU seconds the whole machine has been busy (all cores, every process)."""
    times = psutil.cpu_times()  # not irq/softirq: they belong to no process (loopback TCP)
    return times.user + times.nice + times.system


def cpu_seconds(process: psutil.Process) -> float:
    """User + system CPU seconds so far (0 for a process that has gone)."""
    try:
        times = process.cpu_times()
    except psutil.Error:
        return 0.0
    return times.user + times.system


def throughput_apart(args: argparse.Namespace, count: int, engine: dict) -> dict[str, object]:
    """``throughput`` in a fresh Python process (this script with ``--arm``)."""
    command = [sys.executable, __file__, "--arm", json.dumps(engine), "--articles", str(count)]
    command += ["--chars", str(args.chars), "--data", str(args.data)]
    command += ["--extractor", args.extractor]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def tree_rss(process: psutil.Process) -> tuple[int, int]:
    """(RSS of a process and all its children, the largest single process's RSS)."""
    sizes = []
    for p in [process, *process.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            sizes.append(p.memory_info().rss)
    return sum(sizes), max(sizes, default=0)


def peak_memory(count: int, workers: int, extractor: str, folder: Path) -> tuple[int, int, float]:
    """Run `according batch` over ``count`` synthetic articles; (peak tree RSS, peak
    single-process RSS, seconds), sampling every 50 ms."""
    inputs, out = folder / f"in-{count}.jsonl", folder / f"out-{count}.jsonl"
    with inputs.open("w", encoding="utf-8") as f:
        for n in range(count):
            f.write(json.dumps({"text": synthetic(n)}) + "\n")
    config = folder / "settings.cfg"
    config.write_text(f"[according]\nextractor = {extractor}\n", encoding="utf-8")
    command = [sys.executable, "-m", "according.cli", "--config", str(config), "batch"]
    command += [str(inputs), "--out", str(out)]
    started = time.perf_counter()
    child = subprocess.Popen(
        [*command, "--workers", str(workers), "--overwrite"], stderr=subprocess.PIPE
    )
    peaks = [0, 0]
    stop = threading.Event()

    def sample() -> None:
        process = psutil.Process(child.pid)
        while not stop.is_set():
            total, single = tree_rss(process)
            peaks[0], peaks[1] = max(peaks[0], total), max(peaks[1], single)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = child.communicate()
    stop.set()
    sampler.join()
    if child.returncode not in (0, 1):
        raise SystemExit(f"batch failed: {stderr.decode()}")
    lines = sum(1 for _ in out.open("rb"))
    assert lines == count, f"{lines} records for {count} articles"
    return peaks[0], peaks[1], time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, help="articles per throughput run")
    parser.add_argument("--chars", type=int, default=3_000, help="characters per article")
    parser.add_argument("--data", type=Path, default=POLNEAR_DEV, help="PolNeAR dev.jsonl")
    parser.add_argument("--memory", help="input sizes for the memory runs, e.g. 1000,10000")
    parser.add_argument("--quick", action="store_true", help="small sizes: a few minutes")
    parser.add_argument("--workers", type=int, default=2, help="workers for the parallel runs")
    parser.add_argument(
        "--extractor", default=DEFAULTS.extractor, choices=extractor_names(), help="span extractor"
    )
    parser.add_argument("--arm", help=argparse.SUPPRESS)  # one engine, JSON (internal)
    args = parser.parse_args()
    count = args.articles or (40 if args.quick else 200)
    if args.arm:
        texts = polnear_texts(args.data, args.chars)
        print(json.dumps(throughput(texts, count, args.extractor, **json.loads(args.arm))))
        return
    sizes = [
        int(s) for s in (args.memory or ("300,3000" if args.quick else "1000,10000")).split(",")
    ]
    texts = polnear_texts(args.data, args.chars)
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(f"extractor: {args.extractor}")
    print(f"throughput: {count} articles of ~{words:.0f} words, {psutil.cpu_count()} cores")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in psutil.getloadavg())}")
    print(
        "  each engine in a fresh process; timed after every worker has loaded spaCy and"
        " analysed 2 articles (start-up apart); CPU s = CPU seconds in the timed part"
        " (other processes: the rest of the machine, which should be near 0)"
    )

    runs = {
        "1 worker": {"workers": 1},
        f"{args.workers} workers (local pool)": {"workers": args.workers},
        f"Dask local cluster, {args.workers} workers": {
            "workers": args.workers,
            "dask_local": True,
        },
    }
    rates = {}
    busy = False
    for name, engine in runs.items():
        run = throughput_apart(args, count, engine)
        rates[name] = run["rate"]
        children = " ".join(f"{c:.1f}" for c in run["children_cpu"]) or "none"
        print(
            f"  {name:34} {run['rate']:7.2f} articles/s  (start-up {run['start']:.1f} s;"
            f" CPU s: parent {run['parent_cpu']:.1f}, children {children},"
            f" other processes {run['others_cpu']:.1f})"
        )
        busy = busy or run["others_cpu"] > 1.0
    if busy:
        print("  (other processes used the CPU during a timed part: these figures are distorted)")
    one, pool, dask = rates.values()
    print(
        f"  ratio {args.workers} workers / 1: {pool / one:.2f}x   (target >= 1.7 on 2 idle cores)"
    )
    print(f"  ratio Dask / local pool: {dask / pool:.2f}x   (target >= 0.9)")

    print(f"memory: `according batch --workers {args.workers}` on synthetic articles")
    peaks = []
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            total, single, seconds = peak_memory(size, args.workers, args.extractor, Path(folder))
            peaks.append(total)
            print(
                f"  {size:>7,} articles: peak RSS of the process tree {total / 2**20:7.1f} MiB, "
                f"largest process {single / 2**20:6.1f} MiB  ({seconds:.0f} s)"
            )
    print(f"  ratio {sizes[-1]:,} / {sizes[0]:,}: {peaks[-1] / peaks[0]:.2f}x   (target <= 1.2)")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in psutil.getloadavg())}")


if __name__ == "__main__":
    main()
