"""The heavy work of the web app, run in a pool of worker processes off the event loop.

Each worker loads spaCy and its extractor's tagger once (``pipeline.warm_up``) when it starts;
jobs and results cross the process boundary as plain dicts: an analysis, a comparison,
or the failure record every interface shares (``pipeline.Failure.record``).
"""

from __future__ import annotations

import asyncio
import gc
import multiprocessing
import os
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
    """Worker start-up: load spaCy and the extractor's tagger once for this process;
    a worker process also gets a memory guard (``item_max_memory``)."""
    if one_thread and options.item_max_memory > 0:
        from according.batch.watchdog import memory_guard

        memory_guard(options.item_max_memory)
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
    if result.get("error_kind") == "timeout":  # the worker's own alarm stopped the job
        raise WorkTimeout(result["error"])
    failure = Failure(result["error"], result.get("error_kind") or "error")
    if not failure.user_error:
        raise RuntimeError(failure.error)
    raise failure.exception()


def pool_size(options: Options) -> int:
    """Worker processes: ``options.workers``, else one per core up to four."""
    return worker_count(options, at_most=4)


STUCK_GRACE = 5.0  # seconds past item_timeout before a worker is presumed stuck


class WorkTimeout(AccordingError):
    """A job ran past ``item_timeout``; its worker was stopped and replaced."""


class WorkerDied(AccordingError):
    """A worker died during a job (out of memory, a crash); it was replaced."""


class Slot:
    """One worker (a process, or a thread for tests) that can be stopped and replaced
    on its own, without touching the jobs of the others."""

    def __init__(self, options: Options, processes: bool) -> None:
        self.processes = processes
        self.jobs = 0
        if processes:
            # spawn, not fork: the server's threads and event loop stay out of the workers;
            # one torch thread each: the workers share out the cores (up to one per core)
            self.pool: Executor = process_pool(
                1, warm, (options, True), multiprocessing.get_context("spawn")
            )
        else:
            self.pool = ThreadPoolExecutor(
                max_workers=1, initializer=warm, initargs=(options, False)
            )
        # start the worker now, so the first request does not wait for the models to load
        self.started = self.pool.submit(int)

    def pids(self) -> list[int]:
        # ProcessPoolExecutor keeps its processes in a private dict; no public way to them
        return [p.pid for p in (getattr(self.pool, "_processes", None) or {}).values() if p.pid]

    def memory_mb(self) -> float:
        """The worker process's resident memory in MB (0 where it cannot be read)."""
        total = 0.0
        for pid in self.pids():
            try:
                with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
                    total += int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
            except (OSError, ValueError, IndexError):
                pass
        return total

    def stop(self) -> None:
        """Stop the worker now, a job still running included (a thread is left to end)."""
        processes = list((getattr(self.pool, "_processes", None) or {}).values())
        self.pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()

    def close(self) -> None:
        """Stop the worker for good and wait until the pool has let go of its queues and
        locks: uvicorn ends the process by re-raising SIGTERM, so nothing would free them
        later (the resource tracker's "leaked semaphore objects")."""
        for process in list((getattr(self.pool, "_processes", None) or {}).values()):
            process.terminate()
        self.pool.shutdown(wait=True, cancel_futures=True)


class Workers:
    """Analysis workers, each started once, replaced when it dies, when a job on it runs
    past ``item_timeout`` or is abandoned (the request timed out or the client left),
    after ``serve_recycle_after`` jobs, or when it holds more than ``item_max_memory``."""

    def __init__(self, options: Options, processes: bool = True) -> None:
        self.size = pool_size(options)
        self.options = options
        self.processes = processes
        self.idle = [Slot(options, processes) for _ in range(self.size)]
        self.slots = set(self.idle)  # idle and busy
        self.free = asyncio.Semaphore(self.size)
        self.replaced = 0

    @property
    def started(self) -> list[Future]:
        return [slot.started for slot in self.slots]

    @property
    def ready(self) -> bool:
        """Whether the workers have started and loaded the models."""
        return all(f.done() for f in self.started)

    def _replace(self, slot: Slot) -> Slot:
        slot.stop()
        self.slots.discard(slot)
        self.replaced += 1
        fresh = Slot(self.options, self.processes)
        self.slots.add(fresh)
        return fresh

    async def run(self, fn: Any, *args: Any) -> Any:
        """Run ``fn(*args)`` on a free worker without blocking the event loop."""
        async with self.free:
            # a worker that has loaded its models first (a fresh one may still be loading)
            ready = [i for i, s in enumerate(self.idle) if s.started.done()]
            slot = self.idle.pop(ready[-1] if ready else -1)
            try:
                result = await self._on(slot, fn, *args)
            except BrokenExecutor:
                slot = self._replace(slot)
                try:  # once more on a fresh worker: the last one may have died of another job
                    result = await self._on(slot, fn, *args)
                except BrokenExecutor:
                    slot = self._replace(slot)
                    raise WorkerDied(
                        "the analysis worker died on this input (out of memory, more than "
                        f"{self.options.item_max_memory:,} MB, or a crash); try a shorter text"
                    ) from None
            except TimeoutError:
                slot = self._replace(slot)
                raise WorkTimeout(
                    f"the analysis took longer than {self.options.item_timeout:g} s "
                    "(item_timeout) and did not stop; its worker was replaced"
                ) from None
            except BaseException:  # cancelled (request time limit, client gone): stop it
                slot = self._replace(slot)
                raise
            else:
                slot.jobs += 1
                if slot.jobs >= max(1, self.options.serve_recycle_after) or (
                    self.options.item_max_memory > 0
                    and slot.memory_mb() > self.options.item_max_memory
                ):
                    slot = self._replace(slot)  # return what it accumulated
                return result
            finally:
                self.idle.append(slot)

    async def _on(self, slot: Slot, fn: Any, *args: Any) -> Any:
        # loading the models is not the job's time (the request's own limit still holds)
        await asyncio.wrap_future(slot.started)
        future = asyncio.wrap_future(slot.pool.submit(fn, *args))
        # the worker's own alarm stops a job at item_timeout; past a grace more, the
        # worker is stuck where the alarm cannot reach (C code) and is stopped here
        limit = self.options.item_timeout
        return await asyncio.wait_for(future, limit + STUCK_GRACE if limit > 0 else None)

    def shutdown(self) -> None:
        """Stop the workers now, including jobs still running past their time limit."""
        for slot in list(self.slots):
            slot.close()
        self.slots.clear()
        self.idle.clear()
        gc.collect()  # the pools' queues and locks, now unreferenced, release their semaphores


def article_dict(article: Article) -> dict[str, Any]:
    """An article as the plain dict jobs take."""
    return asdict(article)


def analysis_from(result: dict[str, Any]) -> Analysis:
    """The ``Analysis`` a job returned."""
    return Analysis.from_dict(result["analysis"])
