"""`according evaluate GOLD.jsonl`: span precision, recall and F1 against gold."""

from __future__ import annotations

import argparse
import json
import sys

from according.commands import add_extractor_option, options_from
from according.evaluate import evaluate_file, format_report


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("evaluate", help="score the extractor on gold attributions (JSONL)")
    p.add_argument("gold", help="a JSONL file in the PolNeAR format (see docs/evaluation.md)")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--limit", type=int, help="score only the first N articles")
    add_extractor_option(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    options = options_from(args)
    scores = evaluate_file(args.gold, limit=args.limit, extractor=options.extractor)
    if args.json:
        sys.stdout.write(json.dumps(scores, indent=2) + "\n")
    else:
        sys.stdout.write(format_report(scores))
    return 0
