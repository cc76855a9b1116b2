"""A time limit for one article, so one pathological input cannot stall a whole batch.

It uses ``SIGALRM``, so it works in a process's main thread (this process, local
workers); elsewhere (Dask worker threads, Windows) it does nothing.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class ArticleTimeout(Exception):
    """The analysis of one article took longer than ``item_timeout`` seconds."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``ArticleTimeout`` in this block after ``seconds`` (0 or less: no limit)."""
    if (
        seconds <= 0
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise ArticleTimeout(f"the analysis took longer than {seconds:g} s (item_timeout)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
