"""Sources merged once the article is read: an unnamed lead and the name that follows it,
a document or official restated later, a headline's mention and the body's, "X's attorney"."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Span as DocSpan

from according import lexicon
from according.analysis import Source
from according.extract.sources import agreement, names
from according.extract.text import ents_in, text_of

if TYPE_CHECKING:
    from according.extract.sources.resolver import Resolver

AGENT_SUFFIXES = ("er", "or", "ist", "ant")  # nouns of one who acts: contractor, forecaster


def possessed_roles(resolver: Resolver) -> None:
    """ "Pauley's attorney" after "Tim Stoesz, an attorney representing Pauley": the
    person named before with that role, whose first mention's sentence names the
    possessor."""
    for later in [s for s in resolver.sources if s.kind == "person" and s.mentions]:
        first = later.mentions[0]
        chunk = resolver.doc.char_span(first.start, first.end, alignment_mode="expand")
        if chunk is None or any(t.ent_type_ == "PERSON" for t in chunk):
            continue
        head = chunk.root
        owners = [c for c in head.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
        if not owners:
            continue
        for earlier in resolver.sources:
            role = (earlier.role or "").lower().split()
            if earlier is later or earlier.kind != "person" or not role:
                continue
            named = resolver.doc.char_span(
                earlier.mentions[0].start, earlier.mentions[0].end, alignment_mode="expand"
            )
            if (
                role[-1] == head.lower_
                and named is not None
                and named.start < chunk.start
                and owners[0].lower_ in named.sent.text.lower()
            ):
                resolver.merge(later, earlier)
                earlier.mentions.sort(key=lambda m: m.start)
                break


def name_leads(resolver: Resolver) -> None:
    """ "A federal judge ... U.S. District Judge Lucy Koh": an unnamed lead named next."""
    for lead in list(resolver.sources):
        chunk = _lead_chunk(resolver, lead)
        if chunk is None:
            continue
        outlet = lead.kind == "outlet"
        named = names.outlet_after(chunk) if outlet else names.named_after(chunk)
        if named is None:
            continue
        found = resolver.resolve(named.start_char, named.end_char)
        if (
            found is not None
            and found is not lead
            and found.kind == lead.kind == "outlet"
            or found is not None
            and found is not lead
            and found.kind == "person"
        ):
            resolver.merge(lead, found)


def described_documents(resolver: Resolver) -> None:
    """ "his autopsy ... the autopsy report": a definite document whose noun modifier
    is the head of a document named before it is that document, whichever was read
    first."""
    documents = [s for s in resolver.sources if s.kind == "document" and s.mentions]
    for later in documents:
        first = min(later.mentions, key=lambda m: m.start)
        chunk = resolver.doc.char_span(first.start, first.end, alignment_mode="expand")
        if chunk is None or chunk[0].lower_ not in ("the", "this", "that"):
            continue
        modifiers = agreement.noun_modifiers(chunk)
        for earlier in documents:
            start = min(m.start for m in earlier.mentions)
            words = earlier.name.lower().split()
            if (
                earlier is not later
                and later in resolver.sources
                and earlier in resolver.sources
                and start < first.start
                and resolver.plural[earlier.id] == resolver.plural[later.id]
                and words
                and agreement.lemma_of(words[-1]) in modifiers
            ):
                resolver.merge(later, earlier)
                earlier.mentions.sort(key=lambda m: m.start)
                break


def issued_documents(resolver: Resolver) -> None:
    """ "an unclassified report ... by the Senate Select Committee on Intelligence" and
    later "the Senate intelligence committee's findings": a definite document owned by
    the issuer an earlier document names is that document."""
    documents = [s for s in resolver.sources if s.kind == "document" and s.mentions]
    for later in documents:
        first = later.mentions[0]
        chunk = resolver.doc.char_span(first.start, first.end, alignment_mode="expand")
        if chunk is None or chunk[0].lower_ != "the":
            continue
        owners = [c for c in chunk.root.children if c.dep_ == "poss"]
        words = {t.lower_ for o in owners for t in o.subtree if t.is_alpha} - {"the"}
        if len(words) < 2:
            continue
        for earlier in documents:
            named = set((earlier.name + " " + (earlier.affiliation or "")).lower().split())
            if (
                earlier is not later
                and earlier in resolver.sources
                and later in resolver.sources
                and earlier.mentions[0].start < first.start
                and words <= named
            ):
                kept = earlier.affiliation  # the issuer in full, not the possessor's words
                resolver.merge(later, earlier)
                earlier.affiliation = kept
                earlier.mentions.sort(key=lambda m: m.start)
                break


def headline_mentions(resolver: Resolver) -> None:
    """A headline or standfirst restates the story: "A senior Clinton campaign official
    says ..." above the body's "a senior campaign official conceded" is that official
    (same kind, head and number, the words of one within the other's)."""
    end = _headline_end(text_of(resolver.doc))
    if not end:
        return
    top = [s for s in resolver.sources if s.mentions and s.mentions[0].end <= end]
    for above in top:
        first = resolver.doc.char_span(
            above.mentions[0].start, above.mentions[0].end, alignment_mode="expand"
        )
        if first is None:
            continue
        words = agreement.content_lemmas(first)
        body = [
            s
            for s in resolver.sources
            if s is not above
            and s.kind == above.kind
            and s.mentions
            and min(m.start for m in s.mentions) >= end
            and resolver.plural.get(s.id) == resolver.plural.get(above.id)
        ]
        for other in sorted(body, key=lambda s: min(m.start for m in s.mentions)):
            m = min(other.mentions, key=lambda m: m.start)
            chunk = resolver.doc.char_span(m.start, m.end, alignment_mode="expand")
            if chunk is None or chunk.root.lemma_.lower() != first.root.lemma_.lower():
                continue
            theirs = agreement.content_lemmas(chunk)
            if theirs <= words or words <= theirs:
                resolver.merge(other, above)
                above.mentions.sort(key=lambda m: m.start)
                break


def name_institution_leads(resolver: Resolver) -> None:
    """ "A western Pennsylvania heating contractor said ... Fazio Mechanical Services Inc.
    issued the statement": an unnamed lead whose next sentence opens on an institution
    as subject is that institution (a lead of no kind, or a government's voice: "A U.S.
    government weather forecaster said ... The Climate Prediction Center said")."""
    for lead in list(resolver.sources):
        if lead.kind not in ("unknown", "person") or not lead.mentions:
            continue
        first = lead.mentions[0]
        chunk = resolver.doc.char_span(first.start, first.end, alignment_mode="expand")
        if chunk is None or chunk[0].lower_ not in ("a", "an") or len(lead.mentions) > 1:
            continue
        if not chunk.root.lower_.endswith(AGENT_SUFFIXES):  # "a contractor", not "a sample"
            continue
        voice = agreement.content_lemmas(chunk) & lexicon.words("reference", "institutional_leads")
        if any(t.ent_type_ == "PERSON" for t in chunk) or not (lead.kind == "unknown" or voice):
            continue
        named = _subject_institution(chunk)
        found = None if named is None else resolver.resolve(named.start_char, named.end_char)
        if found is not None and found is not lead and found.kind == "organization":
            resolver.merge(lead, found)
            found.mentions.sort(key=lambda m: m.start)


def _lead_chunk(resolver: Resolver, lead: Source) -> DocSpan | None:
    """The first mention of an unnamed, indefinite, single source ("a Pentagon spokesman")."""
    spokesperson = lead.kind == "organization" and lead.role is not None
    if lead.kind not in ("person", "anonymous", "outlet") and not spokesperson:
        return None
    if not lead.mentions or resolver.plural[lead.id] or lead.count not in (None, 1):
        return None
    first = lead.mentions[0]
    chunk = resolver.doc.char_span(first.start, first.end, alignment_mode="expand")
    if chunk is None or not {t.lower_ for t in chunk[:2]} & {"a", "an"}:
        return None
    if any(t.pos_ == "PROPN" for t in chunk) and lead.kind == "outlet":
        return None
    return chunk


def _subject_institution(lead: DocSpan) -> DocSpan | None:
    """The institution named as the subject at the start of the sentence after ``lead``'s."""
    sentence = lead.sent
    if sentence.end >= len(lead.doc):
        return None
    following = lead.doc[sentence.end].sent
    for entity in ents_in(following):
        opening = entity.start - following.start <= 1  # "The Climate Prediction Center"
        if entity.label_ == "ORG" and opening and entity.root.dep_ in ("nsubj", "nsubjpass"):
            return entity
    return None


def _headline_end(text: str) -> int:
    """Where the headline and standfirst end: the leading paragraphs that close without a
    sentence's final stop ("Clinton campaign dismisses polls ..."); 0 when there are none."""
    end = 0
    for paragraph in re.finditer(r"[^\n]+", text):
        line = paragraph.group().rstrip().rstrip("”’\"')")
        if not line or line[-1] in ".!?":
            break
        end = paragraph.end()
    return end
