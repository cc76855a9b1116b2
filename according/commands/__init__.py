"""One module per CLI subcommand, each with ``register(subparsers)``."""

from __future__ import annotations

import argparse

from according.settings import Options, load_options


def options_from(args: argparse.Namespace) -> Options:
    """The options for a command: settings file, then flags that override it."""
    return load_options(getattr(args, "config", None))
