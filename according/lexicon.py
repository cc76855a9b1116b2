"""Loads the word lists in ``according/lexicons/`` (data files, not code).

Each loader is cached: the files are read once per process and never changed.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> Any:
    """The parsed JSON lexicon ``according/lexicons/<name>.json``."""
    path = resources.files("according").joinpath("lexicons", f"{name}.json")
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


@cache
def words(name: str, key: str) -> frozenset[str]:
    """One list of a lexicon as a lower-cased set, for membership tests."""
    return frozenset(w.lower() for w in load(name)[key])
