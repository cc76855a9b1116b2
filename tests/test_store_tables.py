"""The store's sources and attributions tables: filled on add, and on upgrading an old store."""

from __future__ import annotations

import sqlite3

import pytest

import according
from according.article import Article
from according.stories.store import MIGRATIONS, Store
from according.stories.tables import MIGRATION

TEXT = (
    "Two officials familiar with the talks said the deal would likely collapse, "
    "CNN reported. The ministry denied the report."
)


@pytest.fixture(scope="module")
def analysis():
    return according.analyze(Article(TEXT, outlet="Example News"), extractor="rules")


def rows(path, sql):
    with sqlite3.connect(path) as db:
        return db.execute(sql).fetchall()


def test_adding_an_article_fills_sources_and_attributions(tmp_path, analysis):
    path = tmp_path / "according.db"
    with Store(path) as store:
        added = store.add(analysis)
    kinds = dict(rows(path, "SELECT name, kind FROM sources"))
    assert (
        kinds["CNN"] == "outlet" and kinds["Two officials familiar with the talks"] == "anonymous"
    )
    claims = rows(
        path, "SELECT source_kind, polarity, band, chain, relayed FROM attributions ORDER BY 1"
    )
    by_kind = {c[0]: c for c in claims}
    assert by_kind["anonymous"][2] == "likely"
    assert by_kind["anonymous"][3].startswith("Two officials familiar with the talks -> CNN")
    assert by_kind["anonymous"][4] == 1
    assert any(c[1] == "denies" for c in claims)
    (share,) = rows(
        path, f"SELECT anonymous_share FROM article_sourcing WHERE article_id = {added.article_id}"
    )
    assert 0 < share[0] < 1


def test_an_old_store_is_upgraded_and_its_rows_filled(tmp_path, analysis):
    path = tmp_path / "old.db"
    with Store(path) as store:
        store.add(analysis)
    before = MIGRATIONS.index(MIGRATION)  # the schema before these tables
    with sqlite3.connect(path) as db:
        db.executescript(
            "DROP VIEW attribution_rows; DROP VIEW article_sourcing; DROP TABLE attributions;"
            "DROP TABLE sources; DROP TABLE splits;"
            "DROP INDEX articles_keyed; ALTER TABLE articles DROP COLUMN keyed;"
            f"DELETE FROM migrations WHERE version > {before};"
            f"PRAGMA user_version = {before};"
        )
    with Store(path):
        pass
    assert rows(path, "SELECT count(*) FROM attributions")[0][0] == len(analysis.attributions)
    assert rows(path, "SELECT count(*) FROM sources")[0][0] == len(analysis.sources)
    assert rows(path, "SELECT count(*) FROM attribution_rows")[0][0] == len(analysis.attributions)
