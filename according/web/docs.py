"""The API's interactive docs at ``/docs``, offline: Swagger UI 5 (OpenAPI 3.1) comes from
the ``fastapi-offline`` package's files and the page's one inline script is allowed by its
hash."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS = "/docs-assets"
FILES = Path(fastapi_offline.__file__).parent / "static"
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def page() -> tuple[str, str]:
    """The docs page and its Content-Security-Policy (its inline script by hash)."""
    body = get_swagger_ui_html(
        openapi_url="/openapi.json",
        title="according API",
        swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
        swagger_css_url=f"{ASSETS}/swagger-ui.css",
        swagger_favicon_url=f"{ASSETS}/favicon.png",
    ).body.decode("utf-8")
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in _SCRIPT.findall(body)
    )
    policy = (
        "default-src 'none'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
        f"frame-ancestors 'none'; style-src 'self' 'unsafe-inline'; script-src 'self' {hashes}"
    )
    return body, policy


def add_docs(app: FastAPI) -> None:
    """Serve ``/docs`` (Swagger UI over ``/openapi.json``) without any outside request."""
    app.mount(ASSETS, StaticFiles(directory=FILES), name="docs-assets")
    body, policy = page()

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(body, headers={"content-security-policy": policy})
