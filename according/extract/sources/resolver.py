"""Source mentions merged into sources across the article.

A mention is the source span of an attribution, or a recipient ("told CNN").
Names merge with surnames ("Mr. Reilly") and acronyms ("the FDA"); pronouns go to
the last fitting source; definite descriptions ("the memo", "the official", "the
agency", "the newspaper", "the senator") to the last source of their kind, or to
the name they stand for earlier in the text. Resolver holds the sources and reads each
mention; the lookups and the passes after reading are in antecedents, proper_names,
occurrences, merges and pronoun_mentions.
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.tokens import Span as DocSpan

from according import lexicon
from according.analysis import Source, Span
from according.extract.sources import (
    antecedents,
    context,
    descriptors,
    mentions,
    merges,
    names,
    occurrences,
    pronoun_mentions,
    proper_names,
)
from according.extract.sources.kinds import Description, describe
from according.extract.text import text_of

UNRECORDED = frozenset(
    {"it", "its", "i", "me", "who", "whom", "which", "that", "this", "him", "his", "her"}
)
DEMONSTRATIVES = frozenset({"that", "this", "these", "those"})  # not mentions
SOURCE_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})
RECIPIENT_KINDS = frozenset({"outlet", "person", "organization", "publisher"})


class Resolver:
    """Assigns mentions to sources in reading order; holds the sources found so far."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.sources: list[Source] = []
        self.by_key: dict[str, Source] = {}
        self.history: list[tuple[int, Source]] = []  # (char offset, source), reading order
        self.plural: dict[str, bool] = {}
        self.merged: dict[str, str | None] = {}  # lead id -> the source it became
        self.made = 0  # sources created so far

    # -- public ---------------------------------------------------------------

    def resolve(
        self, start: int, end: int, create: bool = True, recipient: bool = False, whole=True
    ) -> Source | None:
        """The source a mention at [start, end) refers to, created if new and ``create``.

        A ``recipient`` ("told reporters") becomes a source only if it is an outlet,
        a person or an institution.
        """
        same = next(
            (s for s in self.sources if any(m.start == start and m.end == end for m in s.mentions)),
            None,
        )
        if same is not None:  # one mention serving two cues ("X recommended ... and said ...")
            return same
        chunk = self.doc.char_span(start, end, alignment_mode="expand")
        if chunk is None or not len(chunk):
            return None
        if whole:  # not for a part split off a conjunction
            chunk = self._split_institutions(
                mentions.trim(mentions.without_clause(mentions.whole_names(chunk))), create
            )
            chunk = mentions.whole_of_part(
                mentions.document_of_agent(mentions.whole_compound(chunk))
            )
            chunk = mentions.with_apposed_name(chunk)
        same = self._same_head(chunk)  # a shorter or longer span of a mention already read
        source = same or self._refer(chunk, create, recipient)
        if source is not None and chunk.text.lower() not in UNRECORDED:
            shown = mentions.first_document(chunk)  # "an unclassified report and ... statement"
            span = Span.of(text_of(self.doc), shown.start_char, shown.end_char)
            if span not in source.mentions:
                source.mentions.append(span)
            self.history.append((start, source))
        return source

    def _same_head(self, chunk: DocSpan) -> Source | None:
        """The source of a mention with this chunk's head ("Two internal polls" and "Two
        internal polls obtained by the Sun Journal" are one mention)."""
        for source in self.sources:
            for m in source.mentions:
                if m.start <= chunk.root.idx < m.end:
                    other = self.doc.char_span(m.start, m.end, alignment_mode="expand")
                    if other is not None and other.root.i == chunk.root.i:
                        return source
        return None

    @staticmethod
    def is_dateline(chunk: DocSpan) -> bool:
        """Whether ``chunk`` lies in a dateline's wire credit ("MOSCOW (AP) —")."""
        return mentions.dateline(chunk)

    def complete(self) -> None:
        """Add every other occurrence of each name, and descriptors from appositions."""
        occurrences.sweep(self)
        merges.name_leads(self)
        merges.name_institution_leads(self)
        merges.described_documents(self)
        merges.headline_mentions(self)
        merges.issued_documents(self)
        for source in self.sources:
            if source.kind == "person":
                occurrences.complete_person(self, source)
            elif source.kind in ("organization", "outlet", "publisher"):
                occurrences.complete_institution(self, source)
            source.mentions.sort(key=lambda m: m.start)
        merges.possessed_roles(self)
        occurrences.expand_acronyms(self)
        pronoun_mentions.settle_he_she(self)
        pronoun_mentions.drop_shared(self)
        self._drop_untyped()
        context.complete(self.doc, self.sources)  # descriptors stated elsewhere

    def _drop_untyped(self) -> None:
        """A common noun nothing typed once the article is read ("The election has
        energized ...", "the city") is no source: the cue it heads is no attribution."""
        for source in list(self.sources):
            if source.kind != "unknown" or not source.mentions:
                continue
            first = source.mentions[0]
            chunk = self.doc.char_span(first.start, first.end, alignment_mode="expand")
            if chunk is not None and chunk.root.pos_ != "PROPN":
                self.sources.remove(source)
                self.merged[source.id] = None
                self.history = [(o, s) for o, s in self.history if s is not source]

    # -- reference ------------------------------------------------------------

    def _refer(self, chunk: DocSpan, create: bool, recipient: bool) -> Source | None:
        start = chunk.start_char
        lower = chunk.root.lower_
        if mentions.dateline(chunk) or len(chunk) == 1 and lower in DEMONSTRATIVES:
            return None
        if chunk[0].tag_ in ("WDT", "WP") and chunk[0].lower_ in pronoun_mentions.RELATIVE_PRONOUNS:
            return antecedents.antecedent_of_relative(self, chunk[0], create)
        if len(chunk) == 1 and lower in pronoun_mentions.PERSON_PRONOUNS:
            return antecedents.person_before(self, chunk, create) or antecedents.last(
                self, start, ("person",)
            )
        if len(chunk) == 1 and lower in pronoun_mentions.GROUP_PRONOUNS:
            return antecedents.last(self, start, ("anonymous", "organization", "outlet"))
        if len(chunk) == 1 and lower in pronoun_mentions.THING_PRONOUNS:
            return antecedents.last(self, start, ("organization", "outlet", "document"))
        description = proper_names.named_person(self.doc, chunk) or describe(chunk)
        named = mentions.institution_named(
            chunk
        )  # "Equifax, a ... agency"; "satellite giant Maxar"
        if named is not None:
            inner = proper_names.named_person(self.doc, named) or describe(named)
            if inner.kind == "organization":
                description = inner
            generic = lexicon.words("sources", "organization_words")  # "the agency, RUSADA"
            apposed = (
                named.start > chunk.root.i
                and self.doc[named.start - 1].text == ","
                and chunk.root.lemma_.lower() not in generic
            )
            if inner.kind == "organization" and apposed:
                words = names.strip_determiner([t for t in chunk if t.i <= chunk.root.i])
                role = " ".join(t.text for t in words if t.tag_ != "POS")
                description.extras.setdefault("role", role)  # "the ferry's operator, Estline"
        if recipient and description.kind not in RECIPIENT_KINDS:
            return None
        if description.kind == "unknown" and chunk.root.pos_ not in SOURCE_POS:
            return None  # "responded": a verb is no one
        if description.anaphor:
            found = antecedents.antecedent(self, description, chunk, create)
            if found is antecedents.NO_ONE:
                return None
            if found is not None or not create:
                return found
        existing = self.match(description) or antecedents.same_group(self, description, chunk)
        if existing is not None:
            _prefer_name(existing, description.name)
            descriptors.fill(existing, description.extras)
            return existing
        if not create:
            return None
        return self._new(description)

    def _split_institutions(self, chunk: DocSpan, create: bool) -> DocSpan:
        """ "the White House and FBI": the first institution; the second is its own source."""
        head = chunk.root
        conjuncts = [c for c in head.conjuncts if head.i < c.i < chunk.end and c.head == head]
        named = head.pos_ == "PROPN" and all(c.pos_ == "PROPN" for c in conjuncts)
        if not conjuncts or not named or describe(chunk).kind != "organization":
            return chunk
        cc = next((t for t in chunk if t.dep_ == "cc" and t.head == head), None)
        if cc is None or cc.i <= chunk.start or cc.ent_iob_ == "I":
            return chunk  # "The National Oceanic and Atmospheric Administration": one name
        for conj in conjuncts:
            other = self.doc[
                max(conj.left_edge.i, cc.i + 1) : min(conj.right_edge.i + 1, chunk.end)
            ]
            if create and len(other) and describe(other).kind in ("organization", "outlet"):
                self.resolve(other.start_char, other.end_char, whole=False)
        return self.doc[chunk.start : cc.i]

    def match(self, d: Description) -> Source | None:
        """The source already held under a description's name, or one of the same person
        ("Mr. Reilly") or institution ("the FDA")."""
        if not d.key:
            return None
        if d.key in self.by_key and self.by_key[d.key].kind == d.kind:
            return self.by_key[d.key]
        for other_key, source in self.by_key.items():
            if d.kind == "person" == source.kind and names.same_person(d.key, other_key):
                return source
            institutions = ("organization", "outlet", "publisher")
            if (
                d.kind in institutions
                and source.kind in institutions
                and names.same_institution(d.name, source.name)
            ):
                return source
        return None

    def _new(self, d: Description) -> Source:
        kind = "organization" if d.kind == "organization" else d.kind
        source = Source(id=self.next_id(), name=d.name, kind=kind, **d.extras)
        self.sources.append(source)
        self.plural[source.id] = d.plural
        if d.key:
            self.by_key[d.key] = source
        return source

    # -- the sources held -----------------------------------------------------

    def merge(self, lead: Source, into: Source) -> None:
        """``lead`` becomes ``into``: its mentions, its affiliation if ``into`` has none,
        and its id (``final_id``)."""
        into.mentions.extend(m for m in lead.mentions if m not in into.mentions)
        descriptors.fill(into, {"affiliation": lead.affiliation})
        self.sources.remove(lead)
        self.merged[lead.id] = into.id
        self.history = [(o, into if s is lead else s) for o, s in self.history]

    def next_id(self) -> str:
        """A fresh source id (ids stay unique when a lead is merged away)."""
        self.made += 1
        return f"S{self.made}"

    def final_id(self, source_id: str | None) -> str | None:
        """The id a source ended under, after leads were merged into the names that follow."""
        while source_id in self.merged:
            source_id = self.merged[source_id]
        return source_id

    def add_mention(self, source: Source, start: int, end: int) -> None:
        """A mention of ``source`` at [start, end), unless another source holds a mention
        there or ``source`` holds one around it."""
        span = Span.of(text_of(self.doc), start, end)
        taken = any(
            m.start < end and start < m.end
            for s in self.sources
            for m in s.mentions
            if s is not source
        )
        if not taken and not any(m.start <= start and end <= m.end for m in source.mentions):
            source.mentions.append(span)


def _prefer_name(source: Source, name: str) -> None:
    """Keep the fullest name seen ("U.S. intelligence" over "intelligence")."""
    if source.kind in ("person", "organization") and len(name) > len(source.name):
        source.name = name
