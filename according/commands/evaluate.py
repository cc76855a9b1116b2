"""`according evaluate GOLD.jsonl`: span precision, recall and F1 against gold."""

from __future__ import annotations

import argparse
import json
import sys

from according.evaluate import evaluate_file, format_report
from according.extract import DEFAULT_EXTRACTOR, EXTRACTOR_NAMES


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("evaluate", help="score the extractor on gold attributions (JSONL)")
    p.add_argument("gold", help="a JSONL file in the PolNeAR format (see docs/evaluation.md)")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--limit", type=int, help="score only the first N articles")
    p.add_argument(
        "--extractor",
        choices=EXTRACTOR_NAMES,
        default=DEFAULT_EXTRACTOR,
        help=f"span extractor to score (default: {DEFAULT_EXTRACTOR})",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    scores = evaluate_file(args.gold, limit=args.limit, extractor=args.extractor)
    if args.json:
        sys.stdout.write(json.dumps(scores, indent=2) + "\n")
    else:
        sys.stdout.write(format_report(scores))
    return 0
