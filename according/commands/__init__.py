"""One module per CLI subcommand, each with ``register(subparsers)``."""

from __future__ import annotations

import argparse

from according.errors import InputError
from according.extract import extractor, extractor_names
from according.settings import Options, load_options


def add_extractor_option(p: argparse.ArgumentParser) -> None:
    """``--extractor NAME`` for a command that analyses articles (overrides the setting)."""
    p.add_argument(
        "--extractor",
        choices=extractor_names(),
        help="span extractor (default: the `extractor` setting, hybrid); hybrid-crf is"
        " about 3.9x faster, with lower F1 (docs/model.md)",
    )


def store_path(args: argparse.Namespace, options: Options) -> str:
    """The store a command uses: --db, else the settings' store_path."""
    return getattr(args, "db", None) or options.store_path


def options_from(args: argparse.Namespace) -> Options:
    """The options for a command: settings file, then flags that override it."""
    options = load_options(getattr(args, "config", None))
    try:
        extractor(options.extractor)  # a name from a settings file, not yet checked
    except InputError as exc:
        raise InputError(f"settings: {exc}") from None
    chosen = getattr(args, "extractor", None)
    return options.with_(extractor=chosen) if chosen else options
