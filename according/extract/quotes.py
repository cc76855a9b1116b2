"""Quotation spans in raw text: curly, straight and doubled-apostrophe marks.

Spans include their marks. An unbalanced mark opens no span, so a stray
quotation mark never swallows the rest of the article.
"""

from __future__ import annotations

import re

OPEN_CURLY, CLOSE_CURLY = "\u201c", "\u201d"
QUOTE_CHARS = "\"“”'‘’«»"  # any character that can open or close a quotation
_MARKS = re.compile("\u201c|\u201d|''|\"|\u00ab|\u00bb")
_MAX_QUOTE_CHARS = 3000
_PAIRS = {"\u201c": "\u201d", '"': '"', "''": "''", "\u00ab": "\u00bb"}


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of quotations, marks included, in order."""
    spans: list[tuple[int, int]] = []
    open_mark: str | None = None
    open_at = 0
    for match in _MARKS.finditer(text):
        mark = match.group()
        if open_mark is not None and "\n\n" in text[open_at : match.start()]:
            open_mark = None  # left open at a paragraph break: a continued-quote paragraph
        if open_mark is None:
            if mark in _PAIRS:
                open_mark, open_at = mark, match.start()
        elif mark == _PAIRS[open_mark]:
            if match.end() - open_at <= _MAX_QUOTE_CHARS:
                spans.append((open_at, match.end()))
            open_mark = None
        elif mark == open_mark:
            open_at = match.start()  # opened again before closing: the first was stray
    return spans


def words_inside(text: str, span: tuple[int, int]) -> int:
    """Number of words between the marks."""
    return len(text[span[0] : span[1]].split())
