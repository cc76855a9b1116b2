"""One module per CLI subcommand, each with ``register(subparsers)``."""

from __future__ import annotations

import argparse

from according.extract import EXTRACTOR_NAMES
from according.settings import Options, load_options


def add_extractor_option(p: argparse.ArgumentParser) -> None:
    """``--extractor NAME`` for a command that analyses articles (overrides the setting)."""
    p.add_argument(
        "--extractor",
        choices=EXTRACTOR_NAMES,
        help="span extractor (default: the `extractor` setting, hybrid); hybrid-crf is"
        " about 3.9x faster, with lower F1 (docs/model.md)",
    )


def options_from(args: argparse.Namespace) -> Options:
    """The options for a command: settings file, then flags that override it."""
    options = load_options(getattr(args, "config", None))
    extractor = getattr(args, "extractor", None)
    return options.with_(extractor=extractor) if extractor else options
