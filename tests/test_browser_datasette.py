"""Datasette opens a store and facets its attributions, seen in headless Chromium."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from live_server import ROOT, free_port
from test_browser import ARGS, CHROMIUM

import according
from according.article import Article
from according.stories.store import Store

ARTICLES = [
    (
        "Two officials familiar with the talks said the deal would likely collapse, CNN reported.",
        "Example News",
    ),
    (
        "The ministry denied the report. A spokesman declined to comment on the timing.",
        "Other Paper",
    ),
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"
    ),
]


@contextlib.contextmanager
def datasette(db: Path):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(db), "-h", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(url + "/-/versions.json", timeout=1).status_code == 200:
                    break
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def test_datasette_facets_the_stores_attributions(tmp_path):
    from playwright.sync_api import sync_playwright

    db = tmp_path / "according.db"
    with Store(db) as store:
        for text, outlet in ARTICLES:
            store.add(according.analyze(Article(text, outlet=outlet), extractor="rules"))
    with datasette(db) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        page.goto(f"{url}/according/attribution_rows?_facet=source_kind&_facet=polarity")
        facets = page.inner_text(".facet-results")
        assert "anonymous" in facets and "denies" in facets
        assert page.locator("table.rows-and-columns tbody tr").count() >= 3
        (ROOT / "test-artifacts").mkdir(exist_ok=True)
        page.screenshot(
            path=str(ROOT / "test-artifacts" / "datasette-attributions.png"), full_page=True
        )
        browser.close()
