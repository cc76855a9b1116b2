"""Names of sources: display forms, merge keys, surnames, acronyms and outlet names."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from according import lexicon
from according.extract.text import ents_of, text_of

DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "both", "its"})
INNER_PARENTHESIS = re.compile(r"\(\s*([A-Z][A-Z.&-]{1,9})\s*\)")
ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "on", "in", "at", "&"})
_SPACES = re.compile(r"\s+")
PARENTHESIS = re.compile(r"\s*\(\s*([A-Z][A-Za-z.&-]{1,9})\s*\)\s*$")


def clean(text: str) -> str:
    """Spaces collapsed, stray punctuation trimmed from both ends."""
    return _SPACES.sub(" ", text).strip(" ,;:—-")


def display(tokens: list[Token]) -> str:
    """The words of ``tokens`` as they stand in the text (no spaces added before "'s")."""
    if not tokens:
        return ""
    doc = tokens[0].doc
    return clean(text_of(doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1])])


def contiguous(tokens: list[Token]) -> bool:
    """Whether tokens run on without a gap ("Army Maj." but not "Army ... Maj.")."""
    return all(b.i - a.i == 1 for a, b in zip(tokens, tokens[1:], strict=False))


def strip_determiner(tokens: list[Token]) -> list[Token]:
    """``tokens`` without leading determiners ("the", "a", "both")."""
    while tokens and tokens[0].lower_ in DETERMINERS:
        tokens = tokens[1:]
    return tokens


def org_key(name: str) -> str:
    """A merge key for an institution: lower case, no article, suffix or acronym note."""
    name = PARENTHESIS.sub("", name)
    words = clean(name).lower().replace("’", "'").split()
    while words and words[0] in DETERMINERS:
        words = words[1:]
    suffixes = lexicon.words("sources", "corporate_suffixes")
    while len(words) > 1 and words[-1].strip(",") in suffixes:
        words = words[:-1]
    return " ".join(w.strip(",") for w in words)


def acronym(name: str) -> str:
    """Initials of the capitalised words: "World Anti-Doping Agency" is "WADA"."""
    parts = re.split(r"[\s-]+", PARENTHESIS.sub("", name))
    letters = [p[0] for p in parts if p and p[0].isupper() and p.lower() not in ACRONYM_SKIP]
    return "".join(letters).upper() if len(letters) > 1 else ""


def parenthesised(name: str) -> str:
    """The acronym a name gives in brackets: "Defense Intelligence Agency (DIA)" is "DIA"."""
    match = PARENTHESIS.search(name) or INNER_PARENTHESIS.search(name)
    return match.group(1).replace(".", "").upper() if match else ""


def same_institution(a: str, b: str) -> bool:
    """Two names of one institution: equal keys, one ending the other, or an acronym."""
    ka, kb = org_key(a), org_key(b)
    if not ka or not kb:
        return False
    if ka == kb or ka.endswith(" " + kb) and len(kb) > 3 or kb.endswith(" " + ka) and len(ka) > 3:
        return True
    if ka.removesuffix(" news") == kb.removesuffix(" news"):  # "NBC" and "NBC News"
        return True
    bare_a, bare_b = ka.replace(".", "").upper(), kb.replace(".", "").upper()
    for long_name, short in ((a, bare_b), (b, bare_a)):
        if " " in short or len(short) < 2:
            continue
        if short in (parenthesised(long_name), acronym(long_name)):
            return True
        if short == acronym(" ".join(long_name.split()[1:])):  # "U.S. Food and Drug ..."
            return True
        written = b if long_name is a else a
        capitals = sum(c.isupper() for c in written) >= 2  # "RUSADA", "VTsIOM"; not "Intel"
        if capitals and _abbreviates(short, long_name):
            return True
    return False


def _abbreviates(short: str, name: str) -> bool:
    """ "RUSADA" for "Russia's anti-doping agency": the short form is the start of every
    word of the name in turn (at least one start longer than an initial)."""
    words = [
        w.removesuffix("'s")
        for w in re.split(r"[\s-]+", name.lower().replace("’", "'"))
        if w and w not in ACRONYM_SKIP and w not in DETERMINERS
    ]
    if len(words) < 2 or len(short) < 3 or not short.isalpha():
        return False
    return _prefixes(short.lower(), words, initial_only=True)


def _prefixes(short: str, words: list[str], initial_only: bool) -> bool:
    if not words:
        return not short and not initial_only
    first = words[0]
    for n in range(min(len(first), len(short) - len(words) + 1), 0, -1):
        if short[:n] == first[:n] and _prefixes(short[n:], words[1:], initial_only and n == 1):
            return True
    return False


def surname(name: str) -> str:
    """The last word of a person's name, without "Jr." or a possessive."""
    words = [w for w in name.replace("’", "'").split() if w.lower().strip(".,") not in {"jr", "sr"}]
    return words[-1].removesuffix("'s").lower() if words else ""


def same_person(a: str, b: str) -> bool:
    """Full name and surname ("rob lodewick" / "lodewick") refer to one person."""
    return bool(surname(a)) and surname(a) == surname(b)


def full_names(doc: Doc) -> list[DocSpan]:
    """Entities spaCy labels PERSON with two words or more (full names), in text order."""
    return [e for e in ents_of(doc) if e.label_ == "PERSON" and len(e) > 1]


def is_outlet_name(tokens: list[Token]) -> bool:
    """A news organisation by name: listed, or a proper name ending in "Times", "Post"...
    ("the Baltimore Sun's" is the Baltimore Sun)."""
    while tokens and tokens[-1].tag_ == "POS":
        tokens = tokens[:-1]
    name = display(tokens)
    lower = name.lower().replace("’", "'")
    outlets = lexicon.words("outlets", "outlets")
    if lower in outlets or lower.removeprefix("the ") in outlets:
        return True
    if "the " + lower in outlets and tokens and all(t.text[:1].isupper() for t in tokens):
        return tokens[0].ent_type_ == "ORG"  # "the Post" written "Post", not "the Atlantic"

    proper = [t for t in tokens if t.lower_ not in DETERMINERS]
    if len(proper) < 2 or not all(t.text[:1].isupper() or t.text in "-'’&." for t in proper):
        return False
    last = proper[-1].lower_.split("-")[-1]
    return last in lexicon.words("sources", "outlet_name_words")


def short_forms(name: str) -> list[str]:
    """Other names of an institution in the text: its acronym in brackets, "the Times"."""
    forms = [parenthesised(name)] if parenthesised(name) else []
    words = PARENTHESIS.sub("", name).split()
    outlet_words = lexicon.words("sources", "outlet_name_words")
    if len(words) > 1 and words[-1].lower() in outlet_words and words[-1].lower() != "news":
        forms += [f"the {words[-1]}", f"The {words[-1]}"]
    if len(words) > 1 and words[-1].lower() == "news":
        forms.append(" ".join(w for w in words[:-1] if w.lower() != "the"))
    return forms


def named_after(lead: DocSpan) -> DocSpan | None:
    """A full name in the next sentence whose title shares a word with ``lead``."""
    from according.extract.sources.titles import premodifiers

    words = _content_words(lead)
    sentence = lead.sent
    following = lead.doc[sentence.end].sent if sentence.end < len(lead.doc) else None
    for entity in full_names(lead.doc):
        inside = entity.start >= lead.end and entity.start < sentence.end
        if not inside and (
            following is None or not following.start <= entity.start < following.end
        ):
            continue
        title = premodifiers(entity)
        press = lead.root.lower_ in lexicon.words("sources", "spokesperson_heads")
        title_words = _content_words(title)
        ranked = lead.root.lower_ == "official" and any(
            t.lower_ in lexicon.load("sources")["rank_words"] for t in title
        )  # "a Coast Guard official" ... "Capt. Mark Fedor"
        if words & title_words or press and title_words & {"press", "spokesman", "spokeswoman"}:
            return entity
        if ranked:
            return entity
    return None


def outlet_after(lead: DocSpan) -> DocSpan | None:
    """ "a media outlet, Unicorn Riot": the outlet named in the same or the next sentence."""
    sentence = lead.sent
    last = lead.doc[sentence.end].sent.end if sentence.end < len(lead.doc) else sentence.end
    for entity in ents_of(lead.doc):
        if lead.end <= entity.start < last and is_outlet_name(list(entity)):
            return entity
    return None


def _content_words(tokens) -> set[str]:
    skip = {"senior", "official", "former", "top", "new"}
    return {
        t.lower_.replace(".", "")
        for t in tokens
        if t.pos_ in ("NOUN", "PROPN", "ADJ") and t.lower_ not in skip and t.tag_ != "POS"
    }


def is_outlet_name_text(name: str) -> bool:
    """``is_outlet_name`` for a bare string: listed, or ending in an outlet word."""
    lower = name.lower().replace("’", "'")
    if lower in lexicon.words("outlets", "outlets") or lower.removeprefix("the ") in lexicon.words(
        "outlets", "outlets"
    ):
        return True
    words = name.split()
    return len(words) > 1 and words[-1].lower() in lexicon.words("sources", "outlet_name_words")


def strip_the(name: str) -> str:
    """``name`` without a leading "the"."""
    return name[4:] if name[:4].lower() == "the " else name
