"""Mentions added once the article is read: every other occurrence of a source's name, its
acronym or spelled-out form, and the outlets, documents and groups no attribution named."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span as DocSpan
from spacy.tokens import Token

from according import lexicon
from according.analysis import Source
from according.extract.sources import descriptors, mentions, names, titles
from according.extract.text import ents_of, noun_chunks_of, text_of, words_of

if TYPE_CHECKING:
    from according.extract.sources.resolver import Resolver

OUTLET_LABELS = frozenset({"ORG", "PERSON", "WORK_OF_ART", "NORP", "PRODUCT"})  # not places


def sweep(resolver: Resolver) -> None:
    """Sources the attributions missed: every news outlet the text names, and documents
    or groups that speak ("a new study found", "according to a warning letter")."""
    for entity in ents_of(resolver.doc):
        following = resolver.doc[entity.end] if entity.end < len(resolver.doc) else None
        longer = following is not None and following.pos_ == "PROPN"  # "Fox News Sunday"
        modifier = entity.root.dep_ == "compound"  # "a Reuters poll"
        outlet = names.is_outlet_name(list(entity)) and entity.label_ in OUTLET_LABELS
        if outlet and not (longer or modifier or mentions.dateline(entity)):
            _quiet(resolver, entity)
    for chunk in noun_chunks_of(resolver.doc):
        if _speaks(chunk.root) and mentions.kind_of_head(chunk.root) in (
            "document",
            "anonymous",
        ):
            _quiet(resolver, chunk)


def _quiet(resolver: Resolver, chunk: DocSpan) -> None:
    """Resolve ``chunk`` as a mention unless it is already one."""
    if not any(
        m.start < chunk.end_char and chunk.start_char < m.end
        for s in resolver.sources
        for m in s.mentions
    ):
        resolver.resolve(chunk.start_char, chunk.end_char)


def complete_institution(resolver: Resolver, source: Source) -> None:
    """An institution's other mentions: its name spelled out, and every occurrence of its
    name, short forms and acronyms."""
    _add_spelled_out(resolver, source)
    _add_occurrences(resolver, source, source.name)
    for short in names.short_forms(source.name) + _acronyms_used(resolver, source):
        _add_occurrences(resolver, source, short)


def _add_spelled_out(resolver: Resolver, source: Source) -> None:
    """ "RUSADA" also where the text spells it out, "Russia's anti-doping agency" (an
    abbreviation of word starts; the name alone in capitals)."""
    short = source.name.replace(".", "")
    if not short.isalpha() or not short.isupper() or len(short) < 3:
        return
    for token in resolver.doc:  # (the parse may not chunk it: "agency plans" as nouns)
        if token.pos_ not in ("NOUN", "PROPN") or token.left_edge.i == token.i:
            continue
        start = token.left_edge.i
        if start > 1 and resolver.doc[start - 1].tag_ == "POS":  # "Russia's" hung elsewhere
            start = resolver.doc[start - 2].left_edge.i
        words = names.strip_determiner(list(resolver.doc[start : token.i + 1]))
        if len(words) > 1 and names.same_institution(names.display(words), source.name):
            resolver.add_mention(source, words[0].idx, token.idx + len(token))


def _acronyms_used(resolver: Resolver, source: Source) -> list[str]:
    """Initials of an institution's name written in the text ("FDA" for "The U.S. Food
    and Drug Administration"), unless another source goes by them."""
    name = names.PARENTHESIS.sub("", source.name)
    forms = {names.acronym(name), names.acronym(" ".join(name.split()[1:]))} - {""}
    words = words_of(resolver.doc)
    others = {names.org_key(s.name).upper() for s in resolver.sources if s is not source}
    return sorted(f for f in forms if len(f) > 2 and f in words and f not in others)


def complete_person(resolver: Resolver, source: Source) -> None:
    surname = names.surname(source.name)
    others = [s for s in resolver.sources if s is not source and s.kind == "person"]
    if any(names.surname(s.name) == surname for s in others):
        return
    found: list[dict] = []
    for entity in names.full_names(resolver.doc):
        if names.surname(entity.text) != surname:
            continue
        resolver.add_mention(source, entity.start_char, entity.end_char)
        found.append(descriptors.person_details(entity))
        if len(entity.text) > len(source.name):
            source.name = names.clean(entity.text)
    titled = [d for d in found if titles.is_title(d.get("role"))]
    for details in titled + found:
        descriptors.fill(source, details)
    if found:  # "Sotskova" wherever the surname of the one person so named stands alone
        for token in resolver.doc:
            if token.pos_ == "PROPN" and token.lower_ == surname:
                resolver.add_mention(source, token.idx, token.idx + len(token))
    elif " " not in source.name.strip():  # "Trump" alone: wherever tagged a person
        for token in resolver.doc:
            if token.text == source.name and token.ent_type_ == "PERSON":
                resolver.add_mention(source, token.idx, token.idx + len(token))
                details = descriptors.person_details(resolver.doc[token.i : token.i + 1])
                if titles.is_title(details.get("role")):  # "President Trump"
                    descriptors.fill(source, {"role": details["role"]})


def expand_acronyms(resolver: Resolver) -> None:
    """An affiliation in capitals spelled out from a name in the text ("FTC")."""
    for source in resolver.sources:
        short = (source.affiliation or "").replace(".", "")
        if not short.isupper() or " " in short or len(short) < 2:
            continue
        for entity in ents_of(resolver.doc):
            if entity.label_ == "ORG" and names.acronym(entity.text) == short:
                source.affiliation = names.strip_the(entity.text)
                break


def _add_occurrences(resolver: Resolver, source: Source, name: str) -> None:
    bare = names.PARENTHESIS.sub("", name).removeprefix("The ").removeprefix("the ")
    if len(bare) < 3:
        return
    text = text_of(resolver.doc)
    at = text.find(bare)
    while at >= 0:
        end = at + len(bare)
        before = text[at - 1] if at else " "
        after = text[end] if end < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            resolver.add_mention(source, at, end)
        at = text.find(bare, end)


def _speaks(head: Token) -> bool:
    """A noun that is the subject of a reporting verb or follows "according to"."""
    verbs = lexicon.words("sources", "speaking_verbs")
    if head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_.lower() in verbs:
        return True
    preposition = head.head
    return (
        (
            head.dep_ == "pobj"
            and preposition.lower_ == "to"
            and preposition.i > 0
            and head.doc[preposition.i - 1].lower_ == "according"
        )
        or (head.dep_ == "pobj" and preposition.lower_ == "citing")
        or (head.dep_ == "dobj" and head.head.lower_ == "citing")
    )
