"""`according add INPUT...`: analyse articles and keep them in the story store."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import asdict

from according.commands import options_from
from according.errors import InputError
from according.ingest import Item, read_inputs
from according.settings import Options
from according.stories.report import added_line
from according.stories.store import Added, Store


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "add",
        help="analyse articles and add them to the story store",
        description="Each new article is analysed, stored in one transaction and assigned to "
        "a story; an article already stored (same canonical URL or same text) is skipped.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders, URLs, JSONL, WARC")
    p.add_argument("--db", metavar="PATH", help="the store (default: store_path in the settings)")
    p.add_argument("--workers", type=int, default=1, help="analysis processes (default: 1)")
    p.add_argument("--json", action="store_true", help="one JSON line per input article")
    p.set_defaults(handler=run)


def store_path(args: argparse.Namespace, options: Options) -> str:
    """The store a command uses: --db, else the settings' store_path."""
    return getattr(args, "db", None) or options.store_path


def _analysed(items: Iterator[Item], options: Options, workers: int) -> Iterator[tuple]:
    """(item, Analysis or error message), through the batch engine when it is installed."""
    try:
        from according.batch import analyze_stream
    except ImportError:  # the batch engine is optional: analyse here, one by one
        from according.errors import AccordingError
        from according.pipeline import analyze

        for item in items:
            try:
                yield item, analyze(item.article, options) if not item.error else item.error
            except AccordingError as exc:
                yield item, str(exc)
        return
    for item, result in analyze_stream(items, options, workers=workers):
        yield item, getattr(result, "error", result)


def run(args: argparse.Namespace) -> int:
    options = options_from(args)
    if args.workers < 1:
        raise InputError("--workers must be at least 1")
    path = store_path(args, options)
    counts = {"added": 0, "duplicate": 0, "failed": 0}
    with Store(path, options) as store:

        def fresh(items: Iterator[Item]) -> Iterator[Item]:
            for item in items:
                if (
                    item.article is not None
                    and (found := store.find(item.article.url, item.article.text)) is not None
                ):
                    _report(args, item.id, store, found)
                    counts["duplicate"] += 1
                    continue
                yield item

        for item, result in _analysed(
            fresh(read_inputs(args.inputs, options)), options, args.workers
        ):
            if isinstance(result, str):
                counts["failed"] += 1
                _failed(args, item.id, result)
                continue
            added = store.add(result)
            counts["duplicate" if added.duplicate else "added"] += 1
            _print(args, item.id, added)
        total = len(store.stories())
    print(
        f"{counts['added']} added, {counts['duplicate']} already stored, {counts['failed']} "
        f"failed; {total} stories in {path}",
        file=sys.stderr,
    )
    return 1 if counts["failed"] else 0


def _report(args: argparse.Namespace, name: str, store: Store, article_id: int) -> None:
    story = store.article(article_id).story_id
    _print(args, name, Added(article_id, story, duplicate=True))


def _print(args: argparse.Namespace, name: str, added: Added) -> None:
    if args.json:
        print(json.dumps({"input": name, **asdict(added)}))
    else:
        print(added_line(name, added))


def _failed(args: argparse.Namespace, name: str, message: str) -> None:
    if args.json:
        print(json.dumps({"input": name, "error": message}))
    print(
        f"according: error: {message if message.startswith(name) else f'{name}: {message}'}",
        file=sys.stderr,
    )
