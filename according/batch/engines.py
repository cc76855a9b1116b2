"""Where chunks run: in this process, in a pool of local processes, or on a Dask cluster.

Every engine takes chunks of articles lazily, keeps at most ``window`` chunks in
flight (so memory does not grow with the input) and yields the results flattened,
in input order. All of them call ``pipeline.analyze_chunk``, so they agree item for item.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from according.article import Article
from according.batch.watchdog import exit_with_parent, memory_guard
from according.errors import AccordingError
from according.pipeline import Failure, Result, analyze_chunk, warm_up
from according.pools import process_pool, start_method
from according.settings import DEFAULTS, Options

CHUNKS_PER_WORKER = 4
RECYCLE_AFTER = 2_500  # chunks a local pool runs before its workers are replaced
CRASH = (
    "the worker process died while analysing this article (a crash, or more memory "
    "than item_max_memory)"
)
STUCK = (
    "the analysis took longer than {seconds:g} s (item_timeout) and did not stop; "
    "its worker was replaced"
)
GRACE = 30.0  # seconds a worker gets past item_timeout (to start, to notice its alarm)

# Dask settings for the local cluster that ``--dask-local`` starts (docs/batch.md, "Dask").
# Measured on 2 cores (benchmarks/batch.py): with Dask's defaults each worker spent
# 15-20% more CPU than a local pool worker on the same articles. Two causes:
# - the nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536, which also turns off
#   glibc's dynamic mmap threshold: memory goes back to the system and is faulted in
#   again over and over (~20x the page faults, ~1 s of system time per 60 articles);
#   None leaves the variable unset, as in a local pool worker;
# - timers that wake each worker's event loop, which then takes the GIL from the thread
#   that runs spaCy: the statistical profiler (every 10 ms), the event-loop tick (20 ms),
#   the memory monitor (100 ms) and the system monitor (500 ms).
LOCAL_DASK_CONFIG: dict[str, Any] = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
}


class InlineEngine:
    """One worker: chunks run here, one after the other (no processes to start).

    Like a pool worker it takes one torch thread, so ``--workers 1`` uses one core;
    the process's own thread count comes back on exit.
    """

    workers = 1

    def __init__(self, options: Options = DEFAULTS) -> None:
        self.options = options
        self.threads = 0
        self.guard: threading.Thread | None = None
        self.unguard = threading.Event()

    def map(self, chunks: Iterable[list[Article]]) -> Iterator[Result]:
        """Each article's result, in order."""
        for chunk in chunks:
            yield from analyze_chunk(chunk, self.options)

    def __enter__(self) -> InlineEngine:
        import torch

        self.threads = torch.get_num_threads()
        self.guard = guard_memory(self.options, self.unguard)
        warm_up(self.options, one_thread=True)
        return self

    def __exit__(self, *exc: object) -> None:
        import torch

        if self.threads:
            torch.set_num_threads(self.threads)
        # the guard ends with the batch: a process that goes on (a library caller, the
        # tests) keeps no thread behind, and so can still fork its next pool's workers
        self.unguard.set()
        if self.guard is not None:
            self.guard.join(timeout=2)
            self.guard = None


class PoolEngine:
    """Local worker processes, each loading spaCy once, at most ``window`` chunks ahead.

    If a worker dies, the chunks in flight are rerun one article at a time in a fresh
    pool; an article that kills its worker again gets a "crash" failure. After
    ``recycle_after`` chunks the workers are replaced (between chunks), so what a
    worker accumulates (spaCy's vocabulary grows with every new word) stays bounded.
    """

    def __init__(
        self, workers: int, options: Options = DEFAULTS, recycle_after: int = RECYCLE_AFTER
    ) -> None:
        self.workers = workers
        self.options = options
        self.window = CHUNKS_PER_WORKER * workers
        self.recycle_after = recycle_after
        self.pool: ProcessPoolExecutor | None = None
        self.finished = 0
        self.submitted = 0
        self.started = 0

    def __enter__(self) -> PoolEngine:
        self._start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def _start(self) -> None:
        self.pool = process_pool(
            self.workers, start_worker, (os.getpid(), self.options), start_method()
        )
        self.submitted = 0
        self.started += 1

    def map(self, chunks: Iterable[list[Article]]) -> Iterator[Result]:
        """Each article's result, in order."""
        source = iter(chunks)
        pending: deque[tuple[list[Article], Future]] = deque()
        exhausted = False
        while True:
            while not exhausted and len(pending) < self.window and not self._worn_out():
                chunk = next(source, None)
                if chunk is None:
                    exhausted = True
                    break
                pending.append((chunk, self._submit(chunk)))
            if not pending:
                if exhausted:
                    return
                self.__exit__()  # every chunk so far is done: replace the workers
                continue
            chunk, future = pending[0]
            try:
                results = future.result(timeout=self._hard_limit(len(chunk)))
            except (BrokenProcessPool, FutureTimeout):
                # a worker died, or is stuck where its alarm cannot reach (C code)
                pending = self._recover(pending)
                continue
            except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be pickled
                results = [Failure.of(exc)] * len(chunk)
            pending.popleft()
            self.finished += 1
            yield from results

    def _hard_limit(self, articles: int) -> float | None:
        """Seconds to wait for a chunk before its worker is presumed stuck and stopped."""
        if self.options.item_timeout <= 0:
            return None
        return self.options.item_timeout * articles + GRACE

    def _kill(self) -> None:
        """Stop the workers now, a stuck one included (shutdown alone would wait for it)."""
        if self.pool is None:
            return
        processes = list((getattr(self.pool, "_processes", None) or {}).values())
        for process in processes:
            process.terminate()
        self.pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.join(5)
        self.pool = None

    def _submit(self, chunk: list[Article]) -> Future:
        future = self._pool().submit(analyze_chunk, chunk, self.options)
        self.submitted += 1
        return future

    def _worn_out(self) -> bool:
        return self.pool is not None and self.submitted >= self.recycle_after

    def _pool(self) -> ProcessPoolExecutor:
        if self.pool is None:
            self._start()
        assert self.pool is not None
        return self.pool

    def _recover(self, pending: deque[tuple[list[Article], Future]]) -> deque:
        """After a worker died: rerun what was in flight one article at a time, alone,
        so only the article that kills a worker again gets a "crash" failure."""
        self._kill()
        if not self.finished:
            self._check_workers_start()
        recovered: deque[tuple[list[Article], Future]] = deque()
        for chunk, future in pending:
            if future.done() and not future.cancelled() and future.exception() is None:
                recovered.append((chunk, future))
                continue
            results: list[Result] = []
            for article in chunk:
                future = self._pool().submit(analyze_chunk, [article], self.options)
                try:
                    results.extend(future.result(timeout=self._hard_limit(1)))
                except BrokenProcessPool:
                    self._kill()
                    results.append(Failure(CRASH, "crash"))
                except FutureTimeout:
                    self._kill()
                    results.append(
                        Failure(STUCK.format(seconds=self.options.item_timeout), "timeout")
                    )
            recovered.append((chunk, _done(results)))
        return recovered

    def _check_workers_start(self) -> None:
        """Raise if a fresh worker cannot even start (rather than blame an article)."""
        try:
            self._pool().submit(warm_up, self.options, True).result()
        except BrokenProcessPool:
            self.__exit__()
            raise AccordingError(
                "the worker processes die as they start; try --workers 1 to see the error"
            ) from None


class DaskEngine:
    """A Dask cluster: the scheduler at ``address``, or a local cluster of ``workers`` processes."""

    def __init__(
        self,
        address: str | None = None,
        workers: int = 2,
        options: Options = DEFAULTS,
        connect_timeout: float = 20.0,
    ) -> None:
        self.address = address
        self.connect_timeout = connect_timeout
        self.workers = workers
        self.options = options
        self.window = CHUNKS_PER_WORKER * workers
        self.client: Any = None
        self.cluster: Any = None

    def __enter__(self) -> DaskEngine:
        try:
            import dask.config
            from distributed import Client, LocalCluster
        except ImportError:
            raise AccordingError(
                "Dask is not installed; pip install 'according[dask]' to use --scheduler"
            ) from None
        try:
            if self.address:
                self.client = Client(self.address, timeout=self.connect_timeout)
            else:
                # The nannies pass this configuration on to the worker processes.
                with dask.config.set(LOCAL_DASK_CONFIG):
                    self.cluster = LocalCluster(
                        n_workers=self.workers,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=None,
                        silence_logs=logging.ERROR,
                    )
                    self.client = Client(self.cluster)
        except OSError as exc:
            self.__exit__()
            raise AccordingError(f"cannot reach the Dask scheduler {self.address}: {exc}") from None
        from according.batch.dask_plugin import WarmUp

        self.client.register_plugin(WarmUp(self.options), name="according-warm-up")
        threads = sum(self.client.nthreads().values()) or self.workers
        self.workers = threads
        self.window = max(CHUNKS_PER_WORKER * threads, 2)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None

    def map(self, chunks: Iterable[list[Article]]) -> Iterator[Result]:
        """Each article's result, in order."""
        from distributed.scheduler import KilledWorker

        source = iter(chunks)
        pending: deque[tuple[list[Article], Any]] = deque()
        while True:
            while len(pending) < self.window and (chunk := next(source, None)) is not None:
                future = self.client.submit(analyze_chunk, chunk, self.options, pure=False)
                pending.append((chunk, future))
            if not pending:
                return
            chunk, future = pending.popleft()
            try:
                results = future.result()
            except KilledWorker:
                results = self._one_by_one(chunk)
            finally:
                future.release()
            yield from results

    def _one_by_one(self, chunk: list[Article]) -> list[Result]:
        """A chunk that killed its workers, rerun an article at a time: only an article
        that kills a worker again gets a "crash" failure."""
        from distributed.scheduler import KilledWorker

        results: list[Result] = []
        for article in chunk:
            future = self.client.submit(analyze_chunk, [article], self.options, pure=False)
            try:
                results.extend(future.result())
            except KilledWorker:
                results.append(Failure(CRASH, "crash"))
            finally:
                future.release()
        return results


def start_worker(parent: int, options: Options = DEFAULTS) -> None:
    """Set up a local worker process: exit with the batch that started it, load spaCy."""
    exit_with_parent(parent)
    if options.item_max_memory > 0:
        memory_guard(options.item_max_memory)
    warm_up(options, one_thread=True)


def guard_memory(options: Options, stop: threading.Event) -> threading.Thread | None:
    """In this process (one worker: the command itself), stop with a clear message
    once it holds more than ``item_max_memory`` MB, before the system does it blindly;
    until ``stop`` is set."""
    if options.item_max_memory > 0:
        return memory_guard(
            options.item_max_memory,
            message=(
                f"according: error: the analysis used more than {options.item_max_memory:,} "
                "MB of memory (item_max_memory) and was stopped; split the input\n"
            ),
            stop=stop,
        )
    return None


def _done(value: Any) -> Future:
    future: Future = Future()
    future.set_result(value)
    return future
