"""Span extractors by name: each registers itself where it is defined.

An extractor is a plain callable ``Doc -> list[Found]``; ``@register("name")``
on its definition (as spaCy registers components) puts it here, and the
``extractor`` setting, ``--extractor`` and ``assemble.build`` look it up by name.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from according.errors import InputError
from according.extract.found import Found

Extractor = Callable[[Doc], list[Found]]

_EXTRACTORS: dict[str, Extractor] = {}


def register(name: str) -> Callable[[Extractor], Extractor]:
    """Decorator: make ``fn`` the extractor called ``name``."""

    def add(fn: Extractor) -> Extractor:
        if name in _EXTRACTORS and _EXTRACTORS[name] is not fn:
            raise ValueError(f"extractor {name!r} is registered twice")
        _EXTRACTORS[name] = fn
        return fn

    return add


def names() -> tuple[str, ...]:
    """Every registered extractor name, sorted."""
    return tuple(sorted(_EXTRACTORS))


def get(name: str) -> Extractor:
    """The extractor called ``name``; an ``InputError`` naming the choices otherwise."""
    try:
        return _EXTRACTORS[name]
    except KeyError:
        raise InputError(
            f"unknown extractor {name!r}; choose one of {', '.join(names())}"
        ) from None
