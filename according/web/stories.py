"""The app's read-only view of the story store (``according.stories``).

A store that does not exist yet lists no stories; an unknown story id is ``NotFound``.
"""

from __future__ import annotations

import json
from typing import Any

from according.errors import StoreError
from according.settings import Options


class NotFound(StoreError):
    """No story with that id in the store."""


def _store_module() -> Any:
    try:
        from according.stories import store
    except ImportError:
        return None
    return store


def listing(options: Options, limit: int = 100) -> list[dict[str, Any]]:
    """The stories in the store as dicts (id, headline, size, outlets, first)."""
    store = _store_module()
    if store is None:
        return []
    raise NotImplementedError


def trace(options: Options, story_id: str) -> dict[str, Any]:
    """A story's trace as a JSON-ready dict."""
    store = _store_module()
    if store is None:
        raise NotFound(f"no story {story_id!r}: this build has no story store")
    raise NotImplementedError


def trace_page(options: Options, story_id: str) -> dict[str, Any]:
    """What the story page shows: headline, summary, text report and the JSON."""
    data = trace(options, story_id)
    return {
        "headline": data.get("headline"),
        "summary": data.get("summary"),
        "text": None,
        "json": json.dumps(data, indent=2, ensure_ascii=False),
    }
