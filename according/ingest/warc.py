"""Articles from WARC and WARC.GZ archives (warcio): HTML responses in, the rest counted.

Each HTML page (a 200 response, or a resource record, typed text/html or
application/xhtml+xml) becomes one item whose id is ``archive#offset``; request,
metadata, warcinfo, revisit and non-HTML records are skipped and counted by kind
in an ``ArchiveStats``.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from according.article import Article
from according.errors import AccordingError, InputError
from according.ingest.encoding import header_charset
from according.ingest.files import open_regular
from according.ingest.html import extract_article
from according.ingest.item import Item
from according.settings import DEFAULTS, Options

log = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
WARC_SUFFIXES = (".warc", ".warc.gz")


@dataclass
class ArchiveStats:
    """Counts over every archive read: records seen, pages analysed, skipped by reason."""

    archives: int = 0
    records: int = 0
    pages: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        """'1 archive: 9 records, 2 HTML pages, 7 skipped (2 request record, ...)'."""
        reasons = ", ".join(f"{n} {why}" for why, n in self.skipped.most_common())
        skipped = sum(self.skipped.values())
        return (
            f"{_count(self.archives, 'archive')}: {_count(self.records, 'record')}, "
            f"{_count(self.pages, 'HTML page')}, {skipped} skipped"
            + (f" ({reasons})" if reasons else "")
        )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def is_warc(path: Path) -> bool:
    """Whether ``path`` names a WARC archive (.warc or .warc.gz)."""
    return path.name.lower().endswith(WARC_SUFFIXES)


def read_warc(
    path: Path, options: Options = DEFAULTS, stats: ArchiveStats | None = None
) -> Iterator[Item]:
    """One item per HTML page in the archive at ``path``, in archive order."""
    stats = stats if stats is not None else ArchiveStats()
    stats.archives += 1
    offset = 0
    with open_regular(path) as stream:
        records = ArchiveIterator(stream)
        try:
            for record in records:
                stats.records += 1
                reason = skip_reason(record)
                if reason:
                    stats.skipped[reason] += 1
                    continue
                stats.pages += 1
                body = record.content_stream().read(options.ingest_max_bytes + 1)
                oversized = len(body) > options.ingest_max_bytes
                if oversized:  # skip the rest of the record unread, then go on
                    body = b""
                    while record.raw_stream.read(1 << 20):
                        pass
                # Only after the content is read: warcio reads to the record's end here.
                offset = records.get_record_offset()
                item_id = f"{path}#{offset}"
                if getattr(record.raw_stream, "limit", 0) > 0:  # bytes promised, never came
                    yield Item(
                        id=item_id, error=f"{item_id}: record is cut short (truncated archive)"
                    )
                    return
                if oversized:
                    stats.skipped["oversized record"] += 1
                    yield Item(id=item_id, error=f"{item_id}: {oversized_message(options)}")
                    continue
                try:
                    yield Item(id=item_id, article=page_article(record, body, item_id, options))
                except AccordingError as exc:
                    yield Item(id=item_id, error=str(exc))
        except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
            yield Item(id=f"{path}#{offset}", error=f"cannot read the archive further ({exc})")
    log.info("%s: %s", path, stats.summary())


def oversized_message(options: Options) -> str:
    cap = options.ingest_max_bytes
    return f"record is larger than {cap:,} bytes (ingest_max_bytes); skipped, the rest go on"


def skip_reason(record) -> str | None:
    """Why a record is not an HTML page to analyse, or None if it is one."""
    kind = record.rec_type
    if kind == "response":
        if record.http_headers is None:
            return "response without HTTP headers"
        status = record.http_headers.get_statuscode()
        if status != "200":
            return f"HTTP {status} response"
        content_type = record.http_headers.get_header("Content-Type") or ""
    elif kind == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return f"{kind} record"
    if content_type.split(";")[0].strip().lower() not in HTML_TYPES:
        return "non-HTML " + kind
    return None


def page_article(record, body: bytes, item_id: str, options: Options) -> Article:
    """The article in one HTML record's ``body``, its URL from WARC-Target-URI."""
    cap = options.ingest_max_bytes
    if len(body) > cap:
        raise InputError(f"record is larger than {cap:,} bytes (ingest_max_bytes)")
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    url = record.rec_headers.get_header("WARC-Target-URI")
    charset = header_charset(headers.get_header("Content-Type"))
    return extract_article(body, url=url, charset=charset, id=item_id)
