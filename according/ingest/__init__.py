"""Turns what the user names (files, folders, '-', URLs, JSONL, WARC archives) into articles.

``read_inputs`` is the one entry point: a lazy stream of ``Item`` s, one per
article, in input order, each with a stable id (``path``, ``path:LINE`` for
JSONL, ``archive#OFFSET`` for WARC, the URL for URLs, ``-`` for stdin). An input
that cannot be read becomes an item with an ``error`` and the rest go on. Nothing
is held in memory beyond the item being read.
"""

from __future__ import annotations

import json
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from according.article import Article
from according.errors import AccordingError, InputError
from according.ingest.encoding import decode, decode_text, header_charset, repair
from according.ingest.fetch import fetch
from according.ingest.files import check_regular, open_regular
from according.ingest.html import domain, extract_article, looks_like_html
from according.ingest.item import Item
from according.ingest.warc import ArchiveStats, is_warc, read_warc
from according.settings import DEFAULTS, Options

__all__ = ["ArchiveStats", "Item", "is_collection", "read_bytes", "read_inputs"]

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt", ".text")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
FOLDER_SUFFIXES = HTML_SUFFIXES + TEXT_SUFFIXES + JSONL_SUFFIXES + (".warc", ".warc.gz")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_RAISE = "split it, or raise ingest_max_bytes in the settings"
META_KEYS = {
    "url": "url",
    "title": "title",
    "outlet": "outlet",
    "published": "published",
    "date": "published",
    "byline": "byline",
    "author": "byline",
    "lang": "lang",
}


def read_inputs(
    inputs: Iterable[str], options: Options = DEFAULTS, stats: ArchiveStats | None = None
) -> Iterator[Item]:
    """Items for each input, lazily and in order; WARC counts go into ``stats`` if given."""
    for name in inputs:
        yield from read_input(name, options, stats)


def read_input(
    name: str, options: Options = DEFAULTS, stats: ArchiveStats | None = None
) -> Iterator[Item]:
    """Items for one input: '-', an http(s) URL, a folder, or a file of any known kind."""
    try:
        if name == "-":
            yield read_stream(sys.stdin.buffer, "-", options)
        elif is_url(name):
            yield read_url(name, options)
        else:
            path = Path(name)
            if path.is_dir():
                yield from read_folder(path, options, stats)
            elif path.exists():
                check_regular(path)
                yield from read_file(path, options, stats)
            else:
                raise InputError("no such file or folder")
    except AccordingError as exc:
        yield Item(id=name, error=_prefixed(name, exc))
    except OSError as exc:
        yield Item(id=name, error=f"{name}: cannot read ({exc.strerror or exc})")


def is_collection(name: str) -> bool:
    """Whether an input may hold many articles (a folder, a JSONL file, a WARC archive)."""
    if name == "-" or is_url(name):
        return False
    path = Path(name)
    return path.is_dir() or is_warc(path) or path.name.lower().endswith(JSONL_SUFFIXES)


def is_url(name: str) -> bool:
    """Whether an input names a URL (any scheme: the fetcher refuses all but http/https)."""
    return bool(_URL.match(name))


def read_folder(
    folder: Path, options: Options = DEFAULTS, stats: ArchiveStats | None = None
) -> Iterator[Item]:
    """Items for every known file under ``folder``, recursively, in sorted path order.

    Hidden files and folders (names starting with '.') are skipped; so is a folder
    already visited (a symbolic link loop), and anything that is not a regular file.
    """
    for path in walk(folder):
        try:
            yield from read_file(path, options, stats)
        except AccordingError as exc:
            yield Item(id=str(path), error=_prefixed(str(path), exc))
        except OSError as exc:
            yield Item(id=str(path), error=f"{path}: cannot read ({exc.strerror or exc})")


def walk(folder: Path, seen: set[tuple[int, int]] | None = None) -> Iterator[Path]:
    """Files with a known suffix under ``folder``, depth first, each level sorted by name.

    Each folder is entered once, known by its (device, inode): a symbolic link back to
    a folder already walked (``x -> .``) is not followed again, so loops end.
    """
    seen = set() if seen is None else seen
    info = folder.stat()
    key = (info.st_dev, info.st_ino)
    if key in seen:
        return
    seen.add(key)
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith("."):
            continue
        try:
            mode = entry.stat().st_mode
        except OSError:  # a dangling link, or one that loops on itself
            continue
        if stat.S_ISDIR(mode):
            yield from walk(entry, seen)
        elif stat.S_ISREG(mode) and entry.name.lower().endswith(FOLDER_SUFFIXES):
            yield entry


def read_file(
    path: Path, options: Options = DEFAULTS, stats: ArchiveStats | None = None
) -> Iterator[Item]:
    """Items in one file: every line of a JSONL file, every page of a WARC, else one item."""
    name = path.name.lower()
    if is_warc(path):
        yield from read_warc(path, options, stats)
    elif name.endswith(JSONL_SUFFIXES):
        yield from read_jsonl(path, options)
    else:
        check_size(path.stat().st_size, str(path), options)
        with open_regular(path) as stream:
            html = True if name.endswith(HTML_SUFFIXES) else None
            yield read_stream(stream, str(path), options, html=html)


def read_stream(
    stream: BinaryIO, name: str, options: Options = DEFAULTS, html: bool | None = None
) -> Item:
    """One item from a byte stream (a file, stdin): HTML if named or sniffed so, else text."""
    try:
        data = stream.read(options.ingest_max_bytes + 1)
        if len(data) > options.ingest_max_bytes:
            raise InputError(f"too large (more than {options.ingest_max_bytes:,} bytes); {_RAISE}")
        return Item(id=name, article=read_bytes(data, name, options, html=html))
    except AccordingError as exc:
        return Item(id=name, error=_prefixed(name, exc))


def read_bytes(
    data: bytes, name: str, options: Options = DEFAULTS, html: bool | None = None
) -> Article:
    """An article from bytes: an HTML page (``html`` True, or sniffed) or plain text."""
    check_size(len(data), name, options)
    if not data.strip():
        raise InputError("file is empty")
    if html or (html is None and looks_like_html(data)):
        return extract_article(data, id=name)
    return Article(text=repair(decode_text(data, options.text_encoding)), id=name)


def read_url(url: str, options: Options = DEFAULTS) -> Item:
    """One item from a URL, through the safe fetcher."""
    page = fetch(url, options)
    charset = header_charset(page.content_type)
    if page.is_html:
        article = extract_article(page.body, url=page.url, charset=charset, id=url)
    else:
        if not page.body.strip():
            raise InputError("the page is empty")
        text = repair(decode(page.body, declared=charset, sniff_html=False))
        article = Article(text=text, id=url, url=page.url, outlet=domain(page.url))
    return Item(id=url, article=article)


def read_jsonl(path: Path, options: Options = DEFAULTS) -> Iterator[Item]:
    """One item per non-blank line of a JSONL file, with id ``path:LINE``.

    A line holds ``{"text": ...}`` or ``{"html": ...}`` plus optional ``url``,
    ``title``, ``outlet``, ``published``, ``byline``, ``lang`` and ``id``.
    """
    cap = options.ingest_max_bytes
    with open_regular(path) as stream:
        number = 0
        while line := stream.readline(cap + 1):
            number += 1
            item_id = f"{path}:{number}"
            if len(line) > cap and not line.endswith(b"\n"):
                _skip_line(stream)
                yield Item(id=item_id, error=f"{item_id}: line is longer than {cap:,} bytes")
                continue
            if not line.strip():
                continue
            try:
                yield Item(id=item_id, article=jsonl_article(line, item_id))
            except AccordingError as exc:
                yield Item(id=item_id, error=_prefixed(item_id, exc))


def jsonl_article(line: bytes, item_id: str) -> Article:
    """The article in one JSONL record (``text`` or ``html``, with metadata)."""
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"not valid JSON ({exc})") from None
    if not isinstance(record, dict):
        raise InputError("a JSONL line must be an object with 'text' or 'html'")
    text, page = record.get("text"), record.get("html")
    if isinstance(page, str) and page.strip():
        url = record.get("url") if isinstance(record.get("url"), str) else None
        article = extract_article(page, url=url)
    elif isinstance(text, str):
        article = Article(text=repair(text))
    else:
        raise InputError("the record has no 'text' or 'html' string")
    for key, attribute in META_KEYS.items():
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            setattr(article, attribute, value.strip())
    if article.outlet is None:
        article.outlet = domain(article.url)
    record_id = record.get("id")
    article.id = str(record_id) if record_id not in (None, "") else item_id
    return article


def check_size(size: int, name: str, options: Options = DEFAULTS) -> None:
    """Refuse inputs over ``ingest_max_bytes`` before reading them whole."""
    if size > options.ingest_max_bytes:
        raise InputError(
            f"too large ({size:,} bytes; the limit is {options.ingest_max_bytes:,}); {_RAISE}"
        )


def _skip_line(stream: BinaryIO) -> None:
    while chunk := stream.readline(1 << 20):
        if chunk.endswith(b"\n"):
            return


def _prefixed(name: str, exc: Exception) -> str:
    message = str(exc)
    return message if message.startswith(name) else f"{name}: {message}"
