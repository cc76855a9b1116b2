"""The app's read-only view of the story store (``according.stories.store``).

A store that does not exist yet lists no stories; an unknown story id is ``NotFound``.
The trace is ``according.stories.trace.trace_story``'s.
"""

from __future__ import annotations

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


def _trace(options: Options, story_id: str, changes: bool = False) -> Any:
    """The ``Trace`` of a stored story; ``NotFound`` for an unknown id."""
    from according.story_report import story_trace

    number = _story_id(story_id)
    if not Path(options.store_path).is_file():
        raise NotFound(f"no story {story_id!r}: the store is empty")
    with _open(options) as store:
        try:
            store.story(number)
        except StoreError:
            # the store's own message names its path: not for visitors
            raise NotFound(f"no story {story_id!r} in the store (see /api/stories)") from None
        return story_trace(store, number, changes, options)


def trace(options: Options, story_id: str) -> dict[str, Any]:
    """A story's trace as a JSON-ready dict: articles, relay graph, origin, summary."""
    return _trace(options, story_id).to_dict()


def trace_page(options: Options, story_id: str) -> dict[str, Any]:
    """What the story page shows: headline, summary, the relay graph, each version's role
    and what it changed against the original, the text trace and the JSON."""
    from markupsafe import Markup

    from according.stories.report import trace_text
    from according.story_report import page_body

    found = _trace(options, story_id, changes=True)
    body = page_body(found)
    return {
        "headline": found.headline,
        "body": Markup(body),
        "text": trace_text(found),
        "json": json.dumps(found.to_dict(), indent=2, ensure_ascii=False, default=str),
    }


def _article_id(article_id: str) -> int:
    if not article_id.isdigit() or len(article_id) > 18:
        raise NotFound(f"no article {article_id!r}: article ids are numbers (see /api/articles)")
    return int(article_id)


def articles(options: Options, limit: int = 100, story_id: int | None = None) -> list[dict]:
    """Stored articles' metadata, newest first (of one story if given)."""
    if not Path(options.store_path).is_file():
        return []
    with _open(options) as store:
        return [asdict(row) for row in store.articles(story_id, newest_first=True, limit=limit)]


def article(options: Options, article_id: str) -> tuple[dict[str, Any], Any]:
    """One stored article's metadata and its ``Analysis``; ``NotFound`` for an unknown id."""
    number = _article_id(article_id)
    if not Path(options.store_path).is_file():
        raise NotFound(f"no article {article_id!r}: the store is empty")
    with _open(options) as store:
        try:
            return asdict(store.article(number)), store.analysis(number)
        except StoreError:
            raise NotFound(f"no article {article_id!r} in the store (see /api/articles)") from None


def add(options: Options, analysis: Any) -> dict[str, Any]:
    """Store an analysed article (the store is created on first use); where it went."""
    from according.stories.store import Store

    with Store(options.store_path, options) as store:
        added = store.add(analysis)
    return {**asdict(added), "report": f"/articles/{added.article_id}"}


def delete(options: Options, article_id: str) -> dict[str, Any]:
    """Remove a stored article; ``NotFound`` for an unknown id."""
    number = _article_id(article_id)
    if not Path(options.store_path).is_file():
        raise NotFound(f"no article {article_id!r}: the store is empty")
    with _open(options) as store:
        try:
            story_id = store.delete(number)
        except StoreError:
            raise NotFound(f"no article {article_id!r} in the store (see /api/articles)") from None
    return {"deleted": number, "story_id": story_id}
