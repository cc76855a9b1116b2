"""The command line: a thin layer over the library functions.

Each subcommand lives in ``according.commands.<name>`` and exposes
``register(subparsers)``; the handler it sets returns an exit code. Errors the
user can fix (``AccordingError``) print as one line on stderr with exit 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from according import __version__
from according.errors import AccordingError
from according.render.controls import Filtered

COMMANDS = (
    "analyze",
    "evaluate",
    "batch",
    "serve",
    "add",
    "stories",
    "trace",
    "compare",
    "train",
)


def build_parser() -> argparse.ArgumentParser:
    """The full parser, with every registered subcommand."""
    parser = argparse.ArgumentParser(
        prog="according",
        description="According to whom? Attributions, sources, relay chains and certainty in news.",
    )
    parser.add_argument("--version", action="version", version=f"according {__version__}")
    parser.add_argument("--config", help="a settings file overriding according/settings.cfg")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"according.commands.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``according`` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    # Titles, file names and messages come from the input: no escape sequence of theirs
    # reaches the terminal (according.render.controls).
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = Filtered(sys.stdout), Filtered(sys.stderr)
    try:
        return args.handler(args)
    except AccordingError as exc:
        print(f"according: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("according: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    finally:
        sys.stdout, sys.stderr = streams


if __name__ == "__main__":
    sys.exit(main())
