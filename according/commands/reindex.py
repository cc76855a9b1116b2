"""`according reindex`: re-key the articles an older version of according stored.

A store written before a change to how names, numbers and dates are keyed keeps the
old keys, so new articles miss the older ones by names; ``Store.reindex`` re-keys them
in batches, one transaction each, and a re-key stopped at any point resumes.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from according.commands import SUMMARIES, add_format_option, options_from, output_format, store_path
from according.errors import InputError
from according.progress import Progress, plural
from according.stories.store import REINDEX_BATCH, Store


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "reindex",
        help=SUMMARIES["reindex"],
        description="Re-keys, from their stored text, the articles keyed by an older version "
        "of the story index, a batch per transaction; safe to stop and run again.",
    )
    p.add_argument("--db", metavar="PATH", help="the store (default: store_path in the settings)")
    p.add_argument(
        "--batch", type=int, default=REINDEX_BATCH, help="articles per transaction (default: 200)"
    )
    add_format_option(p, ("text", "json"))
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.batch < 1:
        raise InputError("--batch must be at least 1")
    options = options_from(args)
    path = store_path(args, options)
    with Store(path, options, create=False) as store, Progress(label="articles") as progress:
        progress.total = store.stale()
        done = store.reindex(args.batch, progress=lambda _, n: progress.step(n))
    if output_format(args) == "json":
        json.dump(asdict(done), sys.stdout)
        sys.stdout.write("\n")
        return 0
    print(
        f"{plural(done.articles, 'article')} re-keyed ({plural(done.keys, 'key')} changed), "
        f"{done.left:,} left keyed by an older version in {path}",
        file=sys.stderr,
    )
    return 0
