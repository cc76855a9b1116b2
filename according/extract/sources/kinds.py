"""What kind of source a mention names: person, anonymous, document, organization, outlet.

Typing reads the head noun first: "a poll by the Levada Center" is a document,
"Spurs officials" anonymous, "a White House spokesperson" the institution's voice
(organization), "the agency" an organization named earlier; names and entities
decide the rest. ``unknown`` is the last resort.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span as DocSpan
from spacy.tokens import Token

from according import lexicon
from according.extract.sources import anonymous_groups, descriptors, institutions
from according.extract.sources.names import display, is_outlet_name, strip_determiner
from according.extract.sources.titles import premodifiers
from according.extract.text import ents_in

ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})


@dataclass
class Description:
    """A mention's kind, merge key, display name and descriptor fields.

    ``anaphor`` names the kind of an earlier source the mention points back to
    ("the memo": document; "the report": outlet or document; "the official").
    """

    kind: str
    key: str
    name: str
    extras: dict = field(default_factory=dict)
    anaphor: str | None = None
    plural: bool = False


def _in(token: Token, key: str) -> bool:
    listed = lexicon.words("sources", key)
    return token.lower_ in listed or token.lemma_.lower() in listed


def describe(chunk: DocSpan) -> Description:
    """Type one source mention (not a pronoun)."""
    head = chunk.root
    tokens = list(chunk)
    bare = strip_determiner(tokens) or tokens
    name = display(bare)
    key = name.lower().replace("’", "'")
    possessed = any(c.dep_ == "poss" for c in head.children)  # "the company's website"
    definite = tokens[0].lower_ in DEFINITE and not possessed
    plural = head.tag_ in ("NNS", "NNPS")
    ents = ents_in(chunk)
    has_name = any(t.pos_ == "PROPN" for t in bare)
    if is_outlet_name(bare):
        if tokens[0].text == "The" and is_outlet_name(tokens):
            name = display(tokens)  # "The Hill", "The Wall Street Journal"
        return Description("outlet", key.removeprefix("the "), name)
    if _in(head, "outlet_story_heads"):
        owner = _outlet_owner(chunk, head)
        if owner:
            return Description("outlet", owner.lower().removeprefix("the "), owner)
        if definite and not has_name:
            return Description("document", key, name, anaphor="outlet-or-document", plural=plural)
    person = next((e for e in ents if e.label_ == "PERSON" and e.start <= head.i < e.end), None)
    if _in(head, "document_heads") and person is None:
        return Description(
            "document",
            key,
            name,
            _document_details(chunk, head),
            "document" if definite else None,
            plural,
        )
    if _in(head, "spokesperson_heads") and not any(e.label_ == "PERSON" for e in ents):
        details = {"role": head.text.lower()}
        owner = [t for t in bare if t.i < head.i and t.tag_ != "POS"]
        if owner:
            details["affiliation"] = display(owner)
        return Description("organization", key, name, details, plural=plural)
    person = person or _apposed_name(ents, head) or _titled_name(chunk, ents)
    if person is not None:
        details = descriptors.person_details(person)
        return Description("person", person.text.lower(), display(list(person)), details)
    named_org = any(e.label_ in ORG_LABELS and e.root == head for e in ents)
    if definite and _epithet(chunk):  # "the three-time Pro Bowler", however it is tagged
        return Description("person", key, name, anaphor="epithet")
    if _in(head, "anonymous_heads") and not named_org or _is_number(head):
        details = anonymous_groups.group_details(chunk, head)
        keyed = key if not definite and details.get("count") is None else ""
        return Description(
            "anonymous", keyed, name, details, "anonymous" if definite else None, plural
        )
    if _in(head, "outlet_anaphors") and not has_name:
        return Description("outlet", key, name, anaphor="outlet" if definite else None)
    if _in(head, "organization_anaphors") and definite and not named_org:
        return Description("organization", key, name, anaphor="organization", plural=plural)
    if named_org or _in(head, "organization_words"):
        country = [e for e in ents if e.label_ == "GPE" and e.root == head and len(bare) == len(e)]
        details = {"role": "government"} if country else _parent(head)
        party = lexicon.load("sources")["party_members"].get(key)
        if party:  # "Democrats" speak for the Democratic Party
            details["affiliation"] = party
        return Description("organization", key, name, details)
    if _in(head, "person_nouns") or _in(head, "roles") or "-year-old" in key:
        if plural:
            return Description("anonymous", "", name, anonymous_groups.group_details(chunk, head))
        return Description("person", key, name, anaphor="person" if definite else None)
    if head.pos_ == "PROPN":
        return Description("organization", key, name, anaphor="proper")
    return Description("unknown", key, name)


def _epithet(chunk: DocSpan) -> bool:
    """A description that characterises a person by a count of years, titles or terms:
    "the three-time Pro Bowler", "the 76-year-old NBA legend", "the two-term governor"."""
    suffixes = lexicon.words("reference", "epithet_suffixes")
    head = chunk.root
    institution = any(
        _in(head, key)
        for key in ("organization_words", "organization_anaphors", "company_anaphors")
    )  # "the 150-year-old company" is the company
    numbers = {w for w, n in lexicon.load("sources")["number_words"].items() if n and n > 1}
    marked = re.search(
        r"\b(\d+|" + "|".join(sorted(numbers)) + r")-(" + "|".join(sorted(suffixes)) + r")\b",
        chunk.text.lower(),
    )  # "three-time", "76-year-old"; not "part-time workers"
    return bool(marked) and not institution and head.tag_ in ("NN", "NNP")


def _apposed_name(ents: list[DocSpan], head: Token) -> DocSpan | None:
    """ "the Pentagon press secretary, George Little": the name beside a role noun."""
    if not (_in(head, "roles") or _in(head, "person_nouns") or _in(head, "spokesperson_heads")):
        return None
    for entity in ents:
        possessive = entity.end < len(entity.doc) and entity.doc[entity.end].tag_ == "POS"
        after = entity.start > head.i  # "the press secretary, George Little"
        if entity.label_ == "PERSON" and after and not possessive and entity.root.dep_ != "poss":
            return entity
    return None


def _titled_name(chunk: DocSpan, ents: list[DocSpan]) -> DocSpan | None:
    """ "California Department of Public Health State Epidemiologist Dr. Gil Chavez": a name
    closing the mention right after its title is the speaker, however the parse headed it."""
    last = [
        e for e in ents if e.label_ == "PERSON" and e.end == chunk.end and e.start > chunk.start
    ]
    if not last:
        return None
    words = premodifiers(last[0])
    titles = [t for t in words if not _in(t, "honorifics")]
    return last[0] if titles and _in(titles[-1], "roles") else None


def _is_number(head: Token) -> bool:
    numbers = lexicon.load("sources")["number_words"]
    word = head.lower_ in numbers and head.lower_ not in ("a", "an", "another", "both")
    return head.pos_ == "NUM" and (head.like_num or word)


def _outlet_owner(chunk: DocSpan, head: Token) -> str | None:
    """ "NBC's report", "the WSJ report": the outlet whose story it is."""
    owner = [t for t in head.lefts if t.dep_ in ("poss", "compound") and t.i >= chunk.start]
    for token in owner:
        words = [t for t in token.subtree if t.tag_ != "POS" and t.i < head.i]
        if words and is_outlet_name(strip_determiner(words) or words):
            return display(strip_determiner(words) or words)
    return None


def _parent(head: Token) -> dict:
    """ "NASA's Near Earth Object Program Office": an office within a named institution
    (a country's agency, "Poland's central bank", is the country's own, not a part)."""
    owners = [t for t in head.lefts if t.dep_ == "poss" and t.ent_type_ == "ORG"]
    if not owners or head.pos_ != "PROPN" or _in(owners[0], "roles"):
        return {}  # "the Medical Examiner's Office": the examiner's own office
    return {"affiliation": display([t for t in owners[0].subtree if t.tag_ != "POS"])}


def _document_details(chunk: DocSpan, head: Token) -> dict:
    """A document's issuer: "a NASA news release", "the DIA assessment"."""
    owner = [
        t
        for t in chunk
        if t.i < head.i
        and t.tag_ != "POS"
        and t.pos_ == "PROPN"
        and (t.ent_type_ == "ORG" or t.text.isalpha() and t.text.isupper() and not t.ent_type_)
    ]
    if not owner:
        return _issuer(chunk, head)
    if len(owner) > 5 or is_outlet_name(owner):  # "a Reuters poll": a relay
        return {}
    return {"affiliation": display(owner)}


def _issuer(chunk: DocSpan, head: Token) -> dict:
    """ "a warning letter released by the agency": the issuer named after the document,
    inside the mention (not who "commissioned" or "obtained" it)."""
    issuing = lexicon.words("sources", "issuing_verbs")
    for token in chunk:
        by = token.head
        if token.i <= head.i or token.dep_ != "pobj" or by.lower_ != "by":
            continue
        if by.head.lemma_.lower() not in issuing:
            continue
        words = [t for t in token.subtree if t.tag_ != "POS" and t.i < chunk.end]
        words = [t for t in words if t.i <= token.i]
        named = institutions.institution_name(words)
        if named and not is_outlet_name(strip_determiner(words) or words):
            return {"affiliation": named}
    return {}
