"""Renderers: plain callables from ``Analysis`` to text, registered by name.

``RENDERERS["json"](analysis)`` and friends; ``render(name, analysis)`` is the
one entry point the CLI and web app use.
"""

from __future__ import annotations

from collections.abc import Callable

from according.analysis import Analysis
from according.render import csv_out, html, json_out, terminal
from according.render.spans import displacy

RENDERERS: dict[str, Callable[[Analysis], str]] = {
    "text": terminal.render,
    "json": json_out.render,
    "jsonl": json_out.render_line,
    "html": html.render,
    "csv": csv_out.render,
}


__all__ = ["RENDERERS", "displacy", "render"]


def render(name: str, analysis: Analysis) -> str:
    """Render ``analysis`` in the named format."""
    try:
        renderer = RENDERERS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}; choose from {', '.join(RENDERERS)}") from None
    return renderer(analysis)
