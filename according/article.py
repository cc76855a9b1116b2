"""An article: its text and what is known about where it came from.

Loading from files, HTML, URLs and archives lives in ``according.ingest``;
the checks every text passes live in ``according.validate``; this is the plain record.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Article:
    """Text plus metadata. ``outlet`` is the publisher at the end of relay chains."""

    text: str
    id: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    byline: str | None = None
    lang: str | None = None
