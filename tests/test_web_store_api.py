"""The store over HTTP: list and read stored articles, a report at a stable URL, add one,
and the API's docs served offline (against the session's live server)."""

from __future__ import annotations

import httpx
import pytest
from live_server import STORY_TITLE

import according
from according.settings import DEFAULTS
from according.web import stories

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client(live_url):
    with httpx.Client(base_url=live_url, timeout=120) as c:
        yield c


def test_stored_articles_are_listed_newest_first(client):
    r = client.get("/api/articles")
    assert r.status_code == 200
    rows = r.json()
    assert [row["outlet"] for row in rows[:2]] == ["Copy Daily", "The Hill"]
    assert all(row["title"] == STORY_TITLE for row in rows[:2])
    assert client.get("/api/articles", params={"story": rows[0]["story_id"]}).json()


def test_a_stored_article_and_its_report_at_a_stable_url(client):
    first = client.get("/api/articles").json()[-1]
    r = client.get(f"/api/articles/{first['id']}")
    assert r.status_code == 200
    body = r.json()
    assert body["article"]["outlet"] == first["outlet"]
    assert body["analysis"]["schema"] == according.SCHEMA
    page = client.get(f"/articles/{first['id']}")
    assert page.status_code == 200 and page.text.startswith("<!DOCTYPE html>")
    assert "CNN" in page.text


@pytest.mark.parametrize("article_id", ["999999", "x1"])
def test_an_unknown_article_is_404_without_server_paths(client, article_id):
    r = client.get(f"/api/articles/{article_id}")
    assert r.status_code == 404
    assert article_id in r.json()["detail"] and "/tmp" not in r.text


def test_adding_an_article_already_stored_says_so(client, seed_text):
    r = client.post("/api/articles", json={"text": seed_text, "outlet": "The Hill"})
    assert r.status_code == 201, r.text
    added = r.json()
    assert added["duplicate"] is True and added["report"] == f"/articles/{added['article_id']}"


def test_adding_stores_and_places_the_article(tmp_path):
    options = DEFAULTS.with_(store_path=str(tmp_path / "s.db"), extractor="rules")
    analysis = according.analyze("The mayor said the budget is balanced.", options)
    added = stories.add(options, analysis)
    assert added["duplicate"] is False and added["new_story"] is True
    meta, again = stories.article(options, str(added["article_id"]))
    assert again.article.text == analysis.article.text


def test_docs_are_served_offline_with_their_own_policy(client):
    r = client.get("/docs")
    assert r.status_code == 200
    assert "/docs-assets/swagger-ui-bundle.js" in r.text and "cdn" not in r.text.lower()
    policy = r.headers["content-security-policy"]
    assert "script-src 'self' 'sha256-" in policy and "unsafe-eval" not in policy
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    spec = client.get("/openapi.json").json()
    assert "Analysis" in spec["components"]["schemas"]
    for path in ("/api/articles", "/api/articles/{article_id}"):
        assert path in spec["paths"]


def test_deleting_takes_the_article_its_rows_and_an_emptied_story(tmp_path):
    import sqlite3

    options = DEFAULTS.with_(store_path=str(tmp_path / "s.db"), extractor="rules")
    text = "The mayor said on Monday that the city budget is balanced, officials said."
    first = stories.add(options, according.analyze(text, options))
    copy = stories.add(options, according.analyze(text + " Aides agreed.", options))
    assert copy["story_id"] == first["story_id"]
    assert stories.delete(options, str(copy["article_id"]))["story_id"] == first["story_id"]
    with pytest.raises(stories.NotFound):
        stories.article(options, str(copy["article_id"]))
    assert stories.listing(options)[0]["size"] == 1
    stories.delete(options, str(first["article_id"]))
    assert stories.listing(options) == []
    with sqlite3.connect(options.store_path) as db:
        for table in ("articles", "sources", "attributions", "bands", "shingles", "keys"):
            assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    with pytest.raises(stories.NotFound):
        stories.delete(options, str(first["article_id"]))


def test_delete_is_in_the_api_description(client):
    spec = client.get("/openapi.json").json()
    assert "delete" in spec["paths"]["/api/articles/{article_id}"]
    assert client.delete("/api/articles/999999").status_code == 404
