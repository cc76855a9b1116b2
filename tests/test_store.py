"""The story store: created on first use, migrated, deduplicated, atomic per article,
and clear about locked, corrupt or missing things (``according.stories.store``)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from cli import according_cli

from according.analysis import Analysis
from according.article import Article
from according.errors import StoreError
from according.settings import DEFAULTS
from according.stories import cluster
from according.stories import store as store_module
from according.stories.store import SCHEMA_VERSION, Store, canonical_url

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "stories"


def _analysis(name: str, url: str | None = None, text: str | None = None) -> Analysis:
    """An analysis with no attributions: the store needs only the article."""
    body = text if text is not None else (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    return Analysis(Article(text=body, id=f"{name}.txt", url=url, outlet=name.title()))


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as db:
        return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_store_is_created_on_first_use_with_its_schema_version(tmp_path):
    path = tmp_path / "new" / "stories.db"
    path.parent.mkdir()
    assert not path.exists()
    with Store(path) as store:
        assert store.count() == 0
        assert store.check() == "ok"
    assert path.is_file()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        versions = [r[0] for r in db.execute("SELECT version FROM migrations ORDER BY version")]
    assert versions == list(range(1, SCHEMA_VERSION + 1))
    assert {"articles", "stories", "bands", "shingles"} <= _tables(path)


def test_reopening_applies_no_migration_twice(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as store:
        store.add(_analysis("original"))
    with Store(path) as store:
        assert store.count() == 1
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM migrations").fetchone()[0] == SCHEMA_VERSION


def test_an_older_store_is_migrated_in_place_and_keeps_its_articles(tmp_path, monkeypatch):
    path = tmp_path / "s.db"
    with Store(path) as store:
        first = store.add(_analysis("original"))
    extra = ("a test column", "ALTER TABLE articles ADD COLUMN note TEXT DEFAULT 'migrated'")
    monkeypatch.setattr(store_module, "MIGRATIONS", (*store_module.MIGRATIONS, extra))
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with Store(path) as store:
        assert store.article(first.article_id).story_id == first.story_id
        note = store.db.execute("SELECT note FROM articles").fetchone()[0]
    assert note == "migrated"
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
        notes = [r[0] for r in db.execute("SELECT note FROM migrations ORDER BY version")]
    assert notes[-1] == "a test column"


def test_a_store_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "s.db"
    Store(path).close()
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    with pytest.raises(StoreError, match="schema version .*upgrade according"):
        Store(path)


def test_same_text_is_stored_once(tmp_path):
    text = (FIXTURES / "original.txt").read_text(encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        first = store.add(_analysis("original", url="https://a.example/story"))
        # same words, other case and spacing, other URL: the same article
        again = store.add(
            _analysis("original", url="https://b.example/x", text="  " + text.upper() + "\n")
        )
        assert again.duplicate and again.article_id == first.article_id
        assert store.count() == 1
        assert store.find(None, text) == first.article_id


def test_same_canonical_url_is_stored_once(tmp_path):
    with Store(tmp_path / "s.db") as store:
        first = store.add(_analysis("original", url="https://www.hill.example/news/iran/"))
        again = store.add(
            _analysis("copy", url="http://hill.example/news/iran?utm_source=feed&fbclid=1#comments")
        )
        other = store.add(_analysis("copy", url="https://hill.example/news/iran?page=2"))
        assert again.duplicate and again.article_id == first.article_id
        assert not other.duplicate
        assert store.count() == 2


def test_canonical_url_folds_only_what_does_not_name_the_page():
    assert canonical_url("HTTP://WWW.Example.com/a/?utm_medium=x&b=2&a=1#top") == (
        "https://example.com/a?a=1&b=2"
    )
    assert canonical_url("https://example.com/a?id=1") != canonical_url(
        "https://example.com/a?id=2"
    )
    assert canonical_url(None) is None


def test_a_failure_mid_article_stores_nothing_of_it(tmp_path, monkeypatch):
    path = tmp_path / "s.db"
    with Store(path) as store:
        kept = store.add(_analysis("unrelated"))

        def broken(db, article_id, feats):
            db.execute("INSERT INTO bands (key, article_id) VALUES (1, ?)", (article_id,))
            raise sqlite3.OperationalError("disk I/O error (simulated)")

        monkeypatch.setattr(cluster, "record", broken)
        with pytest.raises(StoreError, match="disk I/O error"):
            store.add(_analysis("original"))
        monkeypatch.undo()
        assert store.count() == 1
        assert [s.id for s in store.stories()] == [kept.story_id]
        for table in ("bands", "shingles", "article_keys"):
            ids = {r[0] for r in store.db.execute(f"SELECT DISTINCT article_id FROM {table}")}
            assert ids == {kept.article_id}, table
        # the same article can be added afterwards, whole
        added = store.add(_analysis("original"))
        assert not added.duplicate and store.count() == 2


@pytest.mark.slow
def test_a_process_killed_mid_article_leaves_a_sound_store(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as store:
        kept = store.add(_analysis("unrelated"))
    script = textwrap.dedent(
        f"""
        import os
        from according.analysis import Analysis
        from according.article import Article
        from according.stories import cluster
        from according.stories.store import Store

        def die(db, article_id, feats):
            db.execute("INSERT INTO shingles (article_id, data) VALUES (?, x'00')", (article_id,))
            os._exit(9)  # killed after the article row was written, before the commit

        cluster.record = die
        with Store({str(path)!r}) as store:
            store.add(Analysis(Article(text="A Pentagon document said Iran paid for it.")))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, timeout=120)
    assert done.returncode == 9
    with Store(path) as store:
        assert store.check() == "ok"
        assert [a.id for a in store.articles()] == [kept.article_id]
        assert len(store.stories()) == 1


def test_a_locked_store_gives_a_clear_error_and_keeps_its_data(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as store:
        store.add(_analysis("unrelated"))
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process writing, for longer than we wait
    try:
        with Store(path, DEFAULTS.with_(store_timeout=0.2)) as store:
            with pytest.raises(StoreError, match="locked by another process .*0.2 s"):
                store.add(_analysis("original"))
            assert store.count() == 1  # reading still works while another writes
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Store(path) as store:
        assert not store.add(_analysis("original")).duplicate
        assert store.count() == 2


def test_a_locked_store_through_the_cli(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as store:
        store.add(_analysis("unrelated"))
    settings = tmp_path / "settings.cfg"
    settings.write_text("[according]\nstore_timeout = 0.2\n", encoding="utf-8")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        # in this process: SQLite's locks hold between connections of one process too
        done = according_cli(
            "--config",
            str(settings),
            "add",
            "--db",
            str(path),
            "--workers",
            "1",
            str(FIXTURES / "copy.txt"),
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert done.returncode == 2, done.stderr
    assert "locked by another process" in done.stderr
    assert "Traceback" not in done.stderr
    with Store(path) as store:
        assert store.count() == 1


@pytest.mark.parametrize(
    "content",
    [os.urandom(4096), b"SQLite format 3\x00" + os.urandom(4080), b"not a store\n" * 100],
    ids=["random", "damaged-header", "text"],
)
def test_a_corrupt_file_gives_a_clear_error_and_is_not_overwritten(tmp_path, content):
    path = tmp_path / "s.db"
    path.write_bytes(content)
    with pytest.raises(StoreError, match="not an according store or is damaged"), Store(path) as s:
        s.add(_analysis("original"))
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.db"]


def test_a_corrupt_file_through_the_cli(tmp_path):
    path = tmp_path / "s.db"
    content = os.urandom(8192)
    path.write_bytes(content)
    for args in (["stories"], ["trace", "1"]):
        done = according_cli(*args, "--db", str(path), timeout=120)
        assert done.returncode == 2
        assert "not an according store or is damaged" in done.stderr
        assert "Traceback" not in done.stderr
    assert path.read_bytes() == content


def test_missing_ids_give_clear_messages(tmp_path):
    with Store(tmp_path / "s.db") as store:
        added = store.add(_analysis("original"))
        with pytest.raises(StoreError, match=r"no article 999 .*holds 1 articles"):
            store.article(999)
        with pytest.raises(StoreError, match="no article 999"):
            store.analysis(999)
        with pytest.raises(StoreError, match=r"no story 999 .*holds 1 stories"):
            store.story(999)
        assert store.story(added.story_id).size == 1


def test_a_missing_store_is_not_created_by_readers(tmp_path):
    path = tmp_path / "none.db"
    with pytest.raises(StoreError, match="no store at .*according add"):
        Store(path, create=False)
    assert not path.exists()
    with pytest.raises(StoreError, match="is a directory"):
        Store(tmp_path)
