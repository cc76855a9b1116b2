"""`according trace STORY_ID`: where a story's claims came from."""

from __future__ import annotations

import argparse
import json
import sys

from according.commands import SUMMARIES, options_from, store_path
from according.errors import InputError
from according.stories.report import trace_text
from according.stories.store import Store
from according.stories.trace import trace_story


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("trace", help=SUMMARIES["trace"])
    p.add_argument("story", metavar="STORY_ID", help="a story id from `according stories`")
    p.add_argument("--db", metavar="PATH", help="the store (default: store_path in the settings)")
    p.add_argument("--json", action="store_true", help="print the trace as JSON")
    p.add_argument(
        "--format",
        choices=("text", "json", "html"),
        help="output format (default: text); html: one self-contained page with the relay graph",
    )
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
    with Store(store_path(args, options), options, create=False) as store:
        changes = args.changes or args.format == "html"
        result = trace_story(store, int(args.story), changes=changes)
    if args.format == "html":
        from according.render.story_html import render

        sys.stdout.write(render(result))
    elif args.json or args.format == "json":
        json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(trace_text(result))
    return 0
