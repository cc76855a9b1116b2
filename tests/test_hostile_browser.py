"""Issue #16 in headless Chromium: a file name runs no script in ``analyze --format
html`` (finding 4), and a page on another site cannot post a form to the server
(finding 1's cross-site posts)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from cli import according_cli
from live_server import live_server
from test_browser import ARGS, CHROMIUM

sys.path.insert(0, str(Path(__file__).resolve().parent / "data" / "hostile"))
import generate  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium"),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


def test_a_file_name_runs_no_script_in_the_html_output(browser, tmp_path):
    folder = generate.xss_folder(tmp_path / "in")
    done = according_cli("analyze", str(folder), "--format", "html")
    assert done.returncode == 0, done.stderr
    report = tmp_path / "out.html"
    report.write_text(done.stdout, encoding="utf-8")
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(report.as_uri())
    page.wait_for_timeout(500)
    assert dialogs == []
    assert page.evaluate("document.querySelectorAll('img[src=x]').length") == 0
    assert "onerror=alert" in page.inner_text("body")  # shown as text
    page.close()


def test_a_page_on_another_site_cannot_post_to_the_server(browser, tmp_path):
    with live_server(tmp_path, workers=1) as url:
        attacker = tmp_path / "attacker.html"
        attacker.write_text(
            f'<form id="f" method="post" action="{url}/report">'
            '<input name="text" value="The mayor said so on Monday."></form>'
            "<script>document.getElementById('f').submit()</script>",
            encoding="utf-8",
        )
        page = browser.new_page()
        with page.expect_response(lambda r: r.url.endswith("/report")) as answer:
            page.goto(attacker.as_uri())
        assert answer.value.status == 403
        page.close()
