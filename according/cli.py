"""The command line: a thin layer over the library functions.

Each subcommand lives in ``according.commands.<name>`` and exposes
``register(subparsers)``; the handler it sets returns an exit code. Errors the
user can fix (``AccordingError``) print as one line on stderr with exit 2.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import sys
from collections.abc import Iterable, Sequence

from according.commands import SUMMARIES
from according.controls import Filtered
from according.errors import AccordingError
from according.version import __version__

COMMANDS = tuple(SUMMARIES)


def build_parser(full: Iterable[str] = COMMANDS) -> argparse.ArgumentParser:
    """The parser; the commands in ``full`` with all their options (their modules are
    imported), the others as one-line entries, so ``according --help`` loads no models."""
    parser = argparse.ArgumentParser(
        prog="according",
        description="According to whom? Attributions, sources, relay chains and certainty in news.",
    )
    parser.add_argument("--version", action="version", version=f"according {__version__}")
    parser.add_argument("--config", help="a settings file overriding according/settings.cfg")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    full = set(full)
    for name in COMMANDS:
        if name in full:
            importlib.import_module(f"according.commands.{name}").register(subparsers)
        else:
            subparsers.add_parser(name, help=SUMMARIES[name])
    for sub in subparsers.choices.values():  # --config after the command too
        sub.add_argument(
            "--config", default=argparse.SUPPRESS, help="a settings file (as before the command)"
        )
    return parser


def command_in(argv: Sequence[str]) -> str | None:
    """The subcommand ``argv`` names (the first word that is not an option or its value)."""
    words = iter(argv)
    for word in words:
        if word == "--config":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def suggestion(word: str) -> str | None:
    """A command close to a mistyped one ("analyse" -> "analyze")."""
    close = difflib.get_close_matches(word, COMMANDS, n=1, cutoff=0.6)
    return close[0] if close else None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``according`` command."""
    argv = list(sys.argv[1:] if argv is None else argv)
    name = command_in(argv)
    if name is not None and name not in COMMANDS:
        hint = suggestion(name)
        tip = f"; did you mean '{hint}'?" if hint else f"; choose from {', '.join(COMMANDS)}"
        print(f"according: error: unknown command '{name}'{tip}", file=sys.stderr)
        return 2
    parser = build_parser(full=[name] if name else [])
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    # Titles, file names and messages come from the input: no escape sequence of theirs
    # reaches the terminal (according.controls).
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
