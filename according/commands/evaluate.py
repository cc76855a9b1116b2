"""`according evaluate GOLD.jsonl`: scores against gold spans (PolNeAR) or real articles."""

from __future__ import annotations

import argparse
import json
import sys

from according import evaluate, evaluate_real
from according.commands import SUMMARIES, add_extractor_option, options_from

FORMATS = ("auto", "polnear", "real")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("evaluate", help=SUMMARIES["evaluate"])
    p.add_argument("gold", help="a JSONL file: PolNeAR spans or real_dev articles")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--limit", type=int, help="score only the first N articles")
    p.add_argument(
        "--format",
        choices=FORMATS,
        default="auto",
        help="gold format (default: auto, from the first record's fields)",
    )
    p.add_argument(
        "--errors", metavar="FILE", help="real format: write every disagreement to FILE (JSON)"
    )
    add_extractor_option(p)
    p.set_defaults(handler=run)


def detect_format(path: str) -> str:
    """``real`` when the first record has ``sources`` and ``claims``, else ``polnear``."""
    first = next(evaluate.read_gold(path, limit=1), {})
    return "real" if "claims" in first and "sources" in first else "polnear"


def run(args: argparse.Namespace) -> int:
    extractor = options_from(args).extractor
    kind = detect_format(args.gold) if args.format == "auto" else args.format
    if kind == "real":
        scores, errors = evaluate_real.evaluate_path(
            args.gold, limit=args.limit, extractor=extractor
        )
        if args.errors:
            with open(args.errors, "w", encoding="utf-8") as handle:
                json.dump(errors, handle, indent=1, ensure_ascii=False)
        report = evaluate_real.format_report
    else:
        scores = evaluate.evaluate_file(args.gold, limit=args.limit, extractor=extractor)
        report = evaluate.format_report
    sys.stdout.write(json.dumps(scores, indent=2) + "\n" if args.json else report(scores))
    return 0
