"""Title words at a person's name: "Pentagon spokesman Army Maj. Rob Lodewick" gives affiliation
Pentagon, role spokesman and rank Army Maj.; what counts as a role, a rank or an honorific.
"""

from __future__ import annotations

from spacy.tokens import Span as DocSpan
from spacy.tokens import Token

from according import lexicon
from according.extract.sources.institutions import is_institution, set_affiliation
from according.extract.sources.names import DETERMINERS, display, is_outlet_name

PREMODIFIER_POS = frozenset({"PROPN", "NOUN", "ADJ"})


def is_role(token: Token) -> bool:
    """A listed role or person noun ("spokesman", "lawyer")."""
    roles = lexicon.words("sources", "roles")
    return (
        token.lower_ in roles
        or token.lemma_.lower() in roles
        or token.lower_ in lexicon.words("sources", "person_nouns")
    )


def is_rank(token: Token) -> bool:
    """A rank or title word ("Maj.", "Sen."), not an honorific ("Mr.")."""
    ranks = lexicon.load("sources")["rank_words"]
    titles = lexicon.words("sources", "titles")
    return token.lower_ in ranks or token.lower_ in titles and token.lower_ not in honorifics()


def honorifics() -> frozenset[str]:
    """Honorifics ("Mr.", "Dr."): no role and no rank."""
    return lexicon.words("sources", "honorifics")


def premodifiers(name: DocSpan) -> list[Token]:
    """The title words right before a name ("Pentagon spokesman Army Maj.")."""
    words: list[Token] = []
    i = name.start - 1
    doc = name.doc
    while i >= name.sent.start:
        token = doc[i]
        joins = token.tag_ == "POS" or token.text in ("-", "&") or token.lower_ == "and"
        inner_of = token.lower_ == "of" and words and i > 0 and doc[i - 1].text[:1].isupper()
        joins = joins or inner_of and words[0].text[:1].isupper()  # "Chief of Staff"
        if token.pos_ not in PREMODIFIER_POS and not joins or token.lower_ in DETERMINERS:
            break
        words.insert(0, token)
        i -= 1
    while words and (words[0].tag_ == "POS" or words[0].lower_ == "and"):
        words = words[1:]
    return words


def split_title(words: list[Token]) -> dict:
    """Affiliation, role and rank from the words before a name."""
    words = [t for t in words if t.lower_ not in honorifics()]
    rank: list[Token] = []
    while words and is_rank(words[-1]):
        rank.insert(0, words.pop())
    end = next((i for i in range(len(words) - 1, -1, -1) if _role_word(words[i])), None)
    details: dict = {}
    if end is not None:
        start = end
        while start > 0 and (
            _role_word(words[start - 1])
            or words[start - 1].lower_ in ("and", "of")
            or words[start - 1].text == "-"
            and start > 1
            and _role_word(words[start - 2])
        ):
            start -= 1
        while words[start].lower_ in ("and", "of"):
            start += 1
        modifier = _role_modifier(words[:start])  # "Assistant U.S. Attorney"
        if modifier is not None:
            start = modifier
        details["role"] = display(words[start : end + 1])
        owner = [t for t in words[:start] if t.tag_ != "POS"]
        if is_institution(owner):
            set_affiliation(details, owner)
            details["affiliation"] = _court(details.get("affiliation"), words[end])
    elif words and words[-1].tag_ == "POS" and is_outlet_name(words[:-1]):
        details.update(role="reporter", affiliation=display(words[:-1]))  # ESPN's Adam Schefter
    elif rank:
        expansions = lexicon.load("sources")["rank_words"]
        details["rank_role"] = expansions.get(rank[-1].lower_, rank[-1].text)
    if rank:
        details["rank"] = display(rank)
    return details


def _court(affiliation: str | None, role: Token) -> str | None:
    """ "U.S. District Judge": a judge of the U.S. District Court, not of a district."""
    levels = lexicon.words("sources", "court_levels")
    last = (affiliation or "").split()[-1:]
    if role.lower_ in ("judge", "justice") and last and last[0].lower() in levels:
        return f"{affiliation} Court"
    return affiliation


def _role_modifier(words: list[Token]) -> int | None:
    """Where a title opened by "Assistant", "Deputy", "Acting" starts, if it does:
    the words between it and the role name the office, not the employer."""
    modifiers = lexicon.words("sources", "role_modifiers")
    for i, token in enumerate(words):
        if token.lower_ in modifiers and i < len(words) - 1:
            return i
    return None


def _role_word(token: Token) -> bool:
    return is_role(token) or token.pos_ in ("NOUN", "ADJ") and token.text.islower()


def is_title(role: str | None) -> bool:
    """Whether a role holds a listed title ("Mayor"), not just any noun ("opponent")."""
    roles = lexicon.words("sources", "roles")
    return bool(role) and any(w.lower() in roles for w in role.split())


def titles_inside(name: DocSpan) -> list[Token]:
    """Title words spaCy put inside a PERSON name ("Mayor", "Syrian Ambassador")."""
    words: list[Token] = []
    for token in name[:-1]:
        title = is_role(token) or is_rank(token) or token.lower_ in honorifics()
        if not title and (words or token.ent_type_ != "NORP"):
            break
        words.append(token)
    return words if any(is_role(t) or is_rank(t) for t in words) else []
