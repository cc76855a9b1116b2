"""Story assignment, one article at a time, without re-clustering the store.

Two ways into a story: near-duplicates (MinHash LSH over word 3-shingles, with
the candidates checked by exact Jaccard) and independent reports of one event
(shared names and dates, weighted by how rare they are in the store). Every
lookup goes through an index and is capped, so the cost per article does not
grow with the store.
"""

from __future__ import annotations

import hashlib
import math
import re
import sqlite3
import zlib
from dataclasses import dataclass
from functools import cache

import numpy as np
from datasketch import MinHash, MinHashLSH
from spacy.lang.en.stop_words import STOP_WORDS

from according.words import canonical_name, is_role_word, normal

SHINGLE = 3  # words per shingle
NUM_PERM = 128
JACCARD = 0.25  # exact Jaccard of shingles that makes two articles versions of one text
NAME_SCORE = 0.4  # weighted share of names that makes two articles reports of one event
MIN_SHARED = 4  # and at least this many shared names
DF_CAP = 2000  # names in more articles than this are too common to look up
PER_KEY = 25  # most recent articles looked up per name
CANDIDATES = 40  # most candidates scored per article

_WORD = re.compile(r"\w+")
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH = (
    "|".join(m.capitalize() for m in _MONTHS) + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
)
_DATE = re.compile(
    rf"\b({_MONTH})\.?(?:\s+(\d{{1,2}}))?(?:,?\s+((?:19|20)\d\d))?\b|\b((?:19|20)\d\d)\b"
)
_TOKEN = re.compile(r"[^\W\d_][\w'\u2019.&-]*")
_JOINERS = frozenset({"of", "al", "bin", "de", "del", "von", "van", "for"})
_ABBREVIATION = re.compile(r"^(?:[A-Z]\.)+$|^[A-Z][a-z]{0,3}\.$")


@dataclass
class Features:
    """What story assignment needs of one article's text."""

    shingles: np.ndarray  # sorted unique uint32 hashes of word 3-shingles
    bands: list[int]  # one LSH key per band of the MinHash signature
    names: frozenset[str]  # folded names ("qassem soleimani", "us")
    dates: frozenset[str]  # "month:december", "day:december 3", "year:2020"


@dataclass
class Match:
    """The story a new article joins, through which article, and how."""

    story_id: int
    article_id: int
    via: str  # "near-duplicate" or "names"
    score: float


@cache
def _lsh_shape(threshold: float = JACCARD, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """Bands and rows per band that datasketch picks for the Jaccard threshold."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def shingles(text: str) -> np.ndarray:
    """Sorted unique 32-bit hashes of the text's lower-cased word 3-shingles."""
    tokens = _WORD.findall(text.lower())
    grams = {" ".join(tokens[i : i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1))}
    return np.array(sorted({zlib.crc32(g.encode()) for g in grams if g}), dtype=np.uint32)


def _bands(hashes: np.ndarray) -> list[int]:
    minhash = MinHash(num_perm=NUM_PERM, seed=1)
    minhash.update_batch([int(h).to_bytes(4, "little") for h in hashes])
    b, r = _lsh_shape()
    keys = []
    for band in range(b):
        chunk = minhash.hashvalues[band * r : (band + 1) * r].astype(np.uint64).tobytes()
        digest = hashlib.blake2b(band.to_bytes(2, "little") + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def _runs(text: str) -> list[list[str]]:
    """Runs of capitalised words on one line, each run one candidate name."""
    runs: list[list[str]] = []
    run: list[str] = []
    last_end, sentence_start = 0, True
    for m in _TOKEN.finditer(text):
        word, gap = m.group(0), text[last_end : m.start()]
        boundary = gap.strip(" ") != "" or (
            run and run[-1].endswith(".") and not _ABBREVIATION.match(run[-1])
        )
        if boundary or not (word[0].isupper() or (run and word in _JOINERS)):
            runs.append(run)
            run = []
        if boundary:
            sentence_start = bool(re.search(r"[.!?\n]", gap)) or (
                bool(runs[-1])
                and runs[-1][-1].endswith(".")
                and not _ABBREVIATION.match(runs[-1][-1])
            )
        if word[0].isupper():
            if not (sentence_start and word.lower() in STOP_WORDS):
                run.append(word)
            sentence_start = False
        elif run and word in _JOINERS:
            run.append(word)
        else:
            sentence_start = False
        last_end = m.end()
    runs.append(run)
    return [r for r in runs if r]


def _split(run: list[str]) -> list[str]:
    """A run cut at titles, nationalities and possessives: "Iran's Quds Force" is two."""
    parts, current = [], []
    for word in run:
        bare = word.rstrip(".").removesuffix("'s").removesuffix("\u2019s")
        if is_role_word(word):
            parts.append(current)
            current = []
            continue
        if canonical_name(bare) != normal(bare) and len(run) > 1:
            parts += [current, [bare]]
            current = []
            continue
        current.append(bare)
        if bare != word.rstrip("."):
            parts.append(current)
            current = []
    parts.append(current)
    names = []
    for part in parts:
        while part and part[-1] in _JOINERS:
            part = part[:-1]
        if part:
            names.append(" ".join(part))
    return names


def names(text: str) -> frozenset[str]:
    """Capitalised names in running text, folded; a sentence's first common word is skipped."""
    found = set()
    for run in _runs(text):
        for name in _split(run):
            key = canonical_name(name)
            common = key in STOP_WORDS and not name.isupper()
            if len(key) > 1 and not _MONTH_WORD.match(key) and not common:
                found.add(key)
    return frozenset(found)


_MONTH_WORD = re.compile(
    rf"^({_MONTH.lower()}|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$"
)


def dates(text: str) -> frozenset[str]:
    """Months, days and years the text mentions, as comparable keys."""
    found = set()
    for m in _DATE.finditer(text):
        month, day, year, bare_year = m.groups()
        if month:
            month = next(x for x in _MONTHS if x.startswith(month.lower()[:3]))
            if month == "may" and not (day or year):
                continue  # "may" the modal verb, capitalised at a sentence start
            found.add(f"month:{month}")
            if day:
                found.add(f"day:{month} {int(day)}")
        if year or bare_year:
            found.add(f"year:{year or bare_year}")
    return frozenset(found)


def features(text: str) -> Features:
    """Everything assignment needs, computed from the text alone (no parse)."""
    hashes = shingles(text)
    return Features(hashes, _bands(hashes), names(text), dates(text))


def jaccard(x: np.ndarray, y: np.ndarray) -> float:
    """Exact Jaccard similarity of two sorted unique hash arrays."""
    if not len(x) and not len(y):
        return 1.0
    shared = len(np.intersect1d(x, y, assume_unique=True))
    return shared / (len(x) + len(y) - shared)


def _pack(hashes: np.ndarray) -> bytes:
    return zlib.compress(hashes.astype("<u4").tobytes(), 1)


def _unpack(data: bytes) -> np.ndarray:
    return np.frombuffer(zlib.decompress(data), dtype="<u4")


def _in(values: list) -> str:
    return ",".join("?" * len(values))


def near_duplicate(db: sqlite3.Connection, feats: Features) -> Match | None:
    """The most similar stored text by exact Jaccard among the LSH candidates."""
    rows = db.execute(
        f"SELECT DISTINCT article_id FROM bands WHERE key IN ({_in(feats.bands)}) "
        f"ORDER BY article_id DESC LIMIT {CANDIDATES}",
        feats.bands,
    ).fetchall()
    ids = [r[0] for r in rows]
    if not ids:
        return None
    best: Match | None = None
    for article_id, data, story_id in db.execute(
        f"SELECT s.article_id, s.data, a.story_id FROM shingles s JOIN articles a "
        f"ON a.id = s.article_id WHERE s.article_id IN ({_in(ids)})",
        ids,
    ):
        score = jaccard(feats.shingles, _unpack(data))
        if score >= JACCARD and (best is None or score > best.score):
            best = Match(story_id, article_id, "near-duplicate", round(score, 3))
    return best


def _weights(db: sqlite3.Connection, keys: set[str]) -> dict[str, float]:
    """Inverse document frequency of each key in the store (rare names weigh more)."""
    total = db.execute("SELECT count(*) FROM shingles").fetchone()[0] + 1
    ordered = sorted(keys)
    df = dict(db.execute(f"SELECT key, df FROM keys WHERE key IN ({_in(ordered)})", ordered))
    return {k: math.log((total + 1) / (df.get(k, 0) + 1)) + 0.1 for k in keys}


def _keys(feats: Features) -> set[str]:
    return {f"name:{n}" for n in feats.names} | set(feats.dates)


def same_event(db: sqlite3.Connection, feats: Features) -> Match | None:
    """A stored article reporting the same event: rare shared names and a shared date."""
    mine = _keys(feats)
    if len(feats.names) < MIN_SHARED:
        return None
    names_only = sorted(f"name:{n}" for n in feats.names)
    df = dict(db.execute(f"SELECT key, df FROM keys WHERE key IN ({_in(names_only)})", names_only))
    counts: dict[int, int] = {}
    for key in names_only:
        if df.get(key, 0) == 0 or df[key] > DF_CAP:
            continue
        for (article_id,) in db.execute(
            "SELECT article_id FROM article_keys WHERE key = ? ORDER BY article_id DESC "
            f"LIMIT {PER_KEY}",
            (key,),
        ):
            counts[article_id] = counts.get(article_id, 0) + 1
    ids = [
        a for a, n in sorted(counts.items(), key=lambda x: -x[1])[:CANDIDATES] if n >= MIN_SHARED
    ]
    if not ids:
        return None
    theirs: dict[int, set[str]] = {}
    for article_id, key in db.execute(
        f"SELECT article_id, key FROM article_keys WHERE article_id IN ({_in(ids)})", ids
    ):
        theirs.setdefault(article_id, set()).add(key)
    weight = _weights(db, mine.union(*theirs.values()))
    best: Match | None = None
    for article_id, keys in theirs.items():
        score = _event_score(mine, keys, weight)
        if score >= NAME_SCORE and (best is None or score > best.score):
            story = db.execute("SELECT story_id FROM articles WHERE id = ?", (article_id,))
            best = Match(story.fetchone()[0], article_id, "names", round(score, 3))
    return best


def _event_score(mine: set[str], theirs: set[str], weight: dict[str, float]) -> float:
    """Weighted overlap of names; zero when both give dates and none is shared."""
    days_a = {k for k in mine if k.startswith(("month:", "day:"))}
    days_b = {k for k in theirs if k.startswith(("month:", "day:"))}
    if days_a and days_b and not days_a & days_b:
        return 0.0
    na = {k for k in mine if k.startswith("name:")}
    nb = {k for k in theirs if k.startswith("name:")}
    if len(na & nb) < MIN_SHARED:
        return 0.0
    total = min(sum(weight[k] for k in na), sum(weight[k] for k in nb))
    return sum(weight[k] for k in na & nb) / total if total else 0.0


def match(db: sqlite3.Connection, feats: Features) -> Match | None:
    """The story a new article belongs to, or None for a new story."""
    return near_duplicate(db, feats) or same_event(db, feats)


def record(db: sqlite3.Connection, article_id: int, feats: Features) -> None:
    """Index a stored article for later lookups (inside the caller's transaction)."""
    db.executemany(
        "INSERT INTO bands (key, article_id) VALUES (?, ?)", [(k, article_id) for k in feats.bands]
    )
    db.execute(
        "INSERT INTO shingles (article_id, data) VALUES (?, ?)", (article_id, _pack(feats.shingles))
    )
    keys = sorted(_keys(feats))
    db.executemany(
        "INSERT INTO article_keys (article_id, key) VALUES (?, ?)", [(article_id, k) for k in keys]
    )
    db.executemany(
        "INSERT INTO keys (key, df) VALUES (?, 1) ON CONFLICT(key) DO UPDATE SET df = df + 1",
        [(k,) for k in keys],
    )
