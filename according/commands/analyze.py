"""`according analyze INPUT...`: analyse articles and print a report or JSON.

One plain input (a text or HTML file, a URL, '-') prints one report, or one JSON
document with ``--json``. Several inputs, a folder, a JSONL file or a WARC archive
print one result per article in input order (``--json``: one JSON line each, with
its input ``id``); an article that fails becomes ``{"id": ..., "error": ...}`` and
the rest go on, and the exit code is 1 if any failed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from typing import Any

from according.batch.deadline import ArticleTimeout, time_limit
from according.batch.engines import guard_memory
from according.commands import add_extractor_option, options_from
from according.errors import AccordingError, InputError
from according.ingest import ArchiveStats, Item, is_collection, read_inputs
from according.pipeline import analyze
from according.progress import Progress
from according.render import RENDERERS, html, render
from according.settings import Options


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "analyze",
        help="analyse articles: text or HTML files, folders, JSONL, WARC, URLs, '-' for stdin",
        description=__doc__.split("\n\n", 1)[1],
    )
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="a text or HTML file, a folder, a .jsonl file, a .warc(.gz) archive, "
        "an http(s) URL, or '-' for stdin",
    )
    p.add_argument("--json", action="store_true", help="print JSON (one line per article)")
    p.add_argument("--format", choices=sorted(RENDERERS), help="output format (default: text)")
    add_extractor_option(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    options = options_from(args)
    fmt = "json" if args.json else (args.format or "text")
    guard_memory(options)
    stats = ArchiveStats()
    items = read_inputs(args.inputs, options, stats)
    if len(args.inputs) == 1 and not is_collection(args.inputs[0]):
        return run_one(next(items), fmt, options)
    try:
        return run_many(items, fmt, options)
    finally:
        if stats.archives:
            print(f"according: {stats.summary()}", file=sys.stderr)


def run_one(item: Item, fmt: str, options: Options) -> int:
    """One article: its report, or a one-line error (exit 2)."""
    if item.error or item.article is None:
        raise InputError(item.error or f"{item.id}: nothing could be read")
    with time_limit(options.item_timeout):
        analysis = analyze(item.article, options)
    sys.stdout.write(render(fmt, analysis).rstrip("\n") + "\n")
    return 0


def run_many(items: Iterable[Item], fmt: str, options: Options) -> int:
    """Every article in order, streaming; failures reported per item, exit 1 if any."""
    failures = 0
    with Progress(label="articles") as progress:
        for item in items:
            output, error = analyse_item(item, fmt, options)
            progress.step(error=error is not None)
            if error is not None:
                failures += 1
                if fmt == "json":
                    output = json.dumps({"id": item.id, "error": error}, ensure_ascii=False)
                else:
                    print(f"according: error: {item.id}: {error}", file=sys.stderr)
                    continue
            sys.stdout.write(output.rstrip("\n") + "\n")
            sys.stdout.flush()
    return 1 if failures else 0


def analyse_item(item: Item, fmt: str, options: Options) -> tuple[str, str | None]:
    """The rendered result for one item, or ('', error message)."""
    try:
        if item.error or item.article is None:
            raise InputError(item.error or "nothing could be read")
        with time_limit(options.item_timeout):
            analysis = analyze(item.article, options)
    except ArticleTimeout as exc:
        return "", str(exc)
    except AccordingError as exc:
        return "", _without_id(str(exc), item.id)
    except Exception as exc:  # noqa: BLE001 - one bad article must not end a batch
        return "", f"internal error ({type(exc).__name__}: {exc}); please report it"
    if fmt == "json":
        record: dict[str, Any] = {"id": item.id, **analysis.to_dict()}
        return json.dumps(record, ensure_ascii=False), None
    if fmt == "html":  # one document per article, the id inside it, escaped
        return html.render(analysis, label=item.id), None
    return f"# {item.id}\n" + render(fmt, analysis), None


def _without_id(message: str, item_id: str) -> str:
    return message.removeprefix(f"{item_id}: ")
