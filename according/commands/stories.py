"""`according stories`: the story clusters in the store, largest first."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from according.commands import SUMMARIES, add_format_option, options_from, output_format, store_path
from according.stories.report import stories_text
from according.stories.store import Store


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("stories", help=SUMMARIES["stories"])
    p.add_argument("--db", metavar="PATH", help="the store (default: store_path in the settings)")
    p.add_argument("--min-size", type=int, default=1, help="only stories with this many articles")
    add_format_option(p, ("text", "json"))
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    options = options_from(args)
    path = store_path(args, options)
    with Store(path, options, create=False) as store:
        rows = store.stories(min_size=args.min_size)
    if output_format(args) == "json":
        json.dump([asdict(r) for r in rows], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(stories_text(rows, path))
    return 0
