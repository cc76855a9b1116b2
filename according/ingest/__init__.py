"""Turns what the user names (files, folders, '-', URLs, archives) into articles.

``read_inputs`` yields one ``Item`` per article in input order; an input that
cannot be read becomes an item with an ``error`` and the rest go on.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from according.article import Article, decode_text
from according.errors import AccordingError, InputError
from according.settings import DEFAULTS, Options


@dataclass
class Item:
    """One input article, or the error that kept it from being read."""

    id: str
    article: Article | None = None
    error: str | None = None


def read_bytes(data: bytes, name: str, options: Options = DEFAULTS) -> Article:
    """An article from the bytes of a text file."""
    if len(data) > options.max_chars * 4:
        raise InputError(
            f"{name} is {len(data):,} bytes; the limit is about {options.max_chars * 4:,}"
        )
    return Article(text=decode_text(data), id=name)


def read_inputs(inputs: Iterable[str], options: Options = DEFAULTS) -> Iterator[Item]:
    """Items for each input: a path to a text file, or '-' for standard input."""
    for name in inputs:
        try:
            if name == "-":
                data = sys.stdin.buffer.read()
            else:
                path = Path(name)
                if not path.is_file():
                    raise InputError(f"{name}: no such file")
                data = path.read_bytes()
            yield Item(id=name, article=read_bytes(data, name, options))
        except AccordingError as exc:
            yield Item(id=name, error=str(exc))
