"""`according trace STORY_ID`: where a story's claims came from."""

from __future__ import annotations

import argparse
import json
import sys

from according.commands import SUMMARIES, add_format_option, options_from, output_format, store_path
from according.errors import InputError
from according.stories.report import trace_text
from according.stories.store import Store
from according.story_report import html_report, story_trace


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("trace", help=SUMMARIES["trace"])
    p.add_argument("story", metavar="STORY_ID", help="a story id from `according stories`")
    p.add_argument("--db", metavar="PATH", help="the store (default: store_path in the settings)")
    add_format_option(p, ("text", "json", "html"))  # html: one page with the relay graph
    p.add_argument(
        "--changes",
        action="store_true",
        help="compare each version with the original (always done for --format html)",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if not args.story.isdigit():
        raise InputError(
            f"story ids are numbers, not {args.story!r}; `according stories` lists them"
        )
    options = options_from(args)
    fmt = output_format(args)
    with Store(store_path(args, options), options, create=False) as store:
        result = story_trace(store, int(args.story), args.changes or fmt == "html", options)
    if fmt == "html":
        sys.stdout.write(html_report(result))
    elif fmt == "json":
        json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(trace_text(result))
    return 0
