"""`according batch INPUT... --out results.jsonl`: every item, every core, resumable."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from according.batch import run_batch
from according.commands import SUMMARIES, add_extractor_option, options_from
from according.errors import InputError
from according.ingest import JSONL_SUFFIXES, walk
from according.ingest.warc import is_warc


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "batch",
        help=SUMMARIES["batch"],
        description="One JSONL record per input item, in input order: "
        '{"id", "extractor", "analysis"} or {"id", "extractor", "error", "error_kind"}.',
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders, JSONL, WARC")
    p.add_argument("--out", required=True, help="the JSONL results file ('-': standard output)")
    p.add_argument("--workers", type=int, help="local worker processes (default: all cores)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="a Dask scheduler, e.g. tcp://host:8786")
    p.add_argument("--dask-local", action="store_true", help="run on a local Dask cluster")
    p.add_argument("--resume", action="store_true", help="continue a results file after a stop")
    p.add_argument("--overwrite", action="store_true", help="replace an existing results file")
    add_extractor_option(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.workers is not None and args.workers < 1:
        raise InputError("--workers must be at least 1")
    if args.resume and args.overwrite:
        raise InputError("--resume and --overwrite contradict each other; choose one")
    summary = run_batch(
        args.inputs,
        args.out,
        options_from(args),
        workers=args.workers,
        scheduler=args.scheduler,
        dask_local=args.dask_local,
        resume=args.resume,
        overwrite=args.overwrite,
        total=count_items(args.inputs) if sys.stderr.isatty() else None,
    )
    where = "on standard output" if args.out == "-" else f"in {args.out}"
    print(f"according batch: {summary.line()}; results {where}", file=sys.stderr)
    return 1 if summary.failed else 0  # an earlier run's error records count too


def count_items(inputs: list[str]) -> int | None:
    """A cheap count of input items for the ETA: a file counts 1, a JSONL file a line each,
    a folder what it holds. None when it cannot be known without reading everything
    (WARC archives, stdin, URLs).
    """
    total = 0
    for name in inputs:
        path = Path(name)
        files = walk(path) if path.is_dir() else [path]
        for file in files:
            count = _count_file(file)
            if count is None:
                return None
            total += count
    return total


def _count_file(path: Path) -> int | None:
    if not path.is_file() or is_warc(path):
        return None
    if path.name.lower().endswith(JSONL_SUFFIXES):
        with path.open("rb") as f:
            return sum(1 for line in f if line.strip())
    return 1
