"""The app's read-only view of the story store (``according.stories.store``).

A store that does not exist yet lists no stories; an unknown story id is ``NotFound``.
The trace comes from ``according.stories.trace`` where that module exists, else it
is the story's articles with the relay chains their analyses found.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from according.errors import StoreError
from according.settings import Options


class NotFound(StoreError):
    """No story with that id in the store."""


def _open(options: Options) -> Any:
    from according.stories.store import Store

    return Store(options.store_path, options, create=False)


def listing(options: Options, limit: int = 100) -> list[dict[str, Any]]:
    """The stories in the store as dicts (id, headline, size, outlets, first, last)."""
    if not Path(options.store_path).is_file():
        return []
    with _open(options) as store:
        return [asdict(row) for row in store.stories()[:limit]]


def _story_id(story_id: str) -> int:
    if not story_id.isdigit() or len(story_id) > 18:
        raise NotFound(f"no story {story_id!r}: story ids are numbers (see /api/stories)")
    return int(story_id)


def _chains(store: Any, article_id: int) -> list[list[str]]:
    analysis = store.analysis(article_id)
    chains = (analysis.chain_names(a) for a in analysis.attributions if len(a.chain) > 1)
    return [list(c) for c in dict.fromkeys(tuple(c) for c in chains)]


def trace(options: Options, story_id: str) -> dict[str, Any]:
    """A story's trace as a JSON-ready dict; ``NotFound`` for an unknown id."""
    number = _story_id(story_id)
    if not Path(options.store_path).is_file():
        raise NotFound(f"no story {story_id!r}: the store {options.store_path} is empty")
    with _open(options) as store:
        try:
            row = store.story(number)
        except StoreError as exc:
            raise NotFound(str(exc)) from None
        module = _trace_module()
        if module is not None and hasattr(module, "trace_story"):
            result = module.trace_story(store, number)
            return result.to_dict() if hasattr(result, "to_dict") else dict(result)
        articles = [{**asdict(a), "chains": _chains(store, a.id)} for a in store.articles(number)]
        return {"story": asdict(row), "headline": row.headline, "articles": articles}


def _trace_module() -> Any:
    try:
        return importlib.import_module("according.stories.trace")
    except ImportError:
        return None


def trace_page(options: Options, story_id: str) -> dict[str, Any]:
    """What the story page shows: headline, summary, articles and the JSON."""
    data = trace(options, story_id)
    return {
        "headline": data.get("headline") or (data.get("story") or {}).get("headline"),
        "summary": data.get("summary"),
        "articles": data.get("articles") or [],
        "json": json.dumps(data, indent=2, ensure_ascii=False, default=str),
    }
