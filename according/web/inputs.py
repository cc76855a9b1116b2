"""What a visitor gives the app (pasted text, an uploaded file, a URL) as an ``Article``.

Uploaded HTML goes through the ingestion extractor; URLs through the ingestion
fetcher, and only when the server's ``serve_fetch_urls`` setting allows it.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from according.article import Article
from according.errors import AccordingError, InputError
from according.ingest import read_bytes, read_inputs
from according.ingest.html import extract_article, looks_like_html
from according.settings import Options

META_FIELDS = ("title", "outlet", "published", "byline")


class Refused(AccordingError):
    """The server is set up not to do this (e.g. fetch URLs)."""


class Busy(AccordingError):
    """Every fetch thread is taken; the visitor should try again shortly."""


@dataclass
class Given:
    """One article as given: exactly one of ``text``, ``html``/``data`` or ``url``."""

    text: str | None = None
    data: bytes | None = None
    filename: str | None = None
    url: str | None = None
    meta: dict[str, Any] | None = None


def _with_meta(article: Article, meta: dict[str, Any] | None) -> Article:
    for name in META_FIELDS:
        value = (meta or {}).get(name)
        if isinstance(value, str) and value.strip():
            setattr(article, name, value.strip())
    return article


def from_upload(data: bytes, filename: str, options: Options) -> Article:
    """An article from an uploaded file: HTML is extracted, anything else read as text."""
    if not data.strip():
        raise InputError(f"{filename or 'the file'} is empty")
    if looks_like_html(data[:2048]) or filename.lower().endswith((".html", ".htm")):
        return extract_article(data, id=filename)
    return read_bytes(data, filename, options)


def from_url(url: str, options: Options) -> Article:
    """An article fetched by the ingestion fetcher (private addresses refused there)."""
    if not options.serve_fetch_urls:
        raise Refused(
            "URL fetching is turned off on this server (serve_fetch_urls = False); "
            "paste the text or upload the page instead"
        )
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        raise InputError("give an http:// or https:// URL")
    item = next(read_inputs([url], options.with_(fetch_urls=True)))
    if item.error or item.article is None:
        raise InputError(item.error or f"{url}: nothing could be read")
    return item.article


def to_article(given: Given, options: Options) -> Article:
    """The article a visitor gave, checked to be exactly one kind of input."""
    kinds = [k for k in ("text", "data", "url") if getattr(given, k) is not None]
    if kinds == ["text"] and not given.text.strip():
        raise InputError("the text is empty; paste the article's text")
    if len(kinds) != 1:
        raise InputError("give exactly one of: text, an uploaded file (html), or a url")
    if given.text is not None:
        article = Article(text=given.text)
    elif given.data is not None:
        article = from_upload(given.data, given.filename or "upload", options)
    else:
        article = from_url(given.url or "", options)
    return _with_meta(article, given.meta)


class Fetches:
    """Turns what was given into articles off the event loop: URLs in a pool of their own
    (``fetch_threads``; a full pool answers "busy" at once), everything else in the
    default threads. Fetches that hang (each is bounded by ``fetch_total_timeout``)
    cannot hold the threads that pasted texts and uploads need."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.size = max(1, options.fetch_threads)
        self.pool = ThreadPoolExecutor(self.size, thread_name_prefix="according-fetch")
        self.running = 0
        self.lock = threading.Lock()

    async def article(self, given: Given) -> Article:
        if given.url is None or not self.options.serve_fetch_urls:
            return await asyncio.to_thread(to_article, given, self.options)
        with self.lock:
            if self.running >= self.size:
                raise Busy(
                    f"the server is fetching {self.size} pages already (fetch_threads); "
                    "try again in a few seconds, or paste the text"
                )
            self.running += 1
        # counted until the fetch itself ends, not the request (which may time out first)
        future = self.pool.submit(to_article, given, self.options)
        future.add_done_callback(self._done)
        return await asyncio.wrap_future(future)

    def _done(self, _future: Any) -> None:
        with self.lock:
            self.running -= 1

    def shutdown(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
