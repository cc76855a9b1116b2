"""The unit ``read_inputs`` yields: one input article, or the error that stopped it."""

from __future__ import annotations

from dataclasses import dataclass

from according.article import Article


@dataclass
class Item:
    """One input article (``id`` names where it came from), or the error that kept it
    from being read."""

    id: str
    article: Article | None = None
    error: str | None = None
