"""Story assignment, one article at a time, without re-clustering the store.

Three kinds of evidence: near-duplicates (MinHash LSH over word 3-shingles,
checked by exact Jaccard); for English articles, the mean cosine of opening
embeddings against a story's English members (average link), with a margin more
when the article's headline and first sentence name no one the story's leads name;
across languages, rare names and numbers shared with a member (idf-weighted, names
common in ordinary news counted as common, datelines left out; a name respelled or
inflected by translation met at half weight by its spelling skeleton). Publication dates
gate all of it: an article dated more than ``story_max_days`` from a story's
first version is another event. Candidates come only from indexes (LSH bands,
names and numbers, each lookup capped), so the cost per article does not grow
with the store. An article that qualifies for two stories merges them.
"""

from __future__ import annotations

import hashlib
import math
import re
import sqlite3
import zlib
from dataclasses import dataclass, field
from datetime import date
from functools import cache

import numpy as np
from datasketch import MinHash, MinHashLSH
from spacy.lang.en.stop_words import STOP_WORDS

from according import lexicon
from according.settings import DEFAULTS, Options
from according.stories import embed, spelling
from according.words import canonical_name, is_role_word, listed, normal

SHINGLE = 3  # words per shingle
NUM_PERM = 128
JACCARD = 0.25  # exact Jaccard of shingles that makes two articles versions of one text
MIN_SHARED_KEYS = 2  # a candidate shares at least this many names or numbers
DF_CAP = 2000  # names in more articles than this are too common to look up
PER_KEY = 25  # most recent articles looked up per name
CANDIDATES = 40  # most candidates scored per article
LEAD_WORDS = 25  # most words of the headline and of the first sentence read for its subject
NEAR_WEIGHT = 0.5  # share of its idf a name met only by its spelling skeleton counts
IDF_STORE = 1000  # idf as if the store held at least this many articles (a small store
# would otherwise make every name look common)
INDEX_VERSION = 1  # how ``text_features`` keys a text; raise it whenever the keys or days
# it derives change, so that ``Store.reindex`` re-keys the articles stored before
# (1: names transliterated, hyphens as spaces, near: skeletons, lead: names, narrowed days)

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
    numbers: frozenset[str] = frozenset()  # "78" for 7.8 and 7,8; "2300" for 2,300 and 2.300
    lang: str | None = None
    days: tuple[int, int] | None = None  # publication date as a range of day numbers
    vector: np.ndarray | None = None  # opening embedding (English articles only)
    lead: frozenset[str] = frozenset()  # names of the headline and first sentence: its subject
    near: frozenset[str] = frozenset()  # spelling skeletons of the names ("krstn rnld")


@dataclass(frozen=True)
class Settings:
    """The thresholds of story assignment (``story_*`` in settings.cfg)."""

    similarity: float = DEFAULTS.story_similarity
    subject_margin: float = DEFAULTS.story_subject_margin
    key_weight: float = DEFAULTS.story_key_weight
    english_key_weight: float = DEFAULTS.story_english_key_weight
    max_days: int = DEFAULTS.story_max_days
    members: int = DEFAULTS.story_members
    window: int = DEFAULTS.story_window

    @classmethod
    def from_options(cls, options: Options) -> Settings:
        return cls(
            options.story_similarity,
            options.story_subject_margin,
            options.story_key_weight,
            options.story_english_key_weight,
            options.story_max_days,
            options.story_members,
            options.story_window,
        )


@dataclass
class Match:
    """The story a new article joins, through which article, and how."""

    story_id: int
    article_id: int
    via: str  # "near-duplicate", "embedding" or "names"
    score: float
    strict: bool = False  # weaker evidence than usual: the stricter threshold applies


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


# a dateline opening a paragraph: "NEW YORK (AP) --", "New York. (dpa)", "BERLIN, Nov 18
# (Reuters) -", "London --": where the report was filed, not what it is about
_PLACE = r"(?:[A-Z][\w'\u2019-]*\.?[ \t]?){1,3}"
_CAPS = r"[A-Z][A-Z.'\u2019-]+(?:[ \t][A-Z][A-Z.'\u2019-]+){0,2}"
_WHEN = r"(?:,[ \t]*[\w. ]{1,20}?)?[ \t]*"
_DATELINE = re.compile(
    rf"^[ \t]*(?:{_PLACE}{_WHEN}\([^()\n]{{1,20}}\)[ \t]*[\u2014\u2013-]*"  # Place (AP) --
    rf"|{_CAPS}{_WHEN}(?:[\u2014\u2013]|--)"  # LONDON -- (capitals, a dash)
    rf"|{_PLACE}\.[ \t]+(?=\(|[A-Z]))"  # New York. (dpa)
)
DATELINE_LINES = 3  # a dateline is looked for at the start of the first lines only


def without_dateline(text: str) -> str:
    """The text with the datelines of its first lines blanked out (same length)."""
    lines = text.split("\n")
    seen = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        lines[i] = _DATELINE.sub(lambda m: " " * len(m.group(0)), line, count=1)
        seen += 1
        if seen == DATELINE_LINES:
            break
    return "\n".join(lines)


def names(text: str) -> frozenset[str]:
    """Capitalised names in running text, folded; a sentence's first common word is skipped,
    and so is a dateline (the place a report was filed from)."""
    found = set()
    for run in _runs(without_dateline(text)):
        for name in _split(run):
            key = spelling.latin(canonical_name(name))
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


_NUMBER = re.compile(r"(?<![\w.,])(?<![^\W\d_]-)\d+(?:[.,]\d+)*")  # not "COVID-19"


def numbers(text: str) -> frozenset[str]:
    """Numbers of two or more digits, separators dropped so that languages agree
    (7.8 and 7,8 are "78"); bare years are dates, not evidence."""
    found = set()
    for m in _NUMBER.finditer(text):
        digits = re.sub(r"[.,]", "", m.group(0))
        if len(digits) >= 2 and not (len(digits) == 4 and digits[:2] in ("19", "20")):
            found.add(digits.lstrip("0") or "0")
    return frozenset(found)


def day_range(published: str | None) -> tuple[int, int] | None:
    """A publication date as (first, last) day numbers: "2022-12" is the whole month."""
    if not published:
        return None
    m = re.match(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", published.strip())
    if not m:
        return None
    year, month, day = (int(g) if g else None for g in m.groups())
    try:
        if day and month:
            n = date(year, month, day).toordinal()
            return n, n
        if month:
            first = date(year, month, 1).toordinal()
            last = date(year + month // 12, month % 12 + 1, 1).toordinal() - 1
            return first, last
        return date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
    except ValueError:
        return None


_ORDINAL = r"(?:st|nd|rd|th)?"
_DAY_MENTION = re.compile(
    rf"\b(?:({_MONTH})\.?\s+(\d{{1,2}}){_ORDINAL}|(\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?({_MONTH})\.?)"
    rf"\b(?:,?\s+((?:19|20)\d\d)\b)?"
)
_CLAUSE_END = re.compile(r"[.!?;\n]\s")


def _looks_ahead(before: str) -> bool:
    """Whether the clause leading up to a named day speaks of the future ("is expected
    to debut on", "by"): such a day says nothing about when the text was written."""
    clause = _CLAUSE_END.split(before[-200:])[-1].lower()
    words = re.findall(r"[\w'\u2019]+", clause)
    if words and words[-1] == "on":
        words = words[:-1]
    return bool(words) and (
        words[-1] in listed("deadline_prepositions")
        or any(w in listed("future_markers") for w in words)
    )


def mentioned_days(text: str, year: int) -> list[int]:
    """Day numbers of the past days a text names ("April 14", "8 November 2020"); a day
    without a year is taken in ``year``, the year of publication."""
    found = []
    for m in _DAY_MENTION.finditer(text):
        month_a, day_a, day_b, month_b, named_year = m.groups()
        month = (month_a or month_b).lower()[:3]
        number = next(i for i, x in enumerate(_MONTHS, 1) if x.startswith(month))
        if _looks_ahead(text[: m.start()]):
            continue
        try:
            found.append(date(int(named_year or year), number, int(day_a or day_b)).toordinal())
        except ValueError:
            continue
    return found


def narrowed(days: tuple[int, int] | None, text: str) -> tuple[int, int] | None:
    """A publication date known only to the month (or year) narrowed by the text: an
    article is written on or after the latest past day it names within that range."""
    if days is None or days[0] == days[1]:
        return days
    year = date.fromordinal(days[0]).year
    inside = [d for d in mentioned_days(text, year) if days[0] <= d <= days[1]]
    return (max(inside), days[1]) if inside else days


def features(
    text: str,
    lang: str | None = None,
    published: str | None = None,
    settings: Settings = Settings(),
    vector: np.ndarray | None = None,
) -> Features:
    """Everything assignment needs, from the text and its metadata (no parse).

    English articles get an opening embedding (unless ``vector`` is given); other
    languages are placed by names, numbers and dates alone.
    """
    feats = text_features(text, lang, published)
    feats.shingles = shingles(text)
    feats.bands = _bands(feats.shingles)
    if vector is None and lang in (None, "en"):
        vector = embed.embed([text], window=settings.window)[0]
    feats.vector = vector if lang in (None, "en") else None
    return feats


def text_features(text: str, lang: str | None = None, published: str | None = None) -> Features:
    """The features read from the words of a text (names, numbers, dates, lead names,
    skeletons, days), without shingles, bands or embedding: what re-keying recomputes."""
    found = names(text)
    return Features(
        np.empty(0, dtype=np.uint32),
        [],
        found,
        dates(text),
        numbers(text),
        lang,
        narrowed(day_range(published), text),
        None,
        lead_names(text),
        frozenset(filter(None, map(spelling.skeleton, found))),
    )


_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*(?=\s+[\"'\u201c\u2018(]?[A-Z0-9])|\n")


def lead_names(text: str) -> frozenset[str]:
    """The names in a text's headline and first sentence (dateline left out, at most
    ``LEAD_WORDS`` words each): who or what the report is about ("Moderna said ...")."""
    parts = []
    for line in without_dateline(text).split("\n"):
        if not line.strip():
            continue
        words = line.split()
        end = _SENTENCE_END.search(line)
        sentence = line[: end.start() + 1] if end else line
        parts.append(" ".join(sentence.split()[:LEAD_WORDS]))
        if len(words) > LEAD_WORDS or end:  # a headline is short and ends without a stop
            break
        if len(parts) == 2:
            break
    return names("\n".join(parts))


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


def _in_days(days: tuple[int, int] | None, first: tuple[int, int] | None, limit: int) -> bool:
    """Whether an article dated ``days`` can belong to a story first dated ``first``."""
    if days is None or first is None or first[0] is None:
        return True
    gap = max(days[0] - first[1], first[0] - days[1], 0)
    return gap <= limit


@cache
def _common() -> dict[str, float]:
    """The share of ordinary English news articles holding each of the commonest names and
    numbers (``lexicons/common_keys.json``, built by ``tools/common_keys.py``)."""
    return lexicon.load("common_keys")["share"]


def _idf(db: sqlite3.Connection, keys: list[str]) -> dict[str, float]:
    """Inverse document frequency of each key (rare names weigh more): in the store, or
    in ordinary news scaled to the store's size where that is higher, so that a small
    store does not take "US" or "10" for rare."""
    # the highest id stands for the count: count(*) would scan the table
    stored = db.execute("SELECT max(article_id) FROM shingles").fetchone()[0] or 0
    total = max(stored + 1, IDF_STORE)
    if not keys:
        return {}
    df = dict(db.execute(f"SELECT key, df FROM keys WHERE key IN ({_in(keys)})", keys))
    common = _common()
    return {
        k: math.log((total + 1) / (max(df.get(k, 0), common.get(k, 0.0) * total) + 1)) for k in keys
    }


def _near_matches(db: sqlite3.Connection, feats: Features) -> dict[str, str]:
    """Stored spelling skeletons that match one of the article's (``near:`` key -> its
    own skeleton): the same skeleton, its stem ("l nsrg" is "l nsr" inflected), or a
    stored one that extends it by an ending; each found by an indexed lookup on ``keys``."""
    if not feats.near:
        return {}
    wanted: dict[str, str] = {}
    for form in sorted(feats.near):
        for key in [form, *spelling.stems(form)]:
            wanted.setdefault(f"near:{key}", form)
    found = {
        k: wanted[k]
        for (k,) in db.execute(
            f"SELECT key FROM keys WHERE key IN ({_in(list(wanted))})", list(wanted)
        )
    }
    for form in sorted(feats.near):
        low = f"near:{form}"
        for (key,) in db.execute(
            "SELECT key FROM keys WHERE key >= ? AND key < ? LIMIT ?",
            (low + "a", low + "{", PER_KEY),
        ):
            if len(key) - len(low) <= spelling.SUFFIX and key[len(low) :].isalpha():
                found.setdefault(key, form)
    return found


def _candidates(db: sqlite3.Connection, feats: Features, near: dict[str, str]) -> list[int]:
    """Stored articles sharing the most rare names or numbers (each lookup capped); a name
    counts once, whether met in the same spelling or by its skeleton (``near``)."""
    keys = sorted(evidence_keys(feats) | set(near))
    if not keys:
        return []
    df = dict(db.execute(f"SELECT key, df FROM keys WHERE key IN ({_in(keys)})", keys))
    counts: dict[int, list[int]] = {}
    for key in keys:
        if df.get(key, 0) == 0 or df[key] > DF_CAP:
            continue
        kind = 2 if key.startswith("near:") else key.startswith("name:")
        for (article_id,) in db.execute(
            "SELECT article_id FROM article_keys WHERE key = ? ORDER BY article_id DESC "
            f"LIMIT {PER_KEY}",
            (key,),
        ):
            counts.setdefault(article_id, [0, 0, 0])[kind] += 1
    shared = {a: c[0] + max(c[1], c[2]) for a, c in counts.items()}
    ranked = sorted(shared.items(), key=lambda x: (-x[1], -x[0]))
    return [a for a, n in ranked[:CANDIDATES] if n >= MIN_SHARED_KEYS]


@dataclass
class _Member:
    id: int
    lang: str | None
    vector: np.ndarray | None
    days: tuple[int, int] | None = None
    via: str = "new"  # how it joined: a copy ("near-duplicate") is not held to the date


def _members(
    db: sqlite3.Connection, story_id: int, limit: int, vectors: bool = True
) -> list[_Member]:
    data = "v.data" if vectors else "NULL"
    rows = db.execute(
        f"SELECT a.id, a.lang, {data}, a.day_lo, a.day_hi, a.joined_via FROM articles a "
        f"{'LEFT JOIN vectors v ON v.article_id = a.id ' if vectors else ''}"
        f"WHERE a.story_id = ? ORDER BY a.id DESC LIMIT {int(limit)}",
        (story_id,),
    ).fetchall()
    return [
        _Member(
            i, lang, embed.unpack(data) if data else None, (lo, hi) if lo is not None else None, via
        )
        for i, lang, data, lo, hi, via in rows
    ]


def story_date(members: list[_Member]) -> tuple[int, int] | None:
    """When a story happened: the median of its members' most precise dates (a day beats
    a month), so that one early or late member cannot move the story in time. Where those
    are fewer than the members dated only loosely (to the month), the story's date is what
    all the loose dates allow: one report dated to the day does not date versions that
    could be from any day of the month."""
    dated = [m.days for m in members if m.days is not None]
    if not dated:
        return None
    width = min(hi - lo for lo, hi in dated)
    precise = sorted(d for d in dated if d[1] - d[0] == width)
    if 2 * len(precise) < len(dated):
        loose = [d for d in dated if d[1] - d[0] > width]
        lo, hi = max(d[0] for d in loose), min(d[1] for d in loose)
        if lo <= hi:
            return lo, hi
    low, high = precise[(len(precise) - 1) // 2], precise[len(precise) // 2]
    return low[0], high[1]  # an even count's median is the range between its middle two


def stray_groups(db: sqlite3.Connection, story_id: int, settings: Settings) -> list[list[int]]:
    """The story's members that its date now shows to be another event (see ``strays``)."""
    return strays(_members(db, story_id, settings.members, vectors=False), settings.max_days)


def strays(members: list[_Member], limit: int) -> list[list[int]]:
    """Members dated more than ``limit`` days from their story's date, grouped by date
    (ids, oldest group first). They joined while the story was dated only loosely; once more
    of its members dated to the day agree on another date, they are another event."""
    when = story_date(members)
    if when is None:
        return []
    far = [m for m in members if not _in_days(m.days, when, limit) and m.via != "near-duplicate"]
    if not far:
        return []
    width = min(m.days[1] - m.days[0] for m in members if m.days is not None)
    agree = [
        m
        for m in members
        if m.days and m.days[1] - m.days[0] == width and _in_days(m.days, when, limit)
    ]
    if len(far) >= len(agree):
        return []
    groups: list[list[_Member]] = []
    for member in sorted(far, key=lambda m: m.days):
        if groups and _in_days(member.days, groups[-1][0].days, limit):
            groups[-1].append(member)
        else:
            groups.append([member])
    return [[m.id for m in group] for group in groups]


def _shared_weight(
    db: sqlite3.Connection, feats: Features, ids: list[int], near: dict[str, str]
) -> tuple[float, int]:
    """The largest idf-weighted count of names and numbers shared with one of ``ids``; a
    name met only by its spelling skeleton (``near``) counts ``NEAR_WEIGHT`` of its
    skeleton's idf."""
    mine = evidence_keys(feats)
    theirs: dict[int, set[str]] = {}
    for article_id, key in db.execute(
        f"SELECT article_id, key FROM article_keys WHERE article_id IN ({_in(ids)})", ids
    ):
        if key in mine or key in near:
            theirs.setdefault(article_id, set()).add(key)
    if not theirs:
        return 0.0, ids[0]
    shared = set().union(*theirs.values())
    weight = _idf(db, sorted(shared | {f"near:{near[k]}" for k in shared if k in near}))
    return max((_weight(keys, weight, near), a) for a, keys in theirs.items())


def _weight(keys: set[str], idf: dict[str, float], near: dict[str, str]) -> float:
    """Shared keys weighed: exact names and numbers in full, and per skeleton of the
    article's not met exactly, the best stored skeleton it matched, at ``NEAR_WEIGHT``;
    a name is as rare as its commonest spelling (a stored inflection is not rarer)."""
    exact = [k for k in keys if not k.startswith("near:")]
    spelled = {spelling.skeleton(k[5:]) for k in exact if k.startswith("name:")}
    best: dict[str, float] = {}
    for key in keys - set(exact):
        form = near[key]
        if form not in spelled:
            value = min(idf[key], idf[f"near:{form}"])
            best[form] = max(best.get(form, 0.0), value)
    return sum(idf[k] for k in exact) + NEAR_WEIGHT * sum(best.values())


def story_score(
    db: sqlite3.Connection,
    feats: Features,
    story_id: int,
    settings: Settings,
    members: list[_Member] | None = None,
    near: dict[str, str] | None = None,
) -> Match:
    """How strongly the article belongs to a story, and by which evidence.

    An English article against a story with English members: the mean cosine of
    the opening embeddings over those members (average link), marked ``strict`` when
    its lead names no one theirs name. Otherwise (another language, or a story told
    only in other languages): the largest idf-weighted count of names and numbers
    shared with one member, since they survive translation; ``strict`` for an English
    article, which has nothing else to go by there. ``near``: the article's skeletons
    matched in the store (``_near_matches``), when the caller has them already.
    """
    members = members if members is not None else _members(db, story_id, settings.members)
    vectors = [m for m in members if m.vector is not None]
    if feats.vector is not None and vectors:
        sims = np.stack([m.vector for m in vectors]) @ feats.vector
        best = int(np.argmax(sims))
        found = Match(story_id, vectors[best].id, "embedding", round(float(sims.mean()), 3))
        found.strict = not _same_subject(db, feats, [m.id for m in vectors])
        return found
    if near is None:
        near = _near_matches(db, feats)
    weight, nearest = _shared_weight(db, feats, [m.id for m in members], near)
    # an English article has only names against a story told in other languages, and names
    # also link same-topic events (a rival's results, the earlier report)
    return Match(story_id, nearest, "names", round(weight, 2), strict=feats.vector is not None)


def _same_subject(db: sqlite3.Connection, feats: Features, ids: list[int]) -> bool:
    """Whether the article's lead names someone or something the leads of ``ids`` name
    (true when either side has no lead names stored): versions of one event say who it
    is about first, a rival's news ("Moderna said ..." beside "Pfizer said ...") does not."""
    if not feats.lead:
        return True
    theirs = {
        key[5:]
        for (key,) in db.execute(
            f"SELECT key FROM article_keys WHERE article_id IN ({_in(ids)}) "
            "AND key >= 'lead:' AND key < 'lead;'",
            ids,
        )
    }
    return not theirs or bool(theirs & feats.lead)


def _passes(found: Match, settings: Settings) -> bool:
    if found.via == "embedding":
        return found.score >= settings.similarity + (settings.subject_margin if found.strict else 0)
    return found.score >= (settings.english_key_weight if found.strict else settings.key_weight)


@dataclass
class Placement:
    """Where a new article goes: the story it joins (None: a new one) and stories it bridges."""

    match: Match | None
    merges: list[Match] = field(default_factory=list)


def place(db: sqlite3.Connection, feats: Features, settings: Settings) -> Placement:
    """The story a new article belongs to, and any other story it shows to be the same."""
    duplicate = near_duplicate(db, feats)
    near = _near_matches(db, feats)  # once: candidates and every story scored by names
    ids = _candidates(db, feats, near)
    if duplicate:
        ids.append(duplicate.article_id)
    if not ids:
        return Placement(None)
    story_ids = sorted(
        {s for (s,) in db.execute(f"SELECT story_id FROM articles WHERE id IN ({_in(ids)})", ids)}
    )
    scored, when = [], {}
    for story_id in story_ids:
        members = _members(db, story_id, settings.members)
        when[story_id] = story_date(members)
        if duplicate and story_id == duplicate.story_id:
            continue
        if not _in_days(feats.days, when[story_id], settings.max_days):
            continue
        found = story_score(db, feats, story_id, settings, members, near)
        if _passes(found, settings):
            scored.append(found)
    scored.sort(key=lambda m: (m.via != "embedding", -m.score))
    best = duplicate or (scored[0] if scored else None)
    if best is not duplicate and _ambiguous(scored, when, settings):
        return Placement(None)
    # only the stronger evidence (text or embeddings) merges two stories; shared names
    # alone place an article but are too weak to declare two stories one; nor does an
    # article dated only to the month bridge two stories weeks apart
    merges = [
        m
        for m in scored
        if m is not best
        and m.via == "embedding"
        and _in_days(when[m.story_id], when[best.story_id], settings.max_days)
    ]
    return Placement(best, merges)


def _ambiguous(
    scored: list[Match], when: dict[int, tuple[int, int] | None], settings: Settings
) -> bool:
    """Whether the article's opening fits two stories too far apart in time to be one event
    (its own date, known only to the month or lying between them, cannot choose): it is put
    in neither, but in a story of its own, which a later version of its event bridges."""
    best, others = scored[0] if scored else None, scored[1:]
    return (
        best is not None
        and best.via == "embedding"
        and any(
            m.via == "embedding"
            and not _in_days(when[m.story_id], when[best.story_id], settings.max_days)
            for m in others
        )
    )


def evidence_keys(feats: Features) -> set[str]:
    """Names and numbers: what versions of one event share across languages."""
    return {f"name:{n}" for n in feats.names} | {f"num:{n}" for n in feats.numbers}


def key_set(text: str) -> set[str]:
    """The evidence keys of a text (names and numbers), without the rest of its features."""
    return {f"name:{n}" for n in names(text)} | {f"num:{n}" for n in numbers(text)}


def _keys(feats: Features) -> set[str]:
    return (
        evidence_keys(feats)
        | set(feats.dates)
        | {f"lead:{n}" for n in feats.lead}
        | {f"near:{n}" for n in feats.near}
    )


def forget(db: sqlite3.Connection, article_id: int) -> None:
    """Take a stored article out of the index (inside the caller's transaction): its
    bands, shingles and vector, and its share of each key's document frequency."""
    db.execute(
        "UPDATE keys SET df = df - 1 WHERE key IN "
        "(SELECT key FROM article_keys WHERE article_id = ?)",
        (article_id,),
    )
    db.execute("DELETE FROM keys WHERE df <= 0")
    for table in ("article_keys", "bands", "shingles", "vectors"):
        db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))


def record(db: sqlite3.Connection, article_id: int, feats: Features) -> None:
    """Index a stored article for later lookups (inside the caller's transaction)."""
    db.executemany(
        "INSERT INTO bands (key, article_id) VALUES (?, ?)", [(k, article_id) for k in feats.bands]
    )
    db.execute(
        "INSERT INTO shingles (article_id, data) VALUES (?, ?)", (article_id, _pack(feats.shingles))
    )
    if feats.vector is not None:
        db.execute(
            "INSERT INTO vectors (article_id, data) VALUES (?, ?)",
            (article_id, embed.pack(feats.vector)),
        )
    keys = sorted(_keys(feats))
    db.executemany(
        "INSERT INTO article_keys (article_id, key) VALUES (?, ?)", [(article_id, k) for k in keys]
    )
    db.executemany(
        "INSERT INTO keys (key, df) VALUES (?, 1) ON CONFLICT(key) DO UPDATE SET df = df + 1",
        [(k,) for k in keys],
    )


def rekey(db: sqlite3.Connection, article_id: int, feats: Features) -> int:
    """Replace a stored article's keys by those of ``feats`` (inside the caller's
    transaction), moving each changed key's document frequency by one, so ``keys.df``
    stays a count of ``article_keys``; returns how many keys changed."""
    old = {
        k for (k,) in db.execute("SELECT key FROM article_keys WHERE article_id = ?", (article_id,))
    }
    new = _keys(feats)
    gone, added = sorted(old - new), sorted(new - old)
    db.executemany(
        "DELETE FROM article_keys WHERE article_id = ? AND key = ?", [(article_id, k) for k in gone]
    )
    db.executemany("UPDATE keys SET df = df - 1 WHERE key = ?", [(k,) for k in gone])
    db.executemany("DELETE FROM keys WHERE key = ? AND df <= 0", [(k,) for k in gone])
    db.executemany(
        "INSERT INTO article_keys (article_id, key) VALUES (?, ?)", [(article_id, k) for k in added]
    )
    db.executemany(
        "INSERT INTO keys (key, df) VALUES (?, 1) ON CONFLICT(key) DO UPDATE SET df = df + 1",
        [(k,) for k in added],
    )
    return len(gone) + len(added)
