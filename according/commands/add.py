"""`according add INPUT...`: analyse articles and keep them in the story store.

The analysis goes through the batch engine (``according.batch.analyze_stream``), so
a large import can use every core (``--workers``) or a Dask cluster (``--scheduler``);
the store itself is written here, one transaction per article, in input order.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass

from according.article import Article
from according.batch import Failure, analyze_stream
from according.commands import add_extractor_option, options_from
from according.errors import InputError
from according.ingest import Item, read_inputs
from according.progress import Progress
from according.settings import Options
from according.stories import language
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
    p.add_argument(
        "--workers", type=int, default=1, help="analysis processes (default: 1; 0: all cores)"
    )
    p.add_argument("--scheduler", metavar="ADDRESS", help="analyse on a Dask cluster")
    p.add_argument("--dask-local", action="store_true", help="analyse on a local Dask cluster")
    p.add_argument("--json", action="store_true", help="one JSON line per input article")
    add_extractor_option(p)
    p.set_defaults(handler=run)


def store_path(args: argparse.Namespace, options: Options) -> str:
    """The store a command uses: --db, else the settings' store_path."""
    return getattr(args, "db", None) or options.store_path


@dataclass
class Stored(Item):
    """An input the store already holds: reported in its place, not analysed again."""

    stored_id: int = 0


@dataclass
class Unsupported(Item):
    """An article in a language the analysis does not support: stored and placed, not analysed."""

    unanalysed: Article | None = None


def marked(items: Iterable[Item], store: Store) -> Iterator[Item]:
    """The items, with those already in the store replaced by ``Stored`` markers."""
    for item in items:
        if item.article is not None:
            found = store.find(item.article.url, item.article.text)
            if found is not None:
                yield Stored(id=item.id, stored_id=found)
                continue
            lang = language.article_language(item.article.text)
            if lang not in language.SUPPORTED:
                item.article.lang = lang
                yield Unsupported(id=item.id, unanalysed=item.article)
                continue
        yield item


def run(args: argparse.Namespace) -> int:
    options = options_from(args)
    if args.workers < 0:
        raise InputError("--workers must be at least 1 (or 0 for all cores)")
    path = store_path(args, options)
    counts = {"added": 0, "duplicate": 0, "failed": 0}
    with Store(path, options) as store, Progress(label="articles") as progress:
        stream = analyze_stream(
            marked(read_inputs(args.inputs, options), store),
            options,
            workers=args.workers or None,
            scheduler=args.scheduler,
            dask_local=args.dask_local,
        )
        for item, result in stream:
            if isinstance(item, Stored):
                added = Added(item.stored_id, store.article(item.stored_id).story_id, True)
            elif isinstance(item, Unsupported):
                added = store.add(language.unanalysed(item.unanalysed))
            elif isinstance(result, Failure):
                counts["failed"] += 1
                progress.step(error=True)
                _failed(args, item.id, result.error)
                continue
            else:
                added = store.add(result)
            counts["duplicate" if added.duplicate else "added"] += 1
            progress.step()
            _print(args, item.id, added)
        total = len(store.stories())
    print(
        f"{counts['added']} added, {counts['duplicate']} already stored, {counts['failed']} "
        f"failed; {total} stories in {path}",
        file=sys.stderr,
    )
    return 1 if counts["failed"] else 0


def _print(args: argparse.Namespace, name: str, added: Added) -> None:
    if args.json:
        print(json.dumps({"input": name, **asdict(added)}), flush=True)
    else:
        print(added_line(name, added), flush=True)


def _failed(args: argparse.Namespace, name: str, message: str) -> None:
    if args.json:
        print(json.dumps({"input": name, "error": message}), flush=True)
    print(
        f"according: error: {message if message.startswith(name) else f'{name}: {message}'}",
        file=sys.stderr,
    )
