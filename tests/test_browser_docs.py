"""The API's /docs page works in headless Chromium with no outside request and no CSP error."""

from __future__ import annotations

import pytest
from live_server import ROOT
from test_browser import ARGS, CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"
    ),
]


def test_docs_page_lists_the_operations(live_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        errors, outside = [], []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on(
            "request", lambda r: outside.append(r.url) if not r.url.startswith(live_url) else None
        )
        page.goto(f"{live_url}/docs")
        page.wait_for_selector(".opblock-summary-path", timeout=30_000)
        shown = page.inner_text(".swagger-ui")
        for path in ("/api/analyze", "/api/articles", "/api/stories"):
            assert path in shown
        (ROOT / "test-artifacts").mkdir(exist_ok=True)
        page.screenshot(path=str(ROOT / "test-artifacts" / "api-docs.png"), full_page=True)
        browser.close()
    assert errors == [] and outside == [url for url in outside if url.startswith("data:")]
