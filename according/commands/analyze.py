"""`according analyze INPUT...`: analyse articles and print a report or JSON."""

from __future__ import annotations

import argparse
import sys

from according.commands import options_from
from according.errors import InputError
from according.ingest import read_inputs
from according.pipeline import analyze
from according.render import RENDERERS, render
from according.render.json_out import render_line


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("analyze", help="analyse articles (text files, '-' for stdin)")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="a file, or '-' for stdin")
    p.add_argument("--json", action="store_true", help="print the analysis as JSON")
    p.add_argument("--format", choices=sorted(RENDERERS), help="output format (default: text)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    options = options_from(args)
    fmt = "json" if args.json else (args.format or "text")
    items = list(read_inputs(args.inputs, options))
    if len(items) == 1:
        item = items[0]
        if item.error:
            raise InputError(item.error)
        sys.stdout.write(render(fmt, analyze(item.article, options)).rstrip("\n") + "\n")
        return 0
    failures = 0
    for item in items:
        try:
            if item.error:
                raise InputError(item.error)
            analysis = analyze(item.article, options)
        except InputError as exc:
            failures += 1
            print(f"according: error: {item.id}: {exc}", file=sys.stderr)
            continue
        if fmt == "json":
            sys.stdout.write(render_line(analysis) + "\n")
        else:
            sys.stdout.write(render(fmt, analysis))
    return 1 if failures else 0
