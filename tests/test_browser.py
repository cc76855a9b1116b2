"""The report, the app and the compare view in headless Chromium (Debian's build).

Screenshots go to test-artifacts/. Hostile article text must run no script: no
dialog, no console error, no element made from the text.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from cli import according_cli
from live_server import ROOT, live_server
from seed_attributions import HOSTILE, altered_seed, seed_analysis

from according.render import html

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)",
    ),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    pg = context.new_page()
    pg.dialogs = []
    pg.errors = []

    def on_dialog(dialog):
        pg.dialogs.append(dialog.message)
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()


@pytest.fixture(scope="module")
def server(live_url):
    """The session's live server (tests/conftest.py), shared with the API tests."""
    return live_url


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def popup_text(page) -> str:
    page.wait_for_selector("#popup:not([hidden])")
    return " ".join(page.inner_text("#popup").split())


def assert_no_script_ran(page) -> None:
    assert page.dialogs == []
    assert page.errors == []
    assert page.evaluate("window.pwned === undefined")
    made = page.evaluate(
        "document.querySelectorAll('#article img, #article a, #article script, .rows img,"
        " .rows a, .rows script').length"
    )
    assert made == 0


def test_report_file_popup_on_hover_and_keyboard(page, tmp_path, seed_text):
    path = tmp_path / "report.html"
    path.write_text(html.render(seed_analysis(seed_text)), encoding="utf-8")
    page.goto(path.as_uri())
    page.hover('#article mark[data-r~="0:source"]')
    text = popup_text(page)
    assert "Pentagon news document" in text
    assert "Pentagon news document → CNN → The Hill" in text
    shot(page, "report-file-hover.png")
    page.keyboard.press("Escape")
    assert page.is_hidden("#popup")
    # keyboard: Tab reaches the highlights and focus opens the popup
    page.focus("#article")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "MARK"
    assert popup_text(page)
    assert page.errors == [] and page.dialogs == []


def test_app_analyze_seed_and_hover_a_source(page, server, seed_text):
    page.goto(server + "/")
    shot(page, "app-index.png")
    page.fill("#text", seed_text)
    page.fill("#outlet", "The Hill")
    page.click("#analyze-text")
    page.wait_for_selector("#article mark")
    analysis = httpx.post(
        server + "/api/analyze", json={"text": seed_text, "outlet": "The Hill"}, timeout=60
    ).json()
    names = {s["id"]: s["name"] for s in analysis["sources"]}
    relayed = [
        (i, a)
        for i, a in enumerate(analysis["attributions"])
        if a["source_mention"] and len(a["chain"]) >= 3
    ]
    assert relayed, "the extractor should find a relayed attribution in the seed"
    i, attr = relayed[0]
    page.hover(f'#article mark[data-r~="{i}:source"]')
    text = popup_text(page)
    assert names[attr["source"]] in text
    assert " → ".join(names[s] for s in attr["chain"]) in text
    shot(page, "app-report-hover.png")
    assert page.dialogs == [] and page.errors == []


def test_app_compare_view(page, server, seed_text):
    page.goto(server + "/compare")
    page.fill("#text_a", seed_text)
    page.fill("#text_b", altered_seed(seed_text))
    page.click("#compare-submit")
    page.wait_for_selector("table.rows")
    assert page.locator("tr.row").count() > 5
    number = page.locator("li.change", has_text="Four")
    assert number.count() == 1
    change_id = number.get_attribute("id").removeprefix("change-")
    page.hover(f'.side-b mark[data-c~="{change_id}"]')
    text = popup_text(page)
    assert "Four" in text and "Five" in text
    assert page.locator(f'.side-a mark.active[data-c~="{change_id}"]').count() == 1
    shot(page, "app-compare.png")
    assert page.dialogs == [] and page.errors == []


def test_hostile_article_in_the_app_runs_no_script(page, server):
    page.goto(server + "/")
    page.fill("#text", HOSTILE)
    page.click("#analyze-text")
    page.wait_for_selector("#article")
    assert "<script>alert('script')</script>" in page.inner_text("#article")
    for mark in page.locator("#article mark").all():
        mark.hover()
    shot(page, "app-hostile.png")
    assert_no_script_ran(page)


def test_hostile_article_in_the_html_report_runs_no_script(page, tmp_path):
    source = tmp_path / "hostile.txt"
    source.write_text(HOSTILE, encoding="utf-8")
    out = according_cli("analyze", str(source), "--format", "html", timeout=120)
    assert out.returncode == 0, out.stderr
    report = tmp_path / "hostile.html"
    report.write_text(out.stdout, encoding="utf-8")
    page.goto(report.as_uri())
    assert "onerror" in page.inner_text("#article")
    for mark in page.locator("#article mark").all():
        page.keyboard.press("Escape")  # the open popup may cover the next highlight
        mark.click()
        assert not page.locator("#popup").is_hidden()
    assert_no_script_ran(page)


def test_hostile_versions_in_the_compare_view_run_no_script(page, server):
    page.goto(server + "/compare")
    page.fill("#text_a", HOSTILE)
    page.fill("#text_b", HOSTILE.replace("would fail", "would not fail") + " <svg onload=alert(9)>")
    page.click("#compare-submit")
    page.wait_for_selector("table.rows")
    for mark in page.locator("mark.chg").all():
        mark.hover()
    shot(page, "app-compare-hostile.png")
    assert_no_script_ran(page)


STORIES_DEV = ROOT.parent / "shared" / "data" / "stories_dev" / "versions.jsonl"
DEV_STORY = "google_search_monopoly_ruling_2024-08-05"


@pytest.mark.shared
@pytest.mark.skipif(
    not STORIES_DEV.exists(), reason=f"needs the stories_dev set at {STORIES_DEV} (../shared/)"
)
def test_story_page_of_a_dev_story_draws_the_relay_graph(page, tmp_path):
    """One real story of stories_dev (12 versions, two of them translations) added with
    ``according add``, then its page in the app: relay graph, roles, changes."""
    import json

    feed = tmp_path / "story.jsonl"
    with STORIES_DEV.open(encoding="utf-8") as rows, feed.open("w", encoding="utf-8") as out:
        for line in rows:
            row = json.loads(line)
            if row["cluster"] == DEV_STORY:
                keep = {"text": row["text"], "url": row["url"], "outlet": row["outlet"]}
                out.write(json.dumps({**keep, "published": row["date"]}) + "\n")
    db = tmp_path / "stories.db"
    added = according_cli(
        "add", str(feed), "--db", str(db), "--json", "--workers", "1", cwd=tmp_path
    )
    assert added.returncode == 0, added.stderr
    lines = [json.loads(x) for x in added.stdout.splitlines()]
    assert len({x["story_id"] for x in lines}) == 1  # every version, translations too
    with live_server(tmp_path, store_path=str(db)) as url:
        page.goto(f"{url}/stories/{lines[0]['story_id']}")
        page.wait_for_selector("svg.story-graph")
        shot(page, "story-trace.png")
        roles = page.locator("table.versions .role").all_inner_texts()
        assert {"original", "copy", "machine-reworded", "translation"} <= set(roles), roles
        nodes = page.locator("svg.story-graph g.node").count()
        assert nodes >= len(lines)  # every version is drawn, with the sources they credit
        changed = page.locator("table.versions td div.high").count()
        assert changed > 0  # what the versions changed against the original is listed
        assert page.errors == []
