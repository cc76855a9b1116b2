"""Names spelled alike across languages and scripts, for placing translations.

A name's key is transliterated to Latin letters (``anyascii``), so that Greek or
Cyrillic "Mitsotakis" meets the Latin one, with hyphens read as spaces ("Al-Nassr",
"Al Nassr"). Its spelling skeleton (consonants only, after the letter folds of
``lexicons/spelling.json``) also makes transcriptions and inflections agree:
"Cristiano Ronaldo", "Cristiana Ronalda" and Greek "Kristiano Ronalnto" are all
"krstn rnld". An inflection that adds letters ("Al-Nassriga") is met by cutting up to
``SUFFIX`` consonants from the skeleton's last word.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from anyascii import anyascii

from according import lexicon

MIN_LETTERS = 4  # a shorter skeleton ("trb" for Trump, "b" for Abe) says too little
SUFFIX = 2  # most consonants an inflection adds to a name's last word ("-iga" is "g")
_NOT_KEY = re.compile(r"[^a-z0-9 ]+")


@cache
def _rules() -> tuple[tuple[tuple[str, str], ...], frozenset[str]]:
    data = lexicon.load("spelling")
    return tuple((a, b) for a, b in data["folds"]), frozenset(data["vowels"])


@lru_cache(maxsize=1 << 16)
def latin(key: str) -> str:
    """A folded name in Latin letters, hyphens as spaces: "αλ νασρ" is "al nasr"."""
    if not key.isascii():
        key = anyascii(key).lower().replace("'", "")
    return " ".join(key.replace("-", " ").split())


@lru_cache(maxsize=1 << 16)
def skeleton(key: str) -> str | None:
    """The consonants of a name's words after the letter folds, doubled letters merged;
    None when fewer than ``MIN_LETTERS`` are left."""
    folds, vowels = _rules()
    words = []
    for word in _NOT_KEY.sub(" ", latin(key)).split():
        for old, new in folds:
            word = word.replace(old, new)
        word = "".join(c for c in word if c not in vowels)
        word = "".join(c for i, c in enumerate(word) if i == 0 or c != word[i - 1])
        if word:
            words.append(word)
    form = " ".join(words)
    return form if len(form.replace(" ", "")) >= MIN_LETTERS else None


def stems(form: str) -> list[str]:
    """A skeleton with one or two consonants cut from its last word (an inflection's
    ending), while that word keeps three and the whole ``MIN_LETTERS``."""
    head, _, last = form.rpartition(" ")
    found = []
    for cut in range(1, SUFFIX + 1):
        stem = last[:-cut]
        whole = f"{head} {stem}" if head else stem
        if len(stem) >= 3 and len(whole.replace(" ", "")) >= MIN_LETTERS:
            found.append(whole)
    return found
