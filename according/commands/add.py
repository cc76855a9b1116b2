"""`according add INPUT...`: analyse articles and keep them in the story store.

``according.store_import.import_articles`` does the work (through the batch engine,
so a large import can use every core with ``--workers`` or a Dask cluster with
``--scheduler``); this command prints a line per article and the totals.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from according.commands import (
    SUMMARIES,
    add_extractor_option,
    add_format_option,
    options_from,
    output_format,
    store_path,
)
from according.errors import InputError
from according.pipeline import Failure
from according.progress import Progress, plural
from according.store_import import import_articles
from according.stories.report import added_line
from according.stories.store import Added, Store


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "add",
        help=SUMMARIES["add"],
        description="Each new article is analysed, stored in one transaction and assigned to "
        "a story; an article already stored (same canonical URL or same text) is skipped.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders, URLs, JSONL, WARC")
    p.add_argument("--db", metavar="PATH", help="the store (default: store_path in the settings)")
    p.add_argument(
        "--workers", type=int, help="analysis processes (default: all cores, as for batch)"
    )
    p.add_argument("--scheduler", metavar="ADDRESS", help="analyse on a Dask cluster")
    p.add_argument("--dask-local", action="store_true", help="analyse on a local Dask cluster")
    add_format_option(p, ("text", "jsonl"), json_as="jsonl")
    add_extractor_option(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    options = options_from(args)
    fmt = output_format(args)
    if args.workers is not None and args.workers < 0:
        raise InputError("--workers must be at least 1 (or 0 for all cores)")
    path = store_path(args, options)
    counts = {"added": 0, "duplicate": 0, "failed": 0}
    with Store(path, options) as store, Progress(label="articles") as progress:
        stream = import_articles(
            args.inputs,
            store,
            options,
            workers=args.workers or None,
            scheduler=args.scheduler,
            dask_local=args.dask_local,
        )
        for item, added in stream:
            if isinstance(added, Failure):
                counts["failed"] += 1
                progress.step(error=True)
                _failed(fmt, item.id, added, progress)
                continue
            counts["duplicate" if added.duplicate else "added"] += 1
            progress.step()
            _print(fmt, item.id, added, progress)
        total = len(store.stories())
        stale = store.stale()
    print(
        f"{counts['added']:,} added, {counts['duplicate']:,} already stored, "
        f"{counts['failed']:,} failed; {plural(total, 'story', 'stories')} in {path}",
        file=sys.stderr,
    )
    if stale:
        print(
            f"according: note: {plural(stale, 'stored article')} keyed by an older version of "
            f"according, which new articles meet by names only after `according reindex --db "
            f"{path}`",
            file=sys.stderr,
        )
    return 1 if counts["failed"] else 0


def _print(fmt: str, name: str, added: Added, progress: Progress) -> None:
    if fmt == "jsonl":
        progress.emit(json.dumps({"input": name, **asdict(added)}))
    else:
        progress.emit(added_line(name, added))


def _failed(fmt: str, name: str, failure: Failure, progress: Progress) -> None:
    message = failure.error
    if fmt == "jsonl":
        progress.emit(json.dumps({"input": name, **failure.record(name)}))
    text = message if message.startswith(name) else f"{name}: {message}"
    progress.emit(f"according: error: {text}", sys.stderr)
