"""The app's own pages (forms, story lists, errors), rendered with autoescaping Jinja."""

from __future__ import annotations

from functools import cache
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader


@cache
def environment() -> Environment:
    """The Jinja environment for the app's pages; every value is escaped."""
    return Environment(
        loader=PackageLoader("according.web", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def page(request: Request, name: str, status: int = 200, **values: Any) -> HTMLResponse:
    """One app page from its template."""
    text = environment().get_template(name).render(path=request.url.path, **values)
    return HTMLResponse(text, status_code=status)


def error(request: Request, message: str, status: int) -> HTMLResponse:
    """An error page that says what went wrong in one sentence and links back."""
    return page(request, "error.html.j2", status=status, message=message, status_code=status)


def compare_view(result: dict[str, Any]) -> str:
    """The side-by-side comparison page for a ``web.work.compare_job`` result."""
    from according.render import compare_html

    return compare_html.render_result(result, home="/compare")
