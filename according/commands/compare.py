"""`according compare A B`: what changed in meaning between two versions of an article.

A and B are files, URLs or anything ``according.ingest`` reads, or the ids of
stored articles (``according compare 3 7``).
"""

from __future__ import annotations

import argparse
import json
import sys

from according.api import version
from according.commands import (
    SUMMARIES,
    add_extractor_option,
    add_format_option,
    options_from,
    output_format,
    store_path,
)
from according.versions.compare import compare
from according.versions.report import comparison_text

FORMATS = ("text", "json", "html")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "compare",
        help=SUMMARIES["compare"],
        description="A and B: files, URLs, or ids of stored articles.",
    )
    p.add_argument("a", metavar="A", help="the earlier version (file, URL or stored article id)")
    p.add_argument("b", metavar="B", help="the later version")
    p.add_argument("--db", metavar="PATH", help="the store, for article ids")
    add_format_option(p, FORMATS)
    add_extractor_option(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    options = options_from(args)
    options = options.with_(store_path=store_path(args, options))
    result = compare(version(args.a, options), version(args.b, options), options)
    fmt = output_format(args)
    if fmt == "json":
        json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif fmt == "html":
        from according.render import compare_html

        sys.stdout.write(compare_html.render(result))
    else:
        sys.stdout.write(comparison_text(result))
    for warning in result.warnings:
        print(f"according: warning: {warning}", file=sys.stderr)
    return 0
