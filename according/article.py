"""An article: its text and what is known about where it came from.

Loading from files, HTML, URLs and archives lives in ``according.ingest``;
this module holds the plain record and the checks every input passes.
"""

from __future__ import annotations

from dataclasses import dataclass

from according.errors import InputError


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


def decode_text(data: bytes) -> str:
    """Decode plain-text bytes as UTF-8 (BOM allowed), refusing binary data."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("input looks binary (NUL bytes); give a text or HTML file")
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"input is not valid UTF-8 (byte {exc.start}); re-encode it as UTF-8 "
            "or give it as an HTML file with its charset"
        ) from None
