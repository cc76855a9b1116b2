"""Pronoun mentions settled once the article is read: "he"/"she" kept for the one source
every occurrence stands for (the annotation's rule), a form two sources share dropped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span as DocSpan

from according.extract.sources import names, pronouns

if TYPE_CHECKING:
    from according.extract.sources.resolver import Resolver

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "i", "me"})
GROUP_PRONOUNS = frozenset({"they", "them", "we", "us"})
THING_PRONOUNS = frozenset({"it", "its"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})


def settle_he_she(resolver: Resolver) -> None:
    """ "he"/"she" is a source's mention when every occurrence stands for that source
    (the annotation's rule), and no one's when one stands for someone else."""
    found = pronouns.referents(resolver.doc, _untagged_names(resolver))
    recorded = {m.text.lower() for s in resolver.sources for m in s.mentions}
    for form in set(pronouns.GENDER) & recorded:  # a speaker somewhere
        places = [i for i in found if resolver.doc[i].lower_ == form]
        owners = {_person_key(resolver, found[i]) for i in places}
        owner = next(iter(owners)) if len(owners) == 1 else None
        for source in resolver.sources:
            source.mentions = [m for m in source.mentions if m.text.lower() != form]
            if source.id == owner:
                for i in places:
                    resolver.add_mention(
                        source, resolver.doc[i].idx, resolver.doc[i].idx + len(resolver.doc[i])
                    )
                source.mentions.sort(key=lambda m: m.start)


def _untagged_names(resolver: Resolver) -> tuple[tuple[int, int], ...]:
    """Token spans of person sources' names that spaCy did not tag PERSON ("West's
    sister, Tawanda Jones"): the last run of proper nouns in each first mention."""
    found = []
    for source in resolver.sources:
        if source.kind != "person" or not source.mentions:
            continue
        first = source.mentions[0]
        chunk = resolver.doc.char_span(first.start, first.end, alignment_mode="expand")
        if chunk is None or any(t.ent_type_ == "PERSON" for t in chunk):
            continue
        end = next((t.i + 1 for t in reversed(chunk) if t.pos_ == "PROPN"), None)
        start = end
        while start is not None and start > chunk.start and resolver.doc[start - 1].pos_ == "PROPN":
            start -= 1
        if end is not None and end - start >= 2:
            found.append((start, end))
    return tuple(found)


def _person_key(resolver: Resolver, entity: DocSpan | None) -> str | None:
    """The id of the person source an entity names, or its surname if it is none."""
    if entity is None:
        return None
    persons = [s for s in resolver.sources if s.kind == "person"]
    for source in persons:
        if any(m.start < entity.end_char and entity.start_char < m.end for m in source.mentions):
            return source.id
    surname = names.surname(entity.text)
    for source in persons:  # "Priebus"; "Antonio" for Antonio Brown
        words = source.name.lower().split()
        if names.surname(source.name) == surname or len(entity) == 1 and words[0] == surname:
            return source.id
    return "~" + surname


def drop_shared(resolver: Resolver) -> None:
    """A pronoun form used for two sources ("they" for two groups) is no one's mention."""
    owners: dict[str, set[str]] = {}
    for source in resolver.sources:
        for m in source.mentions:
            if m.text.lower() in PERSON_PRONOUNS | GROUP_PRONOUNS:
                owners.setdefault(m.text.lower(), set()).add(source.id)
    shared = {form for form, ids in owners.items() if len(ids) > 1}
    for source in resolver.sources:
        source.mentions = [m for m in source.mentions if m.text.lower() not in shared]
