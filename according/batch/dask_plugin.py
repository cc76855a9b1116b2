"""The Dask worker plugin that loads spaCy once per worker (imported only when Dask is used)."""

from __future__ import annotations

from typing import Any

from distributed import WorkerPlugin

from according.batch.work import warm_up


class WarmUp(WorkerPlugin):
    """Loads the spaCy pipeline when a worker joins, before its first chunk."""

    def setup(self, worker: Any) -> None:
        warm_up()
