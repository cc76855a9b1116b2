"""Institutions an article names: whether title words name an employer, which body an anaphor
("the agency") stands for, a description's one named body, and a local story's dateline city.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Span as DocSpan
from spacy.tokens import Token

from according import lexicon
from according.extract.sources.names import DETERMINERS, display, is_outlet_name

ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})

_TICKER = re.compile(r"\s*\(\s*[A-Za-z]+\s*:\s*[A-Z.]+\s*\)?\s*$")

_DATELINE = re.compile(
    r"(?m)^([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*),(?: [A-Z][\w.]*)+(?: \(.*?\))? ?[—–-] "
)


def is_institution(tokens: list[Token]) -> bool:
    """Whether title words name an employer: a proper name, a capitalized public body
    ("Police spokesman") or an anaphor of one ("the agency's"); not a common noun that
    opens a sentence ("Study"), a lone adjective ("Olympic") or a bare common noun
    ("council members")."""
    if owner_name(tokens) is not None:
        return True
    tokens = [t for t in tokens if t.tag_ != "POS" and t.lower_ not in DETERMINERS]
    if not tokens:
        return False
    public = lexicon.words("sources", "public_body_words")
    demonyms = lexicon.load("sources")["demonyms"]
    if len(tokens) == 1 and tokens[0].pos_ == "ADJ" and tokens[0].lower_ not in demonyms:
        return False
    if display(tokens).lower() in lexicon.words("sources", "field_affiliations"):
        return True
    return any(
        t.ent_type_ in ORG_LABELS
        or t.pos_ == "PROPN"
        or t.is_title
        and (t.lower_ in public or not t.is_sent_start or _capitalized_elsewhere(t))
        for t in tokens
    )


def _capitalized_elsewhere(token: Token) -> bool:
    """A sentence's capitalized first word that the article names inside a sentence
    ("Spurs officials ... led the Spurs"); "Study lead author" is not one."""
    return any(
        t.text == token.text and not t.is_sent_start and (t.pos_ == "PROPN" or t.ent_type_)
        for t in token.doc
        if t.i != token.i
    )


def institution_name(tokens: list[Token]) -> str | None:
    """The institution words name: a proper name ("the FBI"), or the one an anaphor
    ("the agency") stands for; None for a description or a person."""
    if any(t.ent_type_ == "PERSON" for t in tokens):
        return None
    named = owner_name(tokens)
    if named is not None:
        return named or None
    if any(t.ent_type_ == "ORG" or t.ent_type_ == "GPE" for t in tokens):
        return strip_det(tokens)
    return None


def set_affiliation(details: dict, owner: list[Token]) -> None:
    """The owner's name as affiliation; "the agency" as the agency it stands for, if any."""
    named = owner_name(owner)
    if named is None:
        details["affiliation"] = _affiliation(owner)
    elif named:
        details["affiliation"] = named


def owner_name(tokens: list[Token]) -> str | None:
    """The institution "the agency", "the company" or "the city" stands for: the nearest
    fitting name before it in the article ("the agency's commissioner" after "the FDA",
    "department officials" after "the Health Department")."""
    words = [t for t in tokens if t.tag_ != "POS"]
    bare = len(words) == 1 and words[0].pos_ == "NOUN" and words[0].text.islower()
    if not bare and (len(words) != 2 or words[0].lower_ not in ("the", "its")):
        return None  # "the agency's", or "department officials"
    noun = words[-1].lower_
    sources = lexicon.load("sources")
    places = {"city", "town", *sources["state_anaphors"]}
    bodies = {*sources["agency_anaphors"], *sources["company_anaphors"]}
    if noun not in places | bodies:
        return None
    labels = ("GPE",) if noun in places else ("ORG",)
    public = noun in sources["agency_anaphors"]  # "the agency" is no company
    doc = words[0].doc
    match = _DATELINE.search(doc.text[:1500])
    after = match.end() if match else 0  # "Ind." of "CARMEL, Ind. —" is no antecedent
    before = [
        e for e in doc.ents if e.end <= words[0].i and e.label_ in labels and e.start_char >= after
    ]
    for entity in reversed(before):
        if is_outlet_name(list(entity)):
            continue
        if noun not in places and _public_body(entity) != public:
            continue
        return strip_det(entity)
    if noun in ("city", "town"):  # "the city's clerk" in a story datelined "CARMEL, Ind."
        return dateline_city(doc.text) or ""
    return ""


def _public_body(entity: DocSpan) -> bool:
    return any(t.lower_ in lexicon.words("sources", "public_body_words") for t in entity)


def _affiliation(tokens: list[Token]) -> str:
    """An institution's name; a lone demonym becomes the country ("Syrian" is Syria)."""
    text = display(tokens)
    return lexicon.load("sources")["demonyms"].get(text.lower(), text)


def without_ticker(name: str) -> str:
    """ "JPMorgan (NYSE:JPM)" is JPMorgan: a stock ticker is no part of the name."""
    return _TICKER.sub("", name)


def strip_det(tokens: Iterable[Token]) -> str:
    """The words' display text without leading determiners ("the FBI" is FBI)."""
    tokens = list(tokens)
    while tokens and tokens[0].lower_ in DETERMINERS:
        tokens = tokens[1:]
    return display(tokens)


def dateline_city(text: str) -> str | None:
    """The city of a local story's dateline ("CARMEL, Ind. —"): where an unqualified mayor
    holds office."""
    match = _DATELINE.search(text[:1500])
    return match.group(1).title() if match else None


def described_institution(tokens: list[Token]) -> str | None:
    """The one institution the article names whose name holds every word of a
    description ("the state health department": California Department of Public Health;
    "state", "federal", "city" only say the level)."""
    words = [t for t in tokens if t.lower_ not in DETERMINERS]
    if not words or any(t.pos_ == "PROPN" for t in words) or words[-1].pos_ != "NOUN":
        return None
    levels = lexicon.words("sources", "level_words")
    needed = {t.lower_ for t in words if t.lower_ not in levels}
    if len(needed) < 2 or words[-1].lower_ not in lexicon.words("sources", "agency_anaphors"):
        return None
    found = {
        strip_det(e)
        for e in words[0].doc.ents
        if e.label_ == "ORG" and needed <= {t.lower_ for t in e}
    }
    return found.pop() if len(found) == 1 else None
