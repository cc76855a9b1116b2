"""Bytes to text for pages and files: BOM, declared charset, detection, mojibake repair.

Pages often lie about their encoding (a page says UTF-8 and is windows-1252, or
says ISO-8859-1 and is UTF-8), so a declared charset is only believed when the
bytes decode under it without damage; otherwise charset-normalizer guesses, and
ftfy repairs the mojibake that double encodings leave behind.
"""

from __future__ import annotations

import codecs
import re

import ftfy
from charset_normalizer import from_bytes

from according.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
# What browsers do (WHATWG Encoding): these labels all mean windows-1252.
_AS_WINDOWS_1252 = {"iso-8859-1", "latin-1", "latin1", "ascii", "us-ascii", "iso8859-1", "l1"}
_SINGLE_BYTE = {"cp1252", "windows-1252", "iso8859-15", "cp1250", "cp1251", "iso8859-2"}
_REPAIR = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_character_width=False,
    fix_latin_ligatures=False,
    explain=False,
)


def decode(data: bytes, declared: str | None = None, sniff_html: bool = True) -> str:
    """Text from ``data``: BOM first, then the declared charset if the bytes fit it, else a guess.

    ``declared`` is a charset from outside the bytes (an HTTP Content-Type);
    ``sniff_html`` also reads ``<meta charset>`` and the XML declaration.
    """
    check_not_binary(data)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    labels = [declared] if declared else []
    if sniff_html:
        labels.append(declared_charset(data[:4096]))
    for label in labels:
        codec = normalise_label(label)
        if codec is None:
            continue
        if codec.startswith(("utf-16", "utf-32")):
            codec = "utf-8"  # bytes with no BOM cannot be UTF-16; browsers read UTF-8 too
        if codec in _SINGLE_BYTE and _is_multibyte_utf8(data):
            # A legacy charset declared on bytes that are valid UTF-8 with non-ASCII
            # characters: the declaration is almost certainly wrong.
            return data.decode("utf-8")
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            break  # the page lies about its charset: detect instead
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return data.decode(guess_codec(data), errors="replace")


def decode_text(data: bytes, encoding: str = "utf-8") -> str:
    """Plain text in a stated encoding (a BOM wins); ``auto`` detects like ``decode``.

    Plain text declares nothing, so a guess could silently garble it: by default
    bytes that are not valid UTF-8 are refused with the offset and what to do.
    """
    if encoding == "auto":
        return decode(data, sniff_html=False)
    check_not_binary(data)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    codec = normalise_label(encoding)
    if codec is None:
        raise InputError(f"unknown text encoding {encoding!r}; use a codec name such as utf-8")
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid {encoding.upper() if codec == 'utf-8' else encoding} text "
            f"(bad byte at offset {exc.start}); convert the file to UTF-8, "
            "or set text_encoding = auto (or the file's encoding) in the settings"
        ) from None


def declared_charset(head: bytes) -> str | None:
    """The charset a document declares in its first bytes (meta tag or XML declaration)."""
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii", "replace") if match else None


def header_charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, if any."""
    match = _HEADER_CHARSET.search(content_type or "")
    return match.group(1) if match else None


def normalise_label(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None for unknown labels."""
    if not label:
        return None
    label = label.strip().lower()
    if label in _AS_WINDOWS_1252:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "utf-8" if name == "utf-8-sig" else name


def guess_codec(data: bytes) -> str:
    """charset-normalizer's best guess for ``data``; windows-1252 when it has none or ties.

    Legacy code pages often decode a page equally well (cp1250, cp1252, cp1257 on
    'ñ'); on a tie the web's most common one, windows-1252, wins.
    """
    matches = from_bytes(data[:200_000])
    best = matches.best()
    if best is None:
        return "cp1252"
    for match in matches:
        if (
            match.encoding == "cp1252"
            and match.chaos <= best.chaos
            and match.coherence >= best.coherence
        ):
            return "cp1252"
    return best.encoding


def repair(text: str) -> str:
    """Mojibake repaired ('â€™' becomes '’'), nothing else changed (quotes stay curly)."""
    return ftfy.fix_text(text, config=_REPAIR) if text else text


def check_not_binary(data: bytes) -> None:
    """Refuse data that is not text at all (NUL bytes outside a UTF-16/32 BOM)."""
    head = data[:8192]
    if b"\x00" in head and not head.startswith(tuple(bom for bom, _ in _BOMS)):
        raise InputError("input looks binary (NUL bytes), not text or HTML")


def _is_multibyte_utf8(data: bytes) -> bool:
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
