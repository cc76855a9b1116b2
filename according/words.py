"""Word-level judgements for comparing versions, backed by ``lexicons/meaning.json``.

spaCy's small model has no word vectors, so two content words "mean the same" only
when their lemmas are equal, one lemma is a derivation of the other (a shared stem),
or a paraphrase group in the lexicon holds both. Everything else is a change.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from spacy.tokens import Token

from according import lexicon

_LEXICON = "meaning"
_DOTS = re.compile(r"\.(?=\w|$)|\.(?=\s)")
_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"^[+-]?\d[\d,]*(\.\d+)?$")
CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "PROPN"})


@cache
def _paraphrase_classes() -> dict[str, str]:
    """Each paraphrase word mapped to one representative; overlapping groups are merged."""
    parent: dict[str, str] = {}

    def find(w: str) -> str:
        while parent.setdefault(w, w) != w:
            w = parent[w]
        return w

    for group in lexicon.load(_LEXICON)["paraphrases"]:
        root = find(group[0].lower())
        for word in group[1:]:
            parent[find(word.lower())] = root
    return {w: find(w) for w in parent}


@cache
def _alias_classes() -> dict[str, str]:
    return {form: group[0] for group in lexicon.load(_LEXICON)["aliases"] for form in group}


@cache
def _contrasts() -> frozenset[frozenset[str]]:
    return frozenset(frozenset(pair) for pair in lexicon.load(_LEXICON)["contrasts"])


def listed(key: str) -> frozenset[str]:
    """A word list from the meaning lexicon (hedges, negations, roles, ...)."""
    return lexicon.words(_LEXICON, key)


def lemma(token: Token) -> str:
    """The lower-cased lemma, falling back to the text when spaCy has none."""
    return (token.lemma_ or token.text).lower()


def meaning_key(token: Token) -> str:
    """A key equal for tokens that mean the same: paraphrase class of the lemma."""
    word = lemma(token)
    return _paraphrase_classes().get(word, _paraphrase_classes().get(token.lower_, word))


_SPELLING = (
    (re.compile(r"(?<=\w\w)our(?=s?$|ed$|ing$|ite|able|ably|hood|ly$)"), "or"),  # neighbour
    (re.compile(r"(?<=\w\w)is(?=e$|es$|ed$|ing$|ation|ations$|er$|ers$)"), "iz"),  # organise
    (re.compile(r"(?<=\w)ys(?=e$|es$|ed$|ing$)"), "yz"),  # analyse
    (re.compile(r"(?<=\w\w)tre(?=s?$)"), "ter"),  # centre, metres
    (re.compile(r"(?<=\w\w)ogue(?=s?$)"), "og"),  # catalogue
    (re.compile(r"(?<=e)ll(?=ed$|ing$|er$|ers$)"), "l"),  # travelled, cancelling
    (re.compile(r"(?<=[fc])ence(?=s?$)"), "ense"),  # defence, licence
    (re.compile(r"(?<=\w\w)mme(?=s?$)"), "m"),  # programme
)


@lru_cache(maxsize=1 << 16)
def spelling(word: str) -> str:
    """A key equal for British and American spellings of one word ("neighbouring" and
    "neighboring", "organisation" and "organization", "travelled" and "traveled")."""
    word = word.lower().replace("\u2019", "'")
    if len(word) < 5:
        return word
    for pattern, replacement in _SPELLING:
        word = pattern.sub(replacement, word)
    return word


def same_spelling(x: str, y: str) -> bool:
    """True when two words are one word spelt two ways (or the same word)."""
    return spelling(x) == spelling(y)


def same_meaning(x: Token, y: Token) -> bool:
    """True when replacing ``x`` by ``y`` keeps the meaning (see the module docstring)."""
    lx, ly = lemma(x), lemma(y)
    if lx == ly or x.lower_ == y.lower_ or meaning_key(x) == meaning_key(y):
        return True
    if same_spelling(x.text, y.text) or same_spelling(lx, ly):
        return True
    short, long_ = sorted((lx, ly), key=len)
    return len(short) >= 4 and long_.startswith(short)


def contrast(x: Token, y: Token) -> bool:
    """True when the lexicon lists the two words as opposite or different in meaning."""
    return frozenset((lemma(x), lemma(y))) in _contrasts()


@lru_cache(maxsize=1 << 16)  # names repeat across articles: fold each once
def normal(text: str) -> str:
    """Text folded for matching names: lower case, no dots, plain quotes and spaces."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").lower()
    text = _DOTS.sub("", text)
    text = re.sub(r"^(the|a|an)\s+", "", text.strip())
    text = re.sub(r"'s$", "", text)
    return _SPACE.sub(" ", text).strip(" ,;:")


@lru_cache(maxsize=1 << 16)
def canonical_name(text: str) -> str:
    """A name folded and mapped through the alias groups ("U.S." and "United States")."""
    folded = normal(text)
    return _alias_classes().get(folded, folded)


def alias_forms(name: str) -> list[str]:
    """Every folded form of a canonical name (itself included)."""
    forms = [f for f, c in _alias_classes().items() if c == name]
    return [normal(f) for f in forms] or [name]


def number_value(token: Token) -> str | None:
    """The value a number token stands for ("four" and "4" alike), or None."""
    text = token.lower_
    if _NUMBER.match(text):
        return str(float(text.replace(",", ""))).removesuffix(".0")
    words = lexicon.load(_LEXICON)["number_words"]
    if token.like_num and text in words:
        return str(float(words[text])).removesuffix(".0")
    if token.like_num:
        return text
    return None


def is_hedge(token: Token) -> bool:
    """A hedge word: one list for the whole project (``certainty.json``)."""
    hedges = lexicon.words("certainty", "hedges")
    return lemma(token) in hedges or token.lower_ in hedges


def reporting_verbs() -> frozenset[str]:
    """Verbs that attribute (statements, reports, beliefs, denials): ``cues.json``'s."""
    cues = lexicon.load("cues")
    return frozenset(v for key in ("statement", "report", "belief", "denial") for v in cues[key])


def is_negation(token: Token) -> bool:
    return token.dep_ == "neg" or token.lower_ in listed("negations")


def is_role(token: Token) -> bool:
    return token.lower_ in listed("roles") or lemma(token) in listed("roles")


@lru_cache(maxsize=1 << 16)
def is_role_word(word: str) -> bool:
    """A title or role word ("Gen.", "spokesman"), from plain text."""
    return word.lower() in listed("roles") or word.lower().rstrip(".") in listed("roles")


def clip(text: str | None, limit: int) -> str:
    """Text on one line, cut to ``limit`` characters with an ellipsis (for reports)."""
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
