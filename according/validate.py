"""Checks every text passes before it is parsed: size, content, language.

Each failure is an ``InputError`` whose message says what is wrong and what to do.
"""

from __future__ import annotations

import re

from according import lexicon
from according.errors import InputError
from according.settings import DEFAULTS, Options

_WORD = re.compile(r"[^\W\d_]+")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
_LETTER = re.compile(r"[^\W\d_]")
_MIN_WORDS_FOR_LANGUAGE = 12
_SURROGATE = re.compile("[\ud800-\udfff]")
_SENTENCE_BREAK = re.compile(r"[.!?;:\n\r\u2026\u3002\u061f\u0964\u06d4\uff01\uff1f]")
MAX_RUN_WORDS = 1_000  # prose never runs this long without a sentence mark or line break
_NOT_WORD = re.compile(r"[^\w\s]")


def guess_language(text: str) -> str | None:
    """A two-letter language code from stop-word counts, or None if too short to tell."""
    sample = text[:20_000]
    letters = _LETTER.findall(sample)
    if letters and sum(1 for c in letters if _LATIN.match(c)) / len(letters) < 0.5:
        return "non-latin"
    tokens = [w.lower() for w in _WORD.findall(sample)]
    if len(tokens) < _MIN_WORDS_FOR_LANGUAGE:
        return None
    scores = {
        lang: sum(1 for t in tokens if t in lexicon.words("stopwords", lang))
        for lang in lexicon.load("stopwords")
    }
    best = max(scores, key=scores.get)
    return best if scores[best] >= 0.05 * len(tokens) else None


PROSE_WORDS = 50  # English prose this long has its stop words; a list of names may not


def detect(text: str) -> str:
    """The ISO 639-1 code py3langid gives the text (from its first 5,000 characters)."""
    import py3langid

    lang, _ = py3langid.classify(" ".join(text[:5000].split()))
    return lang


def text_language(text: str) -> str | None:
    """The language the input check sees: the stop-word count, and for a text of at
    least ``PROSE_WORDS`` words in which no listed language's stop words are common (not
    English prose: Estonian, Finnish...), py3langid's answer; None where it cannot tell."""
    lang = guess_language(text)
    if lang is None and len(text.split()) >= PROSE_WORDS:
        found = detect(text)
        return None if found == "en" else found
    return lang


def longest_run(text: str) -> int:
    """The most words between two sentence marks (. ! ? ; : ...) or line breaks."""
    return max((len(piece.split()) for piece in _SENTENCE_BREAK.split(text)), default=0)


def check_sentences(text: str) -> None:
    """Refuse text with no sentences in it: parsing and extraction cost grows faster
    than a sentence's length, and such text (word lists, run-together dumps) is not news."""
    words = longest_run(text)
    if words > MAX_RUN_WORDS:
        raise InputError(
            f"input has {words:,} words in a row without a full stop, other sentence mark "
            f"or line break (the limit is {MAX_RUN_WORDS:,}); it does not look like "
            "article text"
        )


def check_marks(text: str, options: Options = DEFAULTS) -> None:
    """Refuse a run without spaces that holds more than ``max_mark_run`` punctuation marks.

    spaCy's tokenizer splits prefixes and suffixes off a space-free run one at a time,
    scanning the rest of the run each time: its cost grows with the square of the marks
    in the run (10,000 quotes take seconds, 20,000 half a minute). No article has such a
    run; a few marks per word is what prose and URLs hold.
    """
    limit = options.max_mark_run
    if limit <= 0:
        return
    for found in re.finditer(rf"\S{{{limit + 1},}}", text):
        marks = len(_NOT_WORD.findall(found.group()))
        if marks > limit:
            raise InputError(
                f"input has a run of {len(found.group()):,} characters without a space at "
                f"character {found.start():,}, {marks:,} of them punctuation marks (the limit "
                f"is {limit:,} marks in a run: parsing time grows with their square); "
                "it does not look like article text: remove the run or put spaces in it"
            )


def check_text(text: str, options: Options = DEFAULTS) -> str:
    """Return the language code after checking that ``text`` can be analysed."""
    if not isinstance(text, str):
        raise InputError(f"expected text (str), got {type(text).__name__}")
    if not text.strip():
        raise InputError("input is empty (no text to analyse)")
    if len(text) > options.max_chars:
        raise InputError(
            f"input is {len(text):,} characters; the limit is {options.max_chars:,}, what "
            "one analysis handles in bounded time and memory (split it, or raise max_chars "
            "in the settings)"
        )
    if "\x00" in text:
        raise InputError("input contains NUL bytes; it looks binary, not text")
    if (found := _SURROGATE.search(text)) is not None:
        raise InputError(
            f"input contains an unpaired surrogate (U+{ord(found.group()):04X}) at character "
            f"{found.start():,}; it is not valid Unicode text; replace or remove it"
        )
    controls = sum(1 for c in text[:10_000] if ord(c) < 32 and c not in "\n\r\t\f\v")
    if controls > 0.05 * min(len(text), 10_000):
        raise InputError("input is mostly control characters; it looks binary, not text")
    check_marks(text, options)
    check_sentences(text)
    lang = text_language(text)
    if options.require_english and lang not in (None, "en"):
        raise InputError(
            f"input looks like {lang!r}, not English; according analyses English news "
            "(set require_english = False to try anyway)"
        )
    return lang or "en"
