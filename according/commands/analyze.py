"""`according analyze INPUT...`: analyse articles and print a report or JSON.

One plain input (a text or HTML file, a URL, '-') prints one report, or one JSON
document with ``--json``. Several inputs, a folder, a JSONL file or a WARC archive
print one result per article in input order (``--json``: one JSON line each, with
its input ``id``); an article that fails becomes ``{"id", "error", "error_kind"}``
and the rest go on, and the exit code is 1 if any failed.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from collections.abc import Iterable
from typing import Any

from according.batch import unread
from according.batch.engines import guard_memory
from according.commands import (
    SUMMARIES,
    add_extractor_option,
    add_format_option,
    options_from,
    output_format,
)
from according.errors import AccordingError
from according.ingest import ArchiveStats, Item, is_collection, read_inputs
from according.pipeline import Failure, Result, analyze_one
from according.progress import Progress
from according.render import csv_out, html, render
from according.settings import Options

# text, json (one document; one line per article for several), jsonl, html, csv
FORMATS = ("text", "json", "jsonl", "html", "csv")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "analyze",
        help=SUMMARIES["analyze"],
        description=__doc__.split("\n\n", 1)[1],
    )
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="a text or HTML file, a folder, a .jsonl file, a .warc(.gz) archive, "
        "an http(s) URL, or '-' for stdin",
    )
    add_format_option(p, FORMATS)
    add_extractor_option(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    options = options_from(args)
    fmt = output_format(args)
    done = threading.Event()  # ends the memory guard with the command (cli.main in-process)
    guard = guard_memory(options, done)
    stats = ArchiveStats()
    try:
        items = read_inputs(args.inputs, options, stats)
        if len(args.inputs) == 1 and not is_collection(args.inputs[0]):
            return run_one(next(items), fmt, options)
        return run_many(items, fmt, options)
    finally:
        done.set()
        if guard is not None:
            guard.join(timeout=2)
        if stats.archives:
            print(f"according: {stats.summary()}", file=sys.stderr)


def run_one(item: Item, fmt: str, options: Options) -> int:
    """One article: its report, or a one-line error (exit 2)."""
    result = analyze_item(item, options)
    if isinstance(result, Failure):
        raise AccordingError(message(result))
    sys.stdout.write(render(fmt, result).rstrip("\n") + "\n")
    return 0


def run_many(items: Iterable[Item], fmt: str, options: Options) -> int:
    """Every article in order, streaming; failures reported per item, exit 1 if any."""
    failures = 0
    header = fmt == "csv"  # the CSV header once, before the first article's rows
    with Progress(label="articles") as progress:
        for item in items:
            result = analyze_item(item, options)
            failed = isinstance(result, Failure)
            progress.step(error=failed)
            if isinstance(result, Failure):
                failures += 1
                error = message(result).removeprefix(f"{item.id}: ")
                if fmt not in ("json", "jsonl"):
                    progress.emit(f"according: error: {item.id}: {error}", sys.stderr)
                    continue
                output = json.dumps({**result.record(item.id), "error": error}, ensure_ascii=False)
            elif fmt == "csv":
                output = csv_out.render(result, header=header, article=item.id)
                header = False
            elif fmt in ("json", "jsonl"):
                record: dict[str, Any] = {"id": item.id, **result.to_dict()}
                output = json.dumps(record, ensure_ascii=False)
            elif fmt == "html":  # one document per article, the id inside it, escaped
                output = html.render(result, label=item.id)
            else:
                output = f"# {item.id}\n" + render(fmt, result)
            if output.strip():
                progress.emit(output.rstrip("\n"))
    return 1 if failures else 0


def analyze_item(item: Item, options: Options) -> Result:
    """One input item's analysis (``pipeline.analyze_one``), or why it has none."""
    if item.error or item.article is None:
        return unread(item)
    return analyze_one(item.article, options)


def message(failure: Failure) -> str:
    """What the user reads for a failure: its message, or a bug to report."""
    if failure.kind == "internal":
        return f"internal error ({failure.error}); please report it"
    return failure.error
