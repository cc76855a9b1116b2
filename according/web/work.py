"""The heavy work of the web app, run in a pool of worker processes off the event loop.

Each worker loads spaCy and its extractor's tagger once (``pipeline.warm_up``) when it starts;
jobs and results cross the process boundary as plain dicts: an analysis, a comparison,
or the failure record every interface shares (``pipeline.Failure.record``).
"""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import (
    BrokenExecutor,
    Executor,
    Future,
    ThreadPoolExecutor,
)
from dataclasses import asdict
from typing import Any

from according.analysis import Analysis
from according.article import Article
from according.errors import AccordingError
from according.pipeline import Failure, analyze_one, warm_up
from according.pools import process_pool, worker_count
from according.settings import Options
from according.versions.compare import compare


def warm(options: Options, one_thread: bool) -> None:
    """Worker start-up: load spaCy and the extractor's tagger once for this process."""
    warm_up(options, one_thread)


def analyze_job(article: dict[str, Any], options: Options) -> dict[str, Any]:
    """Analyse one article (``pipeline.analyze_one``): ``{"analysis": ...}``, or the
    failure record ``{"id", "error", "error_kind"}``."""
    result = analyze_one(Article(**article), options)
    if isinstance(result, Failure):
        return result.record(article.get("id"))
    return {"analysis": result.to_dict()}


def compare_job(a: dict[str, Any], b: dict[str, Any], options: Options) -> dict[str, Any]:
    """Compare two versions of an article: ``{"comparison": ...}`` or a failure record."""
    try:
        comparison = compare(Article(**a), Article(**b), options)
    except AccordingError as exc:
        return Failure.of(exc).record()
    return {"comparison": comparison.to_dict()}


def raise_failure(result: dict[str, Any]) -> None:
    """Raise what a job's failure record stands for: the user's error (4xx), else a bug."""
    if "error" not in result:
        return
    failure = Failure(result["error"], result.get("error_kind") or "error")
    if not failure.user_error:
        raise RuntimeError(failure.error)
    raise failure.exception()


def pool_size(options: Options) -> int:
    """Worker processes: ``options.workers``, else one per core up to four."""
    return worker_count(options, at_most=4)


class Workers:
    """A pool of analysis workers, started once and restarted if a worker dies."""

    def __init__(self, options: Options, processes: bool = True) -> None:
        self.size = pool_size(options)
        self.options = options
        self.processes = processes
        self.started: list[Future] = []
        self.pool = self._start()

    def _start(self) -> Executor:
        if not self.processes:
            pool: Executor = ThreadPoolExecutor(
                max_workers=self.size, initializer=warm, initargs=(self.options, False)
            )
            self.started = [pool.submit(int)]
            return pool
        # spawn, not fork: the server's threads and event loop stay out of the workers
        context = multiprocessing.get_context("spawn")
        # one torch thread each: the workers share out the cores (up to one per core)
        pool = process_pool(self.size, warm, (self.options, True), context)
        # start every worker now, so the first request does not wait for the models to load
        self.started = [pool.submit(int) for _ in range(self.size)]
        return pool

    @property
    def ready(self) -> bool:
        """Whether the workers have started and loaded the models."""
        return all(f.done() for f in self.started)

    async def run(self, fn: Any, *args: Any) -> Any:
        """Run ``fn(*args)`` in the pool without blocking the event loop."""
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self.pool, fn, *args)
        except BrokenExecutor:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._start()
            return await loop.run_in_executor(self.pool, fn, *args)

    def shutdown(self) -> None:
        """Stop the workers now, including jobs still running past their time limit."""
        # ProcessPoolExecutor keeps its processes in a private dict; no public way to stop them
        processes = list((getattr(self.pool, "_processes", None) or {}).values())
        self.pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()


def article_dict(article: Article) -> dict[str, Any]:
    """An article as the plain dict jobs take."""
    return asdict(article)


def analysis_from(result: dict[str, Any]) -> Analysis:
    """The ``Analysis`` a job returned."""
    return Analysis.from_dict(result["analysis"])
