"""`according compare A B`: what changed in meaning between two versions of an article.

A and B are files, URLs or anything ``according.ingest`` reads, or the ids of
stored articles (``according compare 3 7``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from according.analysis import Analysis
from according.article import Article
from according.commands import (
    SUMMARIES,
    add_extractor_option,
    add_format_option,
    options_from,
    output_format,
    store_path,
)
from according.errors import InputError
from according.ingest import read_inputs
from according.settings import Options
from according.stories.store import Store
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


def load(name: str, args: argparse.Namespace, options: Options) -> Article | Analysis:
    """One side: a stored article by id, or the one article an input holds."""
    if name.isdigit() and not Path(name).exists():
        with Store(store_path(args, options), options, create=False) as store:
            return store.analysis(int(name))
    items = list(read_inputs([name], options))
    if len(items) != 1:
        raise InputError(f"{name} holds {len(items)} articles; compare takes one on each side")
    if items[0].error:
        raise InputError(items[0].error)
    return items[0].article


def run(args: argparse.Namespace) -> int:
    options = options_from(args)
    result = compare(load(args.a, args, options), load(args.b, args, options), options)
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
