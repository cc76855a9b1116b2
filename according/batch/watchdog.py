"""Worker processes end when the batch that started them is killed (even with kill -9).

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
