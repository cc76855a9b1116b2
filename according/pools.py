"""Worker processes: how many, and the one way to start a pool of them.

``batch`` (local engine) and the web app both size and start their pools here, so
``workers = 0`` means the same everywhere: one per core this process may use (the
web app caps it at four).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from according.settings import DEFAULTS, Options


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_count(options: Options = DEFAULTS, at_most: int | None = None) -> int:
    """``options.workers`` if set, else one per core (at most ``at_most``)."""
    if options.workers > 0:
        return options.workers
    return max(1, min(cores(), at_most or cores()))


def start_method() -> multiprocessing.context.BaseContext:
    """Fork (fast: spaCy is already imported) unless this process runs threads; else spawn."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def process_pool(
    workers: int,
    initializer: Callable[..., Any],
    initargs: tuple[Any, ...] = (),
    context: multiprocessing.context.BaseContext | None = None,
) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes, each set up once by ``initializer(*initargs)``."""
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context or start_method(),
        initializer=initializer,
        initargs=initargs,
    )
