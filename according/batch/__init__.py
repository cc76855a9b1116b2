"""Batch analysis: a stream of input items through all local cores or a Dask cluster.

``analyze_stream`` is the library API (in input order, bounded memory); ``run_batch``
adds the resumable JSONL results file, progress and the summary that
``according batch`` prints. ``according add`` can use ``analyze_stream`` for imports.
"""

from __future__ import annotations

import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from according.analysis import Analysis
from according.batch.engines import DaskEngine, InlineEngine, PoolEngine
from according.batch.journal import open_journal, skip_done
from according.ingest import Item, read_inputs
from according.pipeline import Failure, Result
from according.pools import worker_count
from according.progress import Progress, format_seconds, plural
from according.settings import DEFAULTS, Options

CHUNK_SIZE = 4

__all__ = [
    "Failure",
    "Summary",
    "analyze_stream",
    "default_workers",
    "open_engine",
    "paired",
    "record",
    "run_batch",
    "unread",
]


def default_workers(options: Options = DEFAULTS) -> int:
    """``options.workers`` if set, else every core this process may use."""
    return worker_count(options)


Engine = InlineEngine | PoolEngine | DaskEngine


def open_engine(
    options: Options = DEFAULTS,
    workers: int | None = None,
    scheduler: str | None = None,
    dask_local: bool = False,
) -> Engine:
    """The engine the arguments ask for: Dask, local processes, or this process alone."""
    count = workers if workers else default_workers(options)
    if scheduler or dask_local:
        return DaskEngine(scheduler, count, options)
    if count == 1:
        return InlineEngine(options)
    return PoolEngine(count, options)


def analyze_stream(
    items: Iterable[Item],
    options: Options = DEFAULTS,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    dask_local: bool = False,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[tuple[Item, Result]]:
    """Each item with its ``Analysis`` or ``Failure``, in input order, using every core.

    ``workers`` local processes (default: all cores; 1 runs here), or the Dask
    scheduler at ``scheduler`` ("tcp://host:8786"), or a local Dask cluster of
    ``workers`` processes when ``dask_local``. Items are read lazily and only a few
    chunks per worker are in flight, so memory stays flat however long the input.
    """
    with open_engine(options, workers, scheduler, dask_local) as engine:
        yield from paired(items, engine, chunk_size)


def paired(
    items: Iterable[Item], engine: Engine, chunk_size: int = CHUNK_SIZE
) -> Iterator[tuple[Item, Result]]:
    """Each item with its result from an open ``engine``, in input order; unread items
    (an ingest error) fail here without being sent."""
    waiting: deque[Item] = deque()

    def chunks() -> Iterator[list]:
        source = iter(items)
        while batch := list(islice(source, chunk_size)):
            waiting.extend(batch)
            yield [item.article for item in batch if _readable(item)]

    for result in engine.map(chunks()):
        item = waiting.popleft()
        while not _readable(item):
            yield item, unread(item)
            item = waiting.popleft()
        yield item, result
    while waiting:
        item = waiting.popleft()
        yield item, unread(item)


def _readable(item: Item) -> bool:
    return item.error is None and item.article is not None


def unread(item: Item) -> Failure:
    """The failure of an item ``read_inputs`` could not read."""
    return Failure(item.error or "no article", getattr(item, "error_kind", None) or "input")


def record(item: Item, result: Result, extractor: str = DEFAULTS.extractor) -> dict[str, Any]:
    """The JSONL record for one item: the extractor that made it, and the item's analysis
    or its error and the error's kind."""
    if isinstance(result, Analysis):
        return {"id": item.id, "extractor": extractor, "analysis": result.to_dict()}
    return {"id": item.id, "extractor": extractor, **result.record(item.id)}


@dataclass
class Summary:
    """What a batch did: items analysed, failed (by kind), skipped on resume, time taken."""

    done: int = 0
    skipped: int = 0
    errors: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    skipped_errors: int = 0  # error records among the skipped (an earlier run's failures)

    @property
    def failed(self) -> bool:
        """Whether the file holds any error record, this run's or an earlier run's."""
        return bool(self.errors) or self.skipped_errors > 0

    def add(self, result: Result) -> None:
        self.done += 1
        if isinstance(result, Failure):
            self.errors[result.kind] += 1

    def line(self) -> str:
        """'1,200 articles in 1:40 (12.0/s), 3 errors (input 2, internal 1), 500 already done'."""
        rate = self.done / self.seconds if self.seconds > 0 else 0.0
        text = f"{plural(self.done, 'article')} in {format_seconds(self.seconds)} ({rate:.1f}/s)"
        failed = sum(self.errors.values())
        kinds = ", ".join(f"{kind} {n:,}" for kind, n in self.errors.most_common())
        text += f", {failed:,} error{'s' if failed != 1 else ''}" + (f" ({kinds})" if kinds else "")
        if self.skipped:
            text += f", {self.skipped:,} already done"
            if self.skipped_errors:
                text += f" ({self.skipped_errors:,} of them errors)"
        return text


def run_batch(
    inputs: Iterable[str],
    out: str | Path,
    options: Options = DEFAULTS,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    dask_local: bool = False,
    resume: bool = False,
    overwrite: bool = False,
    progress: Progress | None = None,
    total: int | None = None,
) -> Summary:
    """Analyse every input item into the JSONL file ``out`` (``-``: standard output);
    resumable after any kill."""
    summary = Summary()
    started = time.monotonic()
    with open_journal(out, resume, overwrite) as journal:
        summary.skipped = journal.done
        items = skip_done(read_inputs(inputs, options), journal.done_ids(options.extractor), out)
        if progress is None:
            progress = Progress(total=None if total is None else max(total - journal.done, 0))
        with progress:
            stream = analyze_stream(
                items, options, workers=workers, scheduler=scheduler, dask_local=dask_local
            )
            for item, result in stream:
                journal.write(record(item, result, options.extractor))
                summary.add(result)
                progress.step(error=isinstance(result, Failure))
        summary.skipped_errors = journal.done_errors
    summary.seconds = time.monotonic() - started
    return summary
