"""Antecedents of anaphors: the earlier source a pronoun, a relative pronoun or a definite
description ("the agency", "the report", "the officials") stands for, by kind."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span as DocSpan
from spacy.tokens import Token

from according import lexicon
from according.analysis import Source
from according.extract.sources import agreement, mentions, names, pronouns, proper_names
from according.extract.sources.kinds import Description
from according.extract.text import ents_of, noun_chunks_of

if TYPE_CHECKING:
    from according.extract.sources.resolver import Resolver

RECENT_CHARS = 300  # "the report" attaches to an outlet named this close before it
NO_ONE = Source(id="", name="", kind="unknown")  # an anaphor that names no source at all


def person_before(resolver: Resolver, pronoun: DocSpan, create: bool) -> Source | None:
    """ "he", "she": the person named nearest before, of the pronoun's gender; another
    person pronoun: the nearest person named in this sentence or the one before."""
    bound = pronouns.referents(resolver.doc)
    if pronoun.start in bound:
        chosen = bound[pronoun.start]
        if chosen is None or not create:
            return None
        return resolver.resolve(chosen.start_char, chosen.end_char, create)
    sent = pronoun.sent
    previous = resolver.doc[sent.start - 1].sent if sent.start > 0 else sent
    people = [
        e
        for e in ents_of(resolver.doc)
        if e.label_ == "PERSON"
        and previous.start <= e.start
        and e.end <= pronoun.start
        and not names.is_outlet_name(list(e))
        and not proper_names.begins_institution(resolver.doc, e.text)
    ]
    subjects = [e for e in people if e.root.dep_ in ("nsubj", "nsubjpass")]
    chosen = (subjects or people or [None])[-1]
    if chosen is None or not create:
        return None
    return resolver.resolve(chosen.start_char, chosen.end_char, create)


def antecedent(resolver: Resolver, d: Description, chunk: DocSpan, create: bool) -> Source | None:
    """The earlier source an anaphor ``d`` stands for, by its kind (``NO_ONE`` for "the
    country" with no state before it); None when it names none or a new one."""
    start = chunk.start_char
    head = chunk.root.lemma_.lower()
    if agreement.contrasted(chunk.root):  # "the last poll", "the other officials": not that one
        return None
    if d.anaphor == "outlet-or-document":
        if agreement.noun_modifiers(chunk):  # "the autopsy report": a document, not a story
            found = _last_document(resolver, start, chunk.root, chunk)
            return found or _earlier_noun(resolver, chunk, create)
        same = _recent_same_head(resolver, chunk)  # "a copy of the report ... The report"
        if same is not None:
            return same
        latest = _before(resolver, start, ("outlet", "document"))
        offset, found = latest[0] if latest else (0, None)
        recent = create or start - offset < RECENT_CHARS and not d.plural
        if found is not None and found.kind == "outlet" and recent and not d.plural:
            return found
        if found is not None and head in found.name.lower():
            return found
        return _earlier_noun(resolver, chunk, create)
    if d.anaphor == "document":
        found = _last_document(resolver, start, chunk.root, chunk) or _dated(
            resolver, chunk, create
        )
        return found or _earlier_noun(resolver, chunk, create)
    if d.anaphor == "anonymous":
        if not create and len(chunk) > 2:  # "the right people" is not "the people"
            return None
        candidates = [
            s
            for _, s in _before(resolver, start, ("anonymous",))
            if resolver.plural[s.id] == d.plural
            and agreement.compatible(d, s)
            and agreement.names_modifiers(chunk, s.name)
        ]
        same_head = [s for s in candidates if head in agreement.name_lemmas(s.name)]
        found = (same_head or (candidates if create else []) or [None])[0]
        return found or _earlier_noun(resolver, chunk, create)
    if d.anaphor == "organization":
        if d.plural:  # "the agencies" is no one institution
            return None
        if head in lexicon.words("sources", "state_anaphors"):
            found = _earlier_entity(resolver, chunk, ("GPE",), create, "", nearest=True)
            return found or NO_ONE  # "the country" with no state before it
        if head in lexicon.words("sources", "agency_anaphors"):
            found = _earlier_entity(resolver, chunk, ("ORG",), create, head, nearest=True)
            if found is not None:
                return found
        fitting = [
            s
            for _, s in _before(resolver, start, ("organization",))
            if agreement.fits(head, s.name)
            and agreement.names_modifiers(chunk, s.name)
            and not _voice(s)
        ]
        if fitting:
            return fitting[0]
        return _earlier_entity(resolver, chunk, ("ORG", "FAC"), create, head, nearest=True)
    if d.anaphor == "outlet":
        if not agreement.names_modifiers(chunk, ""):  # "the North Korean state media": its own
            return None
        return last(resolver, start, ("outlet",)) or _earlier_outlet(resolver, chunk, create)
    if d.anaphor == "epithet":
        named = pronouns.salient_person(chunk)
        if named is None:
            return None
        return resolver.resolve(named.start_char, named.end_char, create)
    if d.anaphor == "person":
        people = [s for _, s in _before(resolver, start, ("person",))]
        fitting = [s for s in people if s.role and head in s.role.lower()]
        found = (fitting or (people if create else []) or [None])[0]
        earlier = [e for e in names.full_names(resolver.doc) if e.end <= chunk.start]
        if found is None and earlier and create:
            return resolver.resolve(earlier[-1].start_char, earlier[-1].end_char)
        return found
    if d.anaphor == "proper":
        return resolver.match(d)
    return None


def same_group(resolver: Resolver, d: Description, chunk: DocSpan) -> Source | None:
    """ "forecasters" after "hurricane forecasters": a bare plural repeats a group."""
    if d.kind == "anonymous" and d.plural and d.extras.get("count") is not None:
        return _group_counted(resolver, chunk)
    if d.kind != "anonymous" or not d.plural:
        return None
    head = chunk.root.lemma_.lower()
    words = agreement.modifier_words(chunk)
    for _, source in _before(resolver, chunk.start_char, ("anonymous",)):
        if not resolver.plural[source.id] or source.count is not None:
            continue
        same_owner = d.extras.get("affiliation") in (None, source.affiliation)
        earlier = set(source.name.lower().replace("’", "'").split())
        # "forecasters" repeats "hurricane forecasters"; "unnamed officials" does not
        # repeat "current and former officials"
        if head in source.name.lower() and same_owner and words <= earlier:
            return source
        modifiers = {w for w in earlier if not w.startswith(head)}
        if head in source.name.lower() and agreement.institution_of(chunk, modifiers):
            return source  # "hurricane forecasters" ... "National Hurricane Center forecasters"
    return None


def _group_counted(resolver: Resolver, chunk: DocSpan) -> Source | None:
    """ "current and former officials ... two current and two former officials": the
    same words with numbers are the group counted, not a subset of it."""
    numbers = lexicon.load("sources")["number_words"]
    words = {t.lower_ for t in chunk if not (t.like_num or t.lower_ in numbers or t.is_punct)}
    if len(words) < 3:  # a bare "officials" ... "two officials" may be a subset
        return None
    for _, source in _before(resolver, chunk.start_char, ("anonymous",)):
        earlier = set(source.name.lower().replace("’", "'").split())
        if resolver.plural[source.id] and source.count is None and earlier == words:
            return source
    return None


def _before(resolver: Resolver, before: int, kinds: tuple[str, ...]) -> list[tuple[int, Source]]:
    """Sources of ``kinds`` mentioned before ``before``, nearest first, each once."""
    seen: dict[str, tuple[int, Source]] = {}
    for offset, source in sorted(resolver.history, key=lambda h: -h[0]):  # nearest first
        if offset < before and source.kind in kinds and source.id not in seen:
            seen[source.id] = (offset, source)
    return list(seen.values())


def last(resolver: Resolver, before: int, kinds: tuple[str, ...]) -> Source | None:
    found = _before(resolver, before, kinds)
    return found[0][1] if found else None


def _last_document(resolver: Resolver, before: int, head: Token, chunk: DocSpan) -> Source | None:
    """ "the memo" -> "a Pentagon news document"; "the study" is not "the report"; "the
    autopsy report" -> "his autopsy"; "the consensus forecast" is not "its monthly
    forecast" (a noun modifier must be in the earlier name)."""
    generic = lexicon.words("sources", "generic_document_heads")
    lemma = head.lemma_.lower()
    modifiers = agreement.noun_modifiers(chunk)
    for _, source in _before(resolver, before, ("document",)):
        if resolver.plural[source.id] != (head.tag_ == "NNS"):
            continue
        words = source.name.lower().replace("’", "'").split()
        if modifiers and words and agreement.lemma_of(words[-1]) in modifiers:
            return source  # "the autopsy report" repeats "his autopsy"
        if not modifiers <= {agreement.lemma_of(w) for w in words}:
            continue
        if lemma in words or head.lower_ in words or lemma in generic:
            return source
        if any(w in generic for w in words):
            return source
    return None


def _recent_same_head(resolver: Resolver, chunk: DocSpan) -> Source | None:
    """A document of the same head and number mentioned within ``RECENT_CHARS``
    before: "a copy of the report obtained by the newspaper. The report ..." is the
    report, not the newspaper's story."""
    lemma = chunk.root.lemma_.lower()
    plural = chunk.root.tag_ in ("NNS", "NNPS")
    for offset, source in _before(resolver, chunk.start_char, ("document",)):
        if chunk.start_char - offset > RECENT_CHARS or resolver.plural[source.id] != plural:
            continue
        heads = {agreement.lemma_of(m.text.lower().split()[-1]) for m in source.mentions if m.text}
        if lemma in heads:
            return source
    return None


def _earlier_noun(resolver: Resolver, chunk: DocSpan, create: bool) -> Source | None:
    """ "the report" -> "an unclassified report" earlier in the text, as a new source."""
    lemma = chunk.root.lemma_.lower()
    for noun in reversed(noun_chunks_of(resolver.doc)):
        if noun.end <= chunk.start and noun.root.lemma_.lower() == lemma:
            if noun[0].lower_ in ("the", "this", "that", "these", "those"):
                continue
            if not agreement.names_modifiers(chunk, noun.text):  # "the Estonian authorities"
                continue
            if (noun.root.tag_ in ("NNS", "NNPS")) != (chunk.root.tag_ in ("NNS", "NNPS")):
                continue  # "the most recent poll" is not "Two internal polls"
            if not agreement.noun_modifiers(chunk) <= agreement.noun_modifiers(noun) | {lemma}:
                continue  # "the consensus forecast" is not "its monthly forecast"
            return resolver.resolve(noun.start_char, noun.end_char, create) if create else None
    return None


def _dated(resolver: Resolver, chunk: DocSpan, create: bool) -> Source | None:
    """ "the January 2017 analysis" -> "a January 2017 intelligence community
    assessment": a document dated as one named before is that one, whatever its noun."""
    head = chunk.root
    dates = [t.lower_ for t in chunk if t.i < head.i and t.ent_type_ == "DATE"]
    if not dates:
        return None
    documents = lexicon.words("sources", "document_heads")
    for noun in reversed(noun_chunks_of(resolver.doc)):
        root = noun.root
        if noun.end > chunk.start or root.lemma_.lower() not in documents:
            continue
        if (root.tag_ == "NNS") != (head.tag_ == "NNS"):
            continue
        if all(d in {t.lower_ for t in noun if t.i < root.i} for d in dates):
            return resolver.resolve(noun.start_char, noun.end_char, create)
    return None


def _earlier_entity(
    resolver: Resolver,
    chunk: DocSpan,
    labels: tuple[str, ...],
    create: bool,
    head: str,
    nearest=False,
) -> Source | None:
    """ "the agency" -> the U.S. Food and Drug Administration named earlier."""
    earlier = [
        e
        for e in ents_of(resolver.doc)
        if e.end <= chunk.start
        and e.label_ in labels
        and not mentions.dateline(e)
        and e.root.dep_ != "poss"  # "Russia's anti-doping agency" is not "the country"
    ]
    if not earlier or not create:
        return None
    fitting = [e for e in earlier if head and head in e.text.lower()]
    if not fitting and nearest:
        fitting = [e for e in earlier if not head or agreement.fits(head, e.text)]
    if not fitting:
        return None
    entity = (fitting or earlier)[-1]
    return resolver.resolve(entity.start_char, entity.end_char, create)


def _earlier_outlet(resolver: Resolver, chunk: DocSpan, create: bool) -> Source | None:
    earlier = [
        e for e in ents_of(resolver.doc) if e.end <= chunk.start and names.is_outlet_name(list(e))
    ]
    if not earlier or not create:
        return None
    return resolver.resolve(earlier[-1].start_char, earlier[-1].end_char, create)


def antecedent_of_relative(resolver: Resolver, pronoun: Token, create: bool) -> Source | None:
    clause = pronoun.head
    noun = clause.head if clause.dep_ in ("relcl", "acl") else None
    if noun is None or noun is clause:
        return None
    span = mentions.np_without_clause(noun, clause)
    return resolver.resolve(span.start_char, span.end_char, create)


def _voice(source: Source) -> bool:
    """An unnamed spokesperson typed as the institution's voice: "the agency" is not it."""
    return source.role is not None and source.role in lexicon.words("sources", "spokesperson_heads")
