"""One module per CLI subcommand, each with ``register(subparsers)``."""

from __future__ import annotations

import argparse

from according.errors import InputError
from according.settings import Options, load_options

# One line per command, in the order `according --help` lists them (the one place).
SUMMARIES = {
    "analyze": "analyse articles: text or HTML files, folders, JSONL, WARC, URLs, '-' for stdin",
    "evaluate": "score the analysis on gold attributions or annotated real articles",
    "batch": "analyse many articles on all cores or a Dask cluster into a JSONL file",
    "serve": "run the web app and HTTP API",
    "add": "analyse articles and add them to the story store",
    "stories": "list the stories in the store",
    "trace": "relay graph and common origin of a story",
    "reindex": "re-key stored articles keyed by an older version of the story index",
    "compare": "what changed in meaning between two versions of an article",
    "train": "rebuild the learned attribution tagger from PolNeAR train (deterministic)",
}


def add_extractor_option(p: argparse.ArgumentParser) -> None:
    """``--extractor NAME`` for a command that analyses articles (overrides the setting)."""
    p.add_argument(
        "--extractor",
        metavar="NAME",
        help="span extractor: hybrid (the default `extractor` setting), hybrid-crf (about"
        " 3.9x faster, lower F1), learned, rules or crf (docs/model.md)",
    )


def add_format_option(
    p: argparse.ArgumentParser, choices: tuple[str, ...], json_as: str = "json"
) -> None:
    """``--format`` (the first choice is the default) and ``--json``, its synonym for
    ``--format JSON_AS``; the two together must agree (``output_format``)."""
    p.add_argument("--format", choices=choices, help=f"output format (default: {choices[0]})")
    p.add_argument("--json", action="store_true", help=f"the same as --format {json_as}")
    p.set_defaults(format_choices=choices, json_as=json_as)


def output_format(args: argparse.Namespace) -> str:
    """The format a command writes: ``--format``, ``--json``, else the first choice."""
    chosen = getattr(args, "format", None)
    if getattr(args, "json", False):
        if chosen not in (None, "json", "jsonl"):
            raise InputError(f"--json and --format {chosen} contradict each other; choose one")
        return chosen or args.json_as
    return chosen or args.format_choices[0]


def store_path(args: argparse.Namespace, options: Options) -> str:
    """The store a command uses: --db, else the settings' store_path."""
    return getattr(args, "db", None) or options.store_path


def options_from(args: argparse.Namespace) -> Options:
    """The options for a command: settings file, then flags that override it."""
    from according.extract import extractor  # the models' code: only for a command that runs

    options = load_options(getattr(args, "config", None))
    try:
        extractor(options.extractor)  # a name from a settings file, not yet checked
    except InputError as exc:
        raise InputError(f"settings: {exc}") from None
    chosen = getattr(args, "extractor", None)
    if chosen:
        extractor(chosen)
    return options.with_(extractor=chosen) if chosen else options
