"""The article store: one SQLite file of analysed articles and the stories they belong to.

Created on first use; the schema is versioned (``PRAGMA user_version`` plus a
``migrations`` table) and upgraded in place. Each article is added in one
transaction (WAL journal), so a crash loses at most the article in flight.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from according.analysis import Analysis
from according.errors import StoreError
from according.settings import DEFAULTS, Options
from according.stories import cluster, language, tables

MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "articles, stories, near-duplicate bands, shingles, entity and date keys",
        """
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            headline TEXT,
            created TEXT NOT NULL
        );
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            input TEXT,
            url TEXT,
            canonical_url TEXT UNIQUE,
            text_hash TEXT NOT NULL UNIQUE,
            outlet TEXT,
            title TEXT,
            published TEXT,
            byline TEXT,
            chars INTEGER NOT NULL,
            added TEXT NOT NULL,
            story_id INTEGER NOT NULL REFERENCES stories(id),
            joined_via TEXT NOT NULL,
            nearest INTEGER,
            score REAL,
            analysis TEXT NOT NULL
        );
        CREATE INDEX articles_story ON articles(story_id);
        CREATE TABLE bands (key INTEGER NOT NULL, article_id INTEGER NOT NULL);
        CREATE INDEX bands_key ON bands(key, article_id);
        CREATE TABLE shingles (article_id INTEGER PRIMARY KEY, data BLOB NOT NULL);
        CREATE TABLE keys (key TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE article_keys (
            article_id INTEGER NOT NULL,
            key TEXT NOT NULL,
            PRIMARY KEY (article_id, key)
        ) WITHOUT ROWID;
        CREATE INDEX article_keys_key ON article_keys(key, article_id);
        """,
    ),
    (
        "languages, publication days, opening embeddings, story merges",
        """
        ALTER TABLE articles ADD COLUMN lang TEXT;
        ALTER TABLE articles ADD COLUMN supported INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE articles ADD COLUMN day_lo INTEGER;
        ALTER TABLE articles ADD COLUMN day_hi INTEGER;
        CREATE TABLE vectors (article_id INTEGER PRIMARY KEY, data BLOB NOT NULL);
        CREATE TABLE merges (
            id INTEGER PRIMARY KEY,
            story_id INTEGER NOT NULL,
            merged INTEGER NOT NULL,
            article_id INTEGER NOT NULL,
            via TEXT NOT NULL,
            score REAL,
            articles INTEGER NOT NULL,
            at TEXT NOT NULL
        );
        """,
    ),
    tables.MIGRATION,
    (
        "story splits",
        """
        CREATE TABLE splits (
            id INTEGER PRIMARY KEY,
            story_id INTEGER NOT NULL,
            split INTEGER NOT NULL,
            article_id INTEGER NOT NULL,
            articles INTEGER NOT NULL,
            at TEXT NOT NULL
        );
        """,
    ),
    (
        "the story-index version each article was keyed with (0: before it was recorded)",
        """
        ALTER TABLE articles ADD COLUMN keyed INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX articles_keyed ON articles(keyed, id);
        """,
    ),
)
REINDEX_BATCH = 200  # articles re-keyed per transaction: a killed re-key loses at most these
SCHEMA_VERSION = len(MIGRATIONS)
_TRACKING = re.compile(r"^(utm_.*|fbclid|gclid|mc_cid|mc_eid|ref|cmpid|ocid)$")


@dataclass
class Added:
    """What ``Store.add`` did with one article."""

    article_id: int
    story_id: int
    duplicate: bool = False
    new_story: bool = False
    joined_via: str = "new"
    nearest: int | None = None
    score: float | None = None
    lang: str | None = None
    merged: list[int] = field(default_factory=list)  # stories this article merged into its own
    split: list[int] = field(default_factory=list)  # stories split off its story (another date)


@dataclass
class Reindexed:
    """What ``Store.reindex`` did: articles re-keyed, keys changed, articles still stale."""

    articles: int
    keys: int
    left: int


@dataclass
class StoredArticle:
    """One stored article's metadata (its analysis is loaded on request)."""

    id: int
    story_id: int
    input: str | None
    url: str | None
    outlet: str | None
    title: str | None
    published: str | None
    added: str
    chars: int
    joined_via: str
    nearest: int | None
    score: float | None
    lang: str | None = None
    supported: bool = True


_ARTICLE_COLUMNS = (
    "id, story_id, input, url, outlet, title, published, added, chars, "
    "joined_via, nearest, score, lang, supported"
)


@dataclass
class StoryRow:
    """A story: versions of one event, with the outlets and dates of its articles."""

    id: int
    headline: str | None
    size: int
    outlets: list[str] = field(default_factory=list)
    first: str | None = None
    last: str | None = None
    created: str | None = None


def canonical_url(url: str | None) -> str | None:
    """The URL without fragment, tracking parameters, ``www.`` or trailing slash."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return url.strip()
    host = parts.netloc.lower().removeprefix("www.")
    query = urlencode(sorted(kv for kv in parse_qsl(parts.query) if not _TRACKING.match(kv[0])))
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(
        ("https" if parts.scheme in ("http", "https") else parts.scheme, host, path, query, "")
    )


def text_hash(text: str) -> str:
    """A hash of the text with case, Unicode forms and whitespace folded."""
    folded = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """An open store; use as a context manager. ``create=False`` refuses a missing file."""

    def __init__(self, path: str | Path, options: Options = DEFAULTS, create: bool = True):
        self.path = Path(path)
        if self.path.is_dir():
            raise StoreError(f"store {self.path} is a directory; give a file path with --db")
        if not create and not self.path.exists():
            raise StoreError(f"no store at {self.path}; add articles first with `according add`")
        try:
            self.db = sqlite3.connect(
                self.path, timeout=options.store_timeout, isolation_level=None
            )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from None
        self.timeout = options.store_timeout
        self.settings = cluster.Settings.from_options(options)
        try:
            self._setup()
        except BaseException:
            self.db.close()
            raise

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # -- errors and transactions ----------------------------------------------------------

    def _error(self, exc: sqlite3.Error) -> StoreError:
        text = str(exc)
        if "locked" in text or "busy" in text:
            return StoreError(
                f"store {self.path} is locked by another process (waited {self.timeout:g} s); "
                "try again when it has finished, or raise store_timeout"
            )
        if isinstance(exc, sqlite3.DatabaseError) and (
            "not a database" in text or "malformed" in text or "corrupt" in text
        ):
            return StoreError(
                f"store {self.path} is not an according store or is damaged ({text}); "
                "nothing was changed: move it aside or give another --db"
            )
        return StoreError(f"store {self.path}: {text}")

    def _run(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        try:
            return self.db.execute(sql, params)
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    def transaction(self):
        """``with store.transaction():`` one atomic write, rolled back on any error."""
        return _Transaction(self)

    def _setup(self) -> None:
        try:
            self.db.execute("PRAGMA foreign_keys = ON")
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"store {self.path} has schema version {version}; this version of "
                    f"according reads up to {SCHEMA_VERSION}: upgrade according"
                )
            if version < SCHEMA_VERSION:
                self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        for number in range(version + 1, SCHEMA_VERSION + 1):
            self._migrate(number)

    def _migrate(self, number: int) -> None:
        note, script = MIGRATIONS[number - 1]
        with self.transaction():
            if self._run("PRAGMA user_version").fetchone()[0] >= number:
                return  # another process applied it while this one waited for the lock
            if number == 1:
                self._run(
                    "CREATE TABLE IF NOT EXISTS migrations "
                    "(version INTEGER PRIMARY KEY, applied TEXT NOT NULL, note TEXT)"
                )
            for statement in script.split(";"):
                if statement.strip():
                    self._run(statement)
            self._run("INSERT INTO migrations VALUES (?, ?, ?)", (number, _now(), note))
            self._run(f"PRAGMA user_version = {number}")

    # -- writing --------------------------------------------------------------------------

    def find(self, url: str | None, text: str) -> int | None:
        """The id of a stored article with the same canonical URL or the same text."""
        row = self._run(
            "SELECT id FROM articles WHERE text_hash = ? OR canonical_url = ? LIMIT 1",
            (text_hash(text), canonical_url(url)),
        ).fetchone()
        return row[0] if row else None

    def features(self, analysis: Analysis, vector=None) -> cluster.Features:
        """What story assignment needs of an analysed article: the embedding of its
        opening is computed here unless ``vector`` gives it."""
        article = analysis.article
        return cluster.features(
            article.text, article.lang, article.published, self.settings, vector
        )

    def add(self, analysis: Analysis, features: cluster.Features | None = None) -> Added:
        """Store one analysed article and assign it to a story, in one transaction.

        An article whose analysis is marked unsupported (another language) is
        stored all the same and placed by names, numbers and dates.
        """
        article = analysis.article
        features = features or self.features(analysis)
        payload = json.dumps(analysis.to_dict(), ensure_ascii=False)
        supported = (article.lang or "en") in language.SUPPORTED
        with self.transaction():
            existing = self.find(article.url, article.text)
            if existing is not None:
                story = self._run("SELECT story_id FROM articles WHERE id = ?", (existing,))
                return Added(existing, story.fetchone()[0], duplicate=True)
            try:
                placement = cluster.place(self.db, features, self.settings)
            except sqlite3.Error as exc:
                raise self._error(exc) from None
            match = placement.match
            story_id = match.story_id if match else self._new_story(article)
            days = features.days or (None, None)
            cursor = self._run(
                "INSERT INTO articles (input, url, canonical_url, text_hash, outlet, title, "
                "published, byline, chars, added, story_id, joined_via, nearest, score, analysis,"
                " lang, supported, day_lo, day_hi, keyed)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article.id,
                    article.url,
                    canonical_url(article.url),
                    text_hash(article.text),
                    article.outlet,
                    article.title,
                    article.published,
                    article.byline,
                    len(article.text),
                    _now(),
                    story_id,
                    match.via if match else "new",
                    match.article_id if match else None,
                    match.score if match else None,
                    payload,
                    article.lang,
                    int(supported),
                    *days,
                    cluster.INDEX_VERSION,
                ),
            )
            article_id = cursor.lastrowid
            merged = [self._merge(story_id, m, article_id) for m in placement.merges]
            try:
                cluster.record(self.db, article_id, features)
                strays = cluster.stray_groups(self.db, story_id, self.settings) if match else []
            except sqlite3.Error as exc:
                raise self._error(exc) from None
            split = [self._split(story_id, group, article_id) for group in strays]
            if split:  # the article itself may be the one its story's date leaves out
                story_id = self._run(
                    "SELECT story_id FROM articles WHERE id = ?", (article_id,)
                ).fetchone()[0]
            for statement in tables.FILL_ONE:
                self._run(statement, (article_id,))
        return Added(
            article_id,
            story_id,
            new_story=match is None,
            joined_via=match.via if match else "new",
            nearest=match.article_id if match else None,
            score=match.score if match else None,
            lang=article.lang,
            merged=merged,
            split=split,
        )

    def delete(self, article_id: int) -> int:
        """Remove one stored article, its rows and its place in the index, in one
        transaction; a story left empty goes too. Returns the story it was in."""
        story_id = self.article(article_id).story_id
        with self.transaction():
            try:
                cluster.forget(self.db, article_id)
            except sqlite3.Error as exc:
                raise self._error(exc) from None
            self._run("DELETE FROM articles WHERE id = ?", (article_id,))
            left = self._run("SELECT count(*) FROM articles WHERE story_id = ?", (story_id,))
            if left.fetchone()[0] == 0:
                self._run("DELETE FROM stories WHERE id = ?", (story_id,))
        return story_id

    def stale(self) -> int:
        """How many stored articles were keyed by an older version of the story index."""
        return self._run(
            "SELECT count(*) FROM articles WHERE keyed < ?", (cluster.INDEX_VERSION,)
        ).fetchone()[0]

    def reindex(
        self, batch: int = REINDEX_BATCH, limit: int | None = None, progress=None
    ) -> Reindexed:
        """Re-key the articles keyed by an older story index from their stored text (names,
        numbers, dates, lead names, skeletons, days; shingles, bands and embeddings are kept),
        ``batch`` articles per transaction, at most ``limit`` in all; resumable at any point.
        ``progress(done, batch_size)`` is called after each committed batch."""
        done = changed = 0
        while limit is None or done < limit:
            size = batch if limit is None else min(batch, limit - done)
            with self.transaction():
                rows = self._run(
                    "SELECT id, analysis FROM articles WHERE keyed < ? ORDER BY id LIMIT ?",
                    (cluster.INDEX_VERSION, size),
                ).fetchall()
                for article_id, payload in rows:
                    changed += self._rekey(article_id, payload)
            if not rows:
                break
            done += len(rows)
            if progress:
                progress(done, len(rows))
        return Reindexed(done, changed, self.stale())

    def _rekey(self, article_id: int, payload: str) -> int:
        """Re-key one article from its stored analysis (inside the caller's transaction)."""
        try:
            article = json.loads(payload)["article"]
            feats = cluster.text_features(
                article["text"], article.get("lang"), article.get("published")
            )
        except (ValueError, TypeError, KeyError) as exc:
            raise StoreError(f"article {article_id} in {self.path} cannot be read: {exc}") from None
        try:
            changed = cluster.rekey(self.db, article_id, feats)
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        self._run(
            "UPDATE articles SET day_lo = ?, day_hi = ?, keyed = ? WHERE id = ?",
            (*(feats.days or (None, None)), cluster.INDEX_VERSION, article_id),
        )
        return changed

    def _merge(self, story_id: int, other: cluster.Match, article_id: int) -> int:
        """Move the articles of ``other``'s story into ``story_id``; record the merge."""
        moved = self._run(
            "UPDATE articles SET story_id = ? WHERE story_id = ?", (story_id, other.story_id)
        ).rowcount
        self._run(
            "INSERT INTO merges (story_id, merged, article_id, via, score, articles, at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (story_id, other.story_id, article_id, other.via, other.score, moved, _now()),
        )
        return other.story_id

    def _split(self, story_id: int, ids: list[int], article_id: int) -> int:
        """Move the articles ``ids`` out of ``story_id`` into a new story; record the split."""
        new = self._new_story(self.analysis(ids[0]).article)
        moved = self._run(
            f"UPDATE articles SET story_id = ? WHERE id IN ({','.join('?' * len(ids))})",
            (new, *ids),
        ).rowcount
        self._run(
            "INSERT INTO splits (story_id, split, article_id, articles, at) VALUES (?, ?, ?, ?, ?)",
            (story_id, new, article_id, moved, _now()),
        )
        return new

    def splits(self, story_id: int | None = None, into: int | None = None) -> list[dict[str, Any]]:
        """Recorded story splits (out of ``story_id``, or into the new story ``into``, if
        given), oldest first: ``split`` is the new story, ``article_id`` the article whose
        date showed the story to be two."""
        column, value = ("split", into) if into is not None else ("story_id", story_id)
        return self._records(
            "splits", ("story_id", "split", "article_id", "articles", "at"), column, value
        )

    def merges(self, story_id: int | None = None) -> list[dict[str, Any]]:
        """Recorded story merges (into ``story_id`` if given), oldest first."""
        keys = ("story_id", "merged", "article_id", "via", "score", "articles", "at")
        return self._records("merges", keys, "story_id", story_id)

    def _records(
        self, table: str, keys: tuple[str, ...], column: str, value: int | None
    ) -> list[dict[str, Any]]:
        """Rows of a record table (merges, splits), oldest first, where ``column`` is
        ``value`` if it is given."""
        where, params = (f"WHERE {column} = ?", (value,)) if value is not None else ("", ())
        rows = self._run(
            f"SELECT {', '.join(keys)} FROM {table} {where} ORDER BY id", params
        ).fetchall()
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def _new_story(self, article) -> int:
        headline = article.title or next(
            (line.strip() for line in article.text.splitlines() if line.strip()), ""
        )
        cursor = self._run(
            "INSERT INTO stories (headline, created) VALUES (?, ?)", (headline[:200], _now())
        )
        return cursor.lastrowid

    # -- reading --------------------------------------------------------------------------

    def count(self) -> int:
        return self._run("SELECT count(*) FROM articles").fetchone()[0]

    def article(self, article_id: int) -> StoredArticle:
        """One article's metadata; StoreError if there is no such id."""
        row = self._run(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            raise StoreError(
                f"no article {article_id} in {self.path} (it holds {self.count()} articles; "
                "`according stories` lists them)"
            )
        return StoredArticle(*row[:-1], supported=bool(row[-1]))

    def analysis(self, article_id: int) -> Analysis:
        """The stored analysis of one article, as the ``Analysis`` it was stored from."""
        self.article(article_id)
        row = self._run("SELECT analysis FROM articles WHERE id = ?", (article_id,)).fetchone()
        try:
            return Analysis.from_dict(json.loads(row[0]))
        except (ValueError, TypeError, KeyError) as exc:
            raise StoreError(f"article {article_id} in {self.path} cannot be read: {exc}") from None

    def articles(
        self, story_id: int | None = None, newest_first: bool = False, limit: int = -1
    ) -> Iterator[StoredArticle]:
        """Stored articles in the order they were added (or newest first), of one story if
        given, at most ``limit`` of them (-1: all)."""
        where, params = ("WHERE story_id = ?", (story_id,)) if story_id is not None else ("", ())
        order = "DESC" if newest_first else ""
        yield from (
            StoredArticle(*row[:-1], supported=bool(row[-1]))
            for row in self._run(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles {where} ORDER BY id {order} LIMIT ?",
                (*params, limit),
            )
        )

    def stories(self, min_size: int = 1, story_id: int | None = None) -> list[StoryRow]:
        """Every story with at least ``min_size`` articles (or just ``story_id``), largest first."""
        where, params = ("WHERE s.id = ?", (story_id,)) if story_id is not None else ("", ())
        rows = self._run(
            "SELECT s.id, s.headline, count(a.id), group_concat(DISTINCT a.outlet), "
            "min(a.published), max(a.published), s.created FROM stories s "
            f"JOIN articles a ON a.story_id = s.id {where} GROUP BY s.id "
            "HAVING count(a.id) >= ? ORDER BY count(a.id) DESC, s.id",
            (*params, min_size),
        ).fetchall()
        return [
            StoryRow(
                r[0], r[1], r[2], sorted((r[3] or "").split(",")) if r[3] else [], r[4], r[5], r[6]
            )
            for r in rows
        ]

    def story(self, story_id: int) -> StoryRow:
        """One story; StoreError if there is no such id."""
        found = self.stories(story_id=story_id)
        if not found:
            total = self._run("SELECT count(*) FROM stories").fetchone()[0]
            raise StoreError(
                f"no story {story_id} in {self.path} (it holds {total} stories; "
                "`according stories` lists them)"
            )
        return found[0]

    def check(self) -> str:
        """SQLite's own integrity check: "ok" for a sound file."""
        return self._run("PRAGMA integrity_check").fetchone()[0]


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK when the block raises."""

    def __init__(self, store: Store):
        self.store = store

    def __enter__(self) -> None:
        self.store._run("BEGIN IMMEDIATE")

    def __exit__(self, kind, exc, tb) -> None:
        if kind is None:
            try:
                self.store.db.execute("COMMIT")
            except sqlite3.Error as error:
                self.store.db.execute("ROLLBACK")
                raise self.store._error(error) from None
        elif self.store.db.in_transaction:
            self.store.db.execute("ROLLBACK")
