"""The Python API the command line mirrors: read, analyze, compare, trace (and, at the top
level, ``Store``, ``add``, ``run_batch``, ``render_as``).

Each CLI command is one of these calls with its arguments parsed; here they take
Python values. ``read`` reads what a user names as the CLI does, and ``analyze``
accepts plain text, an HTML page as a string, or an ``Article``.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

from according.analysis import Analysis
from according.article import Article
from according.errors import InputError
from according.ingest import is_url, read_input
from according.ingest.html import extract_article, looks_like_html
from according.pipeline import analyze as _analyze
from according.pipeline import analyze_many as _analyze_many
from according.settings import DEFAULTS, Options
from according.stories.store import Store
from according.stories.trace import Trace, trace_story
from according.versions.compare import Comparison
from according.versions.compare import compare as _compare

Readable = str | Path | Article
_FILE_NAME = re.compile(r"\.(txt|text|html?|xhtml|jsonl|ndjson|warc|warc\.gz)$", re.IGNORECASE)


def is_markup(text: str) -> bool:
    """Whether a string is an HTML page rather than article text."""
    return text.lstrip()[:1] == "<" and looks_like_html(text[:2048].encode("utf-8", "replace"))


def _is_name(value: str) -> bool:
    """A file, folder, URL or '-', as opposed to article text."""
    if value == "-" or is_url(value):
        return True
    if "\n" in value or len(value) > 1024:
        return False
    if Path(value).exists():
        return True
    if _FILE_NAME.search(value.strip()):
        raise InputError(f"{value}: no such file or folder")
    return False


def read(
    *inputs: Readable, options: Options = DEFAULTS, skip_errors: bool = False
) -> Iterator[Article]:
    """Articles from files, folders, URLs, JSONL, WARC, '-', HTML strings or text, in order.

    An input that cannot be read raises ``InputError`` (with ``skip_errors``, a
    warning, and reading goes on), as ``according analyze`` reports it.
    """
    for value in inputs:
        if isinstance(value, Article):
            yield value
        elif isinstance(value, Path) or _is_name(value):
            for item in read_input(str(value), options):
                if item.error is None:
                    item.article.id = item.article.id or item.id
                    yield item.article
                elif skip_errors:
                    warnings.warn(item.error, stacklevel=2)
                else:
                    raise InputError(item.error)
        elif is_markup(value):
            yield extract_article(value)
        else:
            yield Article(text=value)


def as_article(item: str | Article) -> str | Article:
    """An HTML string becomes the article in it; text and ``Article`` s pass as they are."""
    return extract_article(item) if isinstance(item, str) and is_markup(item) else item


def analyze(
    item: str | Article, options: Options = DEFAULTS, extractor: str | None = None
) -> Analysis:
    """Who says what in one article (text, an HTML page as a string, or an ``Article``)."""
    return _analyze(as_article(item), options, extractor)


def analyze_many(
    items: Iterable[str | Article],
    options: Options = DEFAULTS,
    batch_size: int = 16,
    extractor: str | None = None,
) -> Iterator[Analysis]:
    """``analyze`` over many articles, parsing in batches; raises on the first bad one."""
    articles = (as_article(item) for item in items)
    yield from _analyze_many(articles, options, batch_size=batch_size, extractor=extractor)


def compare(
    a: str | Article | Analysis, b: str | Article | Analysis, options: Options = DEFAULTS
) -> Comparison:
    """What changed in meaning from version ``a`` to version ``b`` (``according compare``)."""
    return _compare(_side(a), _side(b), options)


def _side(item: str | Article | Analysis) -> str | Article | Analysis:
    return item if isinstance(item, Analysis) else as_article(item)


def version(name: str, options: Options = DEFAULTS) -> Article | Analysis:
    """One side of ``according compare``: a stored article by id (in ``options.store_path``)
    or the one article a file, URL or '-' holds."""
    if name.isdigit() and not Path(name).exists():
        with Store(options.store_path, options, create=False) as store:
            return store.analysis(int(name))
    items = list(read_input(name, options))
    if len(items) != 1:
        raise InputError(f"{name} holds {len(items)} articles; compare takes one on each side")
    if items[0].error:
        raise InputError(items[0].error)
    return items[0].article


def trace(store: Store, story_id: int) -> Trace:
    """Where a stored story's claims came from (``according trace``)."""
    return trace_story(store, story_id)
