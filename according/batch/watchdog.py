"""Worker processes end when the batch that started them is killed (even with kill -9),
or when they hold more memory than ``item_max_memory`` (``memory_guard``).

A local worker blocks on its task queue forever if its parent dies without closing
it, holding a loaded spaCy pipeline; a resumed batch would start new workers beside
the old ones. A daemon thread in each worker watches the parent and exits with it.
"""

from __future__ import annotations

import os
import threading
import time

CHECK_EVERY = 0.5


def exit_with_parent(parent: int, every: float = CHECK_EVERY) -> threading.Thread:
    """Start a daemon thread that ends this process once ``parent`` is no longer its parent."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    thread = threading.Thread(target=watch, name="according-exit-with-parent", daemon=True)
    thread.start()
    return thread


def resident_mb() -> float:
    """This process's resident memory in MB (0 where /proc cannot tell)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0


def memory_guard(
    limit_mb: float,
    every: float = 0.2,
    message: str | None = None,
    stop: threading.Event | None = None,
) -> threading.Thread:
    """Start a daemon thread that ends this process (exit 3) once it holds more than
    ``limit_mb`` MB: a worker's parent sees it die and records the article as a failure.

    ``message`` (the CLI's) is written to stderr first. Resident memory is read, not
    limited (RLIMIT_AS would also count what torch and spaCy reserve and never touch).
    ``stop``: set it to end the guard (a process that goes on after its batch).
    """
    stop = stop or threading.Event()

    def watch() -> None:
        while not stop.is_set():
            if resident_mb() > limit_mb:
                if message:
                    os.write(2, message.encode("utf-8", "replace"))
                os._exit(3)
            stop.wait(every)

    thread = threading.Thread(target=watch, name="according-memory-guard", daemon=True)
    thread.start()
    return thread
