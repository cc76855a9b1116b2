"""Article text and metadata from an HTML page, with trafilatura and htmldate.

Boilerplate (navigation, ads, related links, comments, scripts) stays out of the
text; the headline line and repeated paragraphs (pull-quotes) are dropped so each
sentence appears once. The outlet is the site name, else the domain: it ends
every relay chain.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

import trafilatura

from according.article import Article
from according.errors import InputError
from according.ingest.encoding import decode, repair

_HTML_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3})""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_NORMALISE = re.compile(r"[\W_]+")
_HTML_SNIFF = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.I)
_BYLINE = re.compile(
    r">\s*By\s+((?:[A-Z][\w.'-]+)(?:\s+(?:[A-Z][\w.'-]+|and|de|van|von|der|la|le))*)\s*[,<|]"
)
_MIN_WORDS_DUPLICATE = 4
_MIN_PROSE_WORDS = 10
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*(\s|$)")

_MAX_PULL_QUOTE_CHARS = 400
# The publication date from the page's metadata (meta tags, JSON-LD, <time>, the URL),
# never from a guess over the whole text: "Copyright 2020" in a footer is not a date of
# publication, and an undated page gets no date rather than a wrong one.
DATE_SEARCH = {"extensive_search": False, "original_date": True}

# Without a handler, trafilatura's parse warnings would reach stderr through
# logging's last resort; our own errors already say what went wrong, in one line.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())


def looks_like_html(head: bytes) -> bool:
    """Whether the first bytes of a file look like an HTML document."""
    return bool(_HTML_SNIFF.search(head[:2048].replace(b"\x00", b"")))


def extract_article(
    page: str | bytes,
    url: str | None = None,
    charset: str | None = None,
    id: str | None = None,
) -> Article:
    """The article in an HTML page: text without boilerplate, plus its metadata.

    ``charset`` is a charset declared outside the page (an HTTP header); ``url`` is
    where it came from, used when the page names no canonical URL or site.
    """
    html = decode(page, declared=charset) if isinstance(page, bytes) else page
    html = _XML_DECLARATION.sub("", html, count=1)
    if not html.strip():
        raise InputError("page is empty")
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            date_extraction_params=DATE_SEARCH,
        )
    except (ValueError, TypeError, LookupError, RecursionError) as exc:  # lxml on hostile markup
        raise InputError(f"cannot parse the page as HTML ({type(exc).__name__}: {exc})") from None
    if doc is None or not (doc.text or "").strip():
        raise InputError("no article text found in the page")
    title = clean(doc.title)
    text = article_text(repair(doc.text), title)
    if not has_prose(text):
        raise InputError("no article text found in the page")
    canonical = doc.url if doc.url and doc.url.startswith(("http://", "https://")) else url
    return Article(
        text=text,
        id=id,
        url=canonical,
        outlet=clean(doc.sitename) or domain(canonical),
        title=title,
        published=doc.date or None,
        byline=clean(doc.author.replace("; ", ", ")) if doc.author else byline(html),
        lang=page_language(html) or doc.language,
    )


def article_text(text: str, title: str | None = None) -> str:
    """Paragraphs one per block, the headline line and repeated paragraphs dropped."""
    paragraphs = [p.strip() for p in text.splitlines() if p.strip()]
    if title and paragraphs and _key(paragraphs[0]) == _key(title):
        paragraphs = paragraphs[1:]
    return "\n\n".join(deduplicate(paragraphs))


def has_prose(text: str) -> bool:
    """Whether some paragraph reads like a sentence (not a menu left over from a page)."""
    return any(
        len(p.split()) >= _MIN_PROSE_WORDS and _SENTENCE_END.search(p) for p in text.split("\n\n")
    )


def deduplicate(paragraphs: list[str]) -> list[str]:
    """Drop exact repeats and paragraphs contained in another one (pull-quotes)."""
    keys = [_key(p) for p in paragraphs]
    kept = []
    seen: set[str] = set()
    for i, (paragraph, key) in enumerate(zip(paragraphs, keys, strict=True)):
        if key in seen:
            continue
        candidate = len(key.split()) >= _MIN_WORDS_DUPLICATE and len(key) <= _MAX_PULL_QUOTE_CHARS
        if candidate and any(
            key in other and key != other for j, other in enumerate(keys) if j != i
        ):
            continue
        seen.add(key)
        kept.append(paragraph)
    return kept


def byline(html: str) -> str | None:
    """The names in a 'By Jane Roe, Staff Writer' line, when the page has no author markup."""
    match = _BYLINE.search(html[:200_000])
    return clean(match.group(1)) if match else None


def domain(url: str | None) -> str | None:
    """The host of ``url`` without 'www.', or None."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def page_language(html: str) -> str | None:
    """The two- or three-letter language the page declares on its <html> tag."""
    match = _HTML_LANG.search(html[:5000])
    return match.group(1).lower() if match else None


def clean(value: str | None) -> str | None:
    """Whitespace collapsed and mojibake repaired; None for empty values."""
    if not value:
        return None
    value = repair(" ".join(value.split()))
    return value or None


def _key(paragraph: str) -> str:
    return " ".join(_NORMALISE.sub(" ", paragraph.lower()).split())
