"""Generators for the hostile inputs of issue #16 (no large files are committed).

Each function builds one input, in memory or under a folder it is given, so the tests
(``tests/test_hostile_*.py``) and ``benchmarks/hostile.py`` share exactly the same inputs.

    python tests/data/hostile/generate.py OUT_DIR   # writes every file input under OUT_DIR
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

NORMAL = (
    "The mayor said on Monday that the bridge would reopen in May. "
    "According to officials, repairs cost $2 million. "
    '"We are on schedule," a spokeswoman told reporters.\n'
)


def paragraph(n: int = 0) -> str:
    """One short news paragraph (different for each ``n``, so the store keeps them apart)."""
    return NORMAL.replace("Monday", f"day {n}")


def punctuation(n: int = 10_000, char: str = '"') -> str:
    """Finding 1: a news sentence followed by ``n`` punctuation marks with no space."""
    return paragraph() + char * n + "\n"


def punctuation_mixed(n: int = 10_000) -> str:
    """Finding 1, variant: a run of assorted brackets and quotes (prefix/suffix splitting)."""
    marks = "\"'([{<>}])!?.,;:-*"
    return paragraph() + "".join(marks[i % len(marks)] for i in range(n)) + "\n"


def huge_text(chars: int = 1_000_000) -> str:
    """Finding 2: ordinary news text of about ``chars`` characters."""
    parts, size, n = [], 0, 0
    while size < chars:
        p = paragraph(n)
        parts.append(p)
        size += len(p)
        n += 1
    return "".join(parts)[:chars]


def warc_record(uri: str, body: bytes) -> bytes:
    """One WARC/1.0 response record holding a 200 HTML response with ``body``."""
    http = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Record-ID: <urn:uuid:{abs(hash(uri)):032x}>\r\n"
        "WARC-Date: 2026-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def page(n: int) -> bytes:
    """A small HTML news page."""
    body = "".join(f"<p>{paragraph(n * 10 + i)}</p>" for i in range(3))
    return (
        f"<html><head><title>Page {n}</title></head><body><article><h1>Page {n}</h1>"
        f"{body}</article></body></html>"
    ).encode()


def oversized_warc(path: Path, big: int = 10_500_000, after: int = 5) -> Path:
    """Finding 3: one page of ``big`` bytes, then ``after`` normal pages."""
    with path.open("wb") as out:
        filler = b"<p>" + b"x" * (big - 100) + b"</p>"
        out.write(
            warc_record("https://news.example/big", b"<html><body>" + filler + b"</body></html>")
        )
        for n in range(after):
            out.write(warc_record(f"https://news.example/p{n}", page(n)))
    return path


XSS_NAME = "b<img src=x onerror=alert(document.title)>.txt"


def xss_folder(folder: Path) -> Path:
    """Finding 4: a folder whose file names carry markup."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.txt").write_text(paragraph(1), encoding="utf-8")
    (folder / XSS_NAME).write_text(paragraph(2), encoding="utf-8")
    return folder


def symlink_loops(folder: Path) -> Path:
    """Finding 6: one article and two links back to the folder itself."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.txt").write_text(paragraph(1), encoding="utf-8")
    for name in ("x", "y"):
        if not (folder / name).is_symlink():
            os.symlink(".", folder / name)
    return folder


def self_link(folder: Path) -> Path:
    """Finding 6, variant: one article and one link to the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.txt").write_text(paragraph(1), encoding="utf-8")
    if not (folder / "self").is_symlink():
        os.symlink(".", folder / "self")
    return folder


def fifo(path: Path) -> Path:
    """Finding 7: a named pipe with an article's name (nobody ever writes to it)."""
    if not path.exists():
        os.mkfifo(path)
    return path


def hostile_jsonl(path: Path) -> Path:
    """Finding 9: a JSONL record whose title and outlet carry terminal escape sequences."""
    import json

    record = {
        "text": paragraph(3) * 3,
        "title": "Bridge\x1b]0;pwned\x07 news\x1b[2J\x1b[31mRED",
        "outlet": "evil\x1b[1;1Houtlet\r\x08",
        "url": "https://news.example/escape",
    }
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def slowloris_bytes() -> bytes:
    """Finding 5: the start of a request whose headers never end."""
    return b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "


def write_all(out: Path) -> None:
    """Every file input under ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "punctuation.txt").write_text(punctuation(), encoding="utf-8")
    (out / "huge.txt").write_text(huge_text(), encoding="utf-8")
    oversized_warc(out / "oversized.warc")
    xss_folder(out / "xss")
    symlink_loops(out / "loops")
    fifo(out / "p.txt")
    hostile_jsonl(out / "escape.jsonl")


if __name__ == "__main__":
    write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-inputs"))
