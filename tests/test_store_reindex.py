"""Re-keying a store written by an older version of the story index: articles keyed the
old way (names not transliterated, no spelling skeletons) are re-keyed from their stored
text, in batches that a crash leaves resumable (invented texts)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest
from cli import according_cli

from according.article import Article
from according.errors import StoreError
from according.settings import DEFAULTS
from according.stories import cluster, spelling
from according.stories.language import unanalysed
from according.stories.store import SCHEMA_VERSION, Store

GREEK = [
    "Ο δήμαρχος Κυριάκος Παπαδάκης παραιτήθηκε την Τρίτη από τη δημαρχία του "
    "Ζελενογκράντ, μετά από 14 χρόνια στη θέση, λέγοντας ότι η πόλη χρειάζεται νέα ηγεσία.",
    "Η υπουργός Ελένη Σταματοπούλου ανακοίνωσε την Τετάρτη 2.300 νέες θέσεις εργασίας "
    "στο λιμάνι του Πειραιά, σε συνεργασία με την εταιρεία Ναυτίλος.",
    "Ο προπονητής Γιώργος Αναστασίου υπέγραψε νέο συμβόλαιο με την Άλ-Φαϊσαλί για "
    "τρία χρόνια, ανακοίνωσε ο σύλλογος τη Δευτέρα.",
]
SPANISH = (
    "El alcalde de Zelenograd, Kyriakos Papadakis, dimitió el martes tras 14 años en el "
    "cargo y dijo que la ciudad necesita un nuevo liderazgo."
)


def _old_keys(monkeypatch) -> None:
    """Key names as according did before transliteration and skeletons."""
    monkeypatch.setattr(spelling, "latin", lambda key: key)
    monkeypatch.setattr(spelling, "skeleton", lambda key: None)


def _old_store(path, monkeypatch) -> list[int]:
    """A store of Greek articles keyed the old way, with no index version recorded."""
    with monkeypatch.context() as patch:
        _old_keys(patch)
        with Store(path) as store:
            ids = [
                store.add(unanalysed(Article(text=t, lang="el", published="2023-03-07"))).article_id
                for t in GREEK
            ]
            store.db.execute("UPDATE articles SET keyed = 0")
    return ids


def _index(store: Store) -> tuple:
    """Everything re-keying may change, to compare two stores."""
    rows = [
        store.db.execute(sql).fetchall()
        for sql in (
            "SELECT article_id, key FROM article_keys ORDER BY 1, 2",
            "SELECT key, df FROM keys ORDER BY 1",
            "SELECT id, day_lo, day_hi, keyed, story_id FROM articles ORDER BY 1",
        )
    ]
    return tuple(rows)


def _df_is_a_count(store: Store) -> bool:
    recount = store.db.execute(
        "SELECT key, count(*) FROM article_keys GROUP BY key ORDER BY key"
    ).fetchall()
    return recount == store.db.execute("SELECT key, df FROM keys ORDER BY key").fetchall()


def test_a_new_article_meets_old_articles_by_names_only_after_reindex(tmp_path, monkeypatch):
    ids = _old_store(tmp_path / "s.db", monkeypatch)
    spanish = unanalysed(Article(text=SPANISH, lang="es", published="2023-03-07"))
    # before: the Greek mayor is keyed in Greek letters, so the Spanish version is alone
    before = tmp_path / "before.db"
    before.write_bytes((tmp_path / "s.db").read_bytes())
    with Store(before) as store:
        assert store.stale() == 3
        assert store.add(spanish).new_story
    with Store(tmp_path / "s.db") as store:
        done = store.reindex(batch=2)
        assert (done.articles, done.left) == (3, 0) and done.keys > 0
        assert store.stale() == 0
        keys = {k for (k,) in store.db.execute("SELECT key FROM article_keys")}
        assert "name:kyriakos papadakis" in keys and any(k.startswith("near:") for k in keys)
        assert _df_is_a_count(store)
        added = store.add(spanish)
        assert not added.new_story and added.joined_via == "names"
        assert added.story_id == store.article(ids[0]).story_id
        assert store.reindex().articles == 0  # nothing left: a second run changes nothing


def test_reindex_of_a_current_store_changes_nothing(tmp_path):
    with Store(tmp_path / "s.db") as store:
        for text in GREEK:
            store.add(unanalysed(Article(text=text, lang="el", published="2023-03-07")))
        before = _index(store)
        store.db.execute("UPDATE articles SET keyed = 0")
        done = store.reindex()
        assert (done.articles, done.keys) == (3, 0)
        assert _index(store) == before


def test_an_interrupted_reindex_resumes_to_the_same_state(tmp_path, monkeypatch):
    _old_store(tmp_path / "a.db", monkeypatch)
    (tmp_path / "b.db").write_bytes((tmp_path / "a.db").read_bytes())
    with Store(tmp_path / "a.db") as store:
        store.reindex()
        whole = _index(store)
    calls = []
    real = cluster.rekey

    def failing(db, article_id, feats):
        calls.append(article_id)
        if len(calls) == 2:  # the second article of the first batch
            raise RuntimeError("killed")
        return real(db, article_id, feats)

    with Store(tmp_path / "b.db") as store:
        with monkeypatch.context() as patch:
            patch.setattr(cluster, "rekey", failing)
            with pytest.raises(RuntimeError):
                store.reindex(batch=2)
        assert store.stale() == 3  # the whole batch in flight rolled back
        assert _df_is_a_count(store)
        store.reindex(batch=2, limit=2)  # one batch, then stopped
        assert store.stale() == 1
        assert _df_is_a_count(store)
        store.reindex(batch=2)
        assert _index(store) == whole


def test_a_process_killed_mid_batch_loses_only_that_batch(tmp_path, monkeypatch):
    path = tmp_path / "s.db"
    _old_store(path, monkeypatch)
    script = (
        "import os, sys\n"
        "from according.stories import cluster\n"
        "from according.stories.store import Store\n"
        "real = cluster.rekey\n"
        "def rekey(db, article_id, feats):\n"
        "    if article_id == 3: os._exit(9)\n"
        "    return real(db, article_id, feats)\n"
        "cluster.rekey = rekey\n"
        "Store(sys.argv[1]).reindex(batch=2)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(path)], check=False)
    assert done.returncode == 9
    with Store(path) as store:
        assert store.stale() == 1  # the first batch committed, the second lost
        assert store.check() == "ok" and _df_is_a_count(store)
        store.reindex()
        assert store.stale() == 0 and _df_is_a_count(store)


def test_a_reader_is_not_blocked_by_a_reindex_in_flight(tmp_path, monkeypatch):
    path = tmp_path / "s.db"
    _old_store(path, monkeypatch)
    with Store(path) as store, store.transaction():  # the write lock a batch holds
        store._rekey(1, store.db.execute("SELECT analysis FROM articles").fetchone()[0])
        with Store(path, create=False) as reader:
            assert len(reader.stories()) == 3 and reader.stale() == 3
        writer = Store(path, DEFAULTS.with_(store_timeout=0.2))
        with writer, pytest.raises(StoreError, match="locked"), writer.transaction():
            pass  # a writer waits for the batch, then says why


def test_migration_records_no_version_for_articles_already_stored(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as store:
        store.add(unanalysed(Article(text=GREEK[0], lang="el", published="2023-03-07")))
    with sqlite3.connect(path) as db:  # the store as the schema before this migration
        db.execute("DROP INDEX articles_keyed")
        db.execute("ALTER TABLE articles DROP COLUMN keyed")
        db.execute(f"DELETE FROM migrations WHERE version = {SCHEMA_VERSION}")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    with Store(path) as store:
        assert store.stale() == 1
        assert store.reindex().left == 0


def test_cli_reindex_reports_and_resumes(tmp_path, monkeypatch):
    path = tmp_path / "s.db"
    _old_store(path, monkeypatch)
    done = according_cli("reindex", "--db", str(path), "--batch", "2")
    assert done.returncode == 0, done.stderr
    assert "3 articles re-keyed" in done.stderr and "0 left" in done.stderr
    again = according_cli("reindex", "--db", str(path), "--json")
    assert again.returncode == 0 and '"articles": 0' in again.stdout
    missing = according_cli("reindex", "--db", str(tmp_path / "none.db"))
    assert missing.returncode == 2 and "no store at" in missing.stderr


def test_a_rekeyed_store_holds_the_keys_a_store_built_now_holds(tmp_path, monkeypatch):
    _old_store(tmp_path / "old.db", monkeypatch)
    with Store(tmp_path / "new.db") as store:
        for text in GREEK:
            store.add(unanalysed(Article(text=text, lang="el", published="2023-03-07")))
        now = _index(store)[:2]
    with Store(tmp_path / "old.db") as store:
        assert _index(store)[:2] != now
        store.reindex()
        assert _index(store)[:2] == now


def test_cli_add_notes_a_store_with_articles_keyed_the_old_way(tmp_path, monkeypatch):
    path = tmp_path / "s.db"
    _old_store(path, monkeypatch)
    spanish = tmp_path / "es.txt"
    spanish.write_text(SPANISH, encoding="utf-8")
    added = according_cli("add", str(spanish), "--db", str(path), cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    assert "3 stored articles keyed by an older version" in added.stderr
    assert "according reindex" in added.stderr
    according_cli("reindex", "--db", str(path))
    spanish.write_text(SPANISH + " Fue reelegido dos veces.", encoding="utf-8")
    again = according_cli("add", str(spanish), "--db", str(path), cwd=tmp_path)
    assert again.returncode == 0 and "older version" not in again.stderr
