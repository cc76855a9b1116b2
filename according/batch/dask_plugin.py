"""The Dask worker plugin that loads spaCy once per worker (imported only when Dask is used)."""

from __future__ import annotations

from typing import Any

from distributed import WorkerPlugin

from according.pipeline import warm_up
from according.settings import DEFAULTS, Options


class WarmUp(WorkerPlugin):
    """Loads spaCy and the run's tagger when a worker joins, before its first chunk."""

    def __init__(self, options: Options = DEFAULTS) -> None:
        self.options = options

    def setup(self, worker: Any) -> None:
        warm_up(self.options, one_thread=True)
