"""Source mentions merged into sources across the article.

A mention is the source span of an attribution, or a recipient ("told CNN").
Names merge with surnames ("Mr. Reilly") and acronyms ("the FDA"); pronouns go to
the last fitting source; definite descriptions ("the memo", "the official", "the
agency", "the newspaper", "the senator") to the last source of their kind, or to
the name they stand for earlier in the text.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from according.analysis import Source, Span
from according.extract.sources import descriptors, names
from according.extract.sources.kinds import Description, describe
from according.extract.text import ents_of, text_of

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "i", "me"})
GROUP_PRONOUNS = frozenset({"they", "them", "we", "us"})
THING_PRONOUNS = frozenset({"it", "its"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})
ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})
RECIPIENT_KINDS = frozenset({"outlet", "person", "organization", "publisher"})


class Resolver:
    """Assigns mentions to sources in reading order; holds the sources found so far."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.sources: list[Source] = []
        self.by_key: dict[str, Source] = {}
        self.history: list[tuple[int, Source]] = []  # (char offset, source), reading order
        self.plural: dict[str, bool] = {}

    # -- public ---------------------------------------------------------------

    def resolve(
        self, start: int, end: int, create: bool = True, recipient: bool = False
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
        chunk = _whole_names(chunk)
        source = self._refer(chunk, create, recipient)
        if source is not None:
            span = Span.of(text_of(self.doc), chunk.start_char, chunk.end_char)
            if span not in source.mentions:
                source.mentions.append(span)
            self.history.append((start, source))
        return source

    def complete(self) -> None:
        """Add every other occurrence of each name, and descriptors from appositions."""
        for source in self.sources:
            if source.kind == "person":
                self._complete_person(source)
            elif source.kind in ("organization", "outlet", "publisher"):
                self._add_occurrences(source, source.name)
            source.mentions.sort(key=lambda m: m.start)

    # -- reference ------------------------------------------------------------

    def _refer(self, chunk: DocSpan, create: bool, recipient: bool) -> Source | None:
        start = chunk.start_char
        lower = chunk.root.lower_
        if len(chunk) == 1 and lower in RELATIVE_PRONOUNS:
            return self._antecedent_of_relative(chunk.root, create)
        if len(chunk) == 1 and lower in PERSON_PRONOUNS:
            return self._last(start, ("person",))
        if len(chunk) == 1 and lower in GROUP_PRONOUNS:
            return self._last(start, ("anonymous", "organization", "outlet"))
        if len(chunk) == 1 and lower in THING_PRONOUNS:
            return self._last(start, ("organization", "outlet", "document"))
        description = self._named_person(chunk) or describe(chunk)
        if recipient and description.kind not in RECIPIENT_KINDS:
            return None
        if description.anaphor:
            found = self._antecedent(description, chunk, create)
            if found is not None or not create:
                return found
        existing = self._match(description)
        if existing is not None:
            _prefer_name(existing, description.name)
            _fill(existing, description.extras)
            return existing
        if not create:
            return None
        return self._new(description)

    def _named_person(self, chunk: DocSpan) -> Description | None:
        """A surname spaCy did not tag PERSON ("Priebus said") of a full name in the text."""
        bare = names.strip_determiner(list(chunk))
        if not bare or len(bare) > 3 or any(t.pos_ != "PROPN" for t in bare):
            return None
        if any(e.label_ == "PERSON" for e in ents_of(self.doc) if e.start <= bare[-1].i < e.end):
            whole = [e for e in ents_of(self.doc) if e.start <= bare[-1].i < e.end][0]
            if len(whole) > 1 or not self._tagged_institution(whole.text):
                return None
            return describe_institution(chunk)
        surname = bare[-1].text.lower().removesuffix("'s")
        full = [e for e in names.full_names(self.doc) if names.surname(e.text) == surname]
        if not full:
            return None
        return Description("person", full[0].text.lower(), names.display(list(full[0])))

    def _tagged_institution(self, text: str) -> bool:
        """Whether spaCy tags ``text`` as an institution elsewhere in the article."""
        return any(e.text == text and e.label_ in ORG_LABELS for e in ents_of(self.doc))

    def _antecedent(self, d: Description, chunk: DocSpan, create: bool) -> Source | None:
        start = chunk.start_char
        head = chunk.root.lemma_.lower()
        if d.anaphor == "outlet-or-document":
            found = self._last(start, ("outlet", "document"))
            if found is not None and (found.kind == "outlet" or head in found.name.lower()):
                return found
            return self._earlier_noun(chunk, create)
        if d.anaphor == "document":
            found = self._last_with_head(start, ("document",), head)
            return found or self._earlier_noun(chunk, create)
        if d.anaphor == "anonymous":
            candidates = [
                s for _, s in self._before(start, ("anonymous",)) if self.plural[s.id] == d.plural
            ]
            same_head = [s for s in candidates if head in s.name.lower()]
            return (same_head or candidates or [None])[0]
        if d.anaphor == "organization":
            found = self._last_with_head(start, ("organization",), head)
            return found or self._earlier_entity(chunk, ("ORG", "GPE", "FAC"), create, head)
        if d.anaphor == "outlet":
            return self._last(start, ("outlet",)) or self._earlier_outlet(chunk, create)
        if d.anaphor == "person":
            people = [s for _, s in self._before(start, ("person",))]
            fitting = [s for s in people if s.role and head in s.role.lower()]
            return (fitting or people or [None])[0] or self._earlier_entity(
                chunk, ("PERSON",), create, head
            )
        if d.anaphor == "proper":
            return self._match(d)
        return None

    def _before(self, before: int, kinds: tuple[str, ...]) -> list[tuple[int, Source]]:
        """Sources of ``kinds`` mentioned before ``before``, latest first, each once."""
        seen: dict[str, tuple[int, Source]] = {}
        for offset, source in reversed(self.history):
            if offset < before and source.kind in kinds and source.id not in seen:
                seen[source.id] = (offset, source)
        return list(seen.values())

    def _last(self, before: int, kinds: tuple[str, ...]) -> Source | None:
        found = self._before(before, kinds)
        return found[0][1] if found else None

    def _last_with_head(self, before: int, kinds: tuple[str, ...], head: str) -> Source | None:
        found = [s for _, s in self._before(before, kinds)]
        fitting = [s for s in found if head in s.name.lower()]
        return (fitting or found or [None])[0]

    def _earlier_noun(self, chunk: DocSpan, create: bool) -> Source | None:
        """ "the report" -> "an unclassified report" earlier in the text, as a new source."""
        lemma = chunk.root.lemma_.lower()
        for noun in reversed(list(self.doc.noun_chunks)):
            if noun.end <= chunk.start and noun.root.lemma_.lower() == lemma:
                if noun[0].lower_ in ("the", "this", "that", "these", "those"):
                    continue
                return self.resolve(noun.start_char, noun.end_char, create) if create else None
        return None

    def _earlier_entity(
        self, chunk: DocSpan, labels: tuple[str, ...], create: bool, head: str
    ) -> Source | None:
        """ "the agency" -> the U.S. Food and Drug Administration named earlier."""
        earlier = [e for e in ents_of(self.doc) if e.end <= chunk.start and e.label_ in labels]
        if not earlier or not create:
            return None
        fitting = [e for e in earlier if head in e.text.lower()]
        if not fitting and "PERSON" not in labels:
            return None
        entity = (fitting or earlier)[-1]
        return self.resolve(entity.start_char, entity.end_char, create)

    def _earlier_outlet(self, chunk: DocSpan, create: bool) -> Source | None:
        earlier = [
            e for e in ents_of(self.doc) if e.end <= chunk.start and names.is_outlet_name(list(e))
        ]
        if not earlier or not create:
            return None
        return self.resolve(earlier[-1].start_char, earlier[-1].end_char, create)

    def _antecedent_of_relative(self, pronoun: Token, create: bool) -> Source | None:
        clause = pronoun.head
        noun = clause.head if clause.dep_ in ("relcl", "acl") else None
        if noun is None or noun is clause:
            return None
        span = _np_without_clause(noun, clause)
        return self.resolve(span.start_char, span.end_char, create)

    def _match(self, d: Description) -> Source | None:
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
        source = Source(id=f"S{len(self.sources) + 1}", name=d.name, kind=kind, **d.extras)
        self.sources.append(source)
        self.plural[source.id] = d.plural
        if d.key:
            self.by_key[d.key] = source
        return source

    # -- completion -----------------------------------------------------------

    def _complete_person(self, source: Source) -> None:
        surname = names.surname(source.name)
        others = [s for s in self.sources if s is not source and s.kind == "person"]
        if any(names.surname(s.name) == surname for s in others):
            return
        for entity in names.full_names(self.doc):
            if names.surname(entity.text) != surname:
                continue
            self._add(source, entity.start_char, entity.end_char)
            details = descriptors.split_title(descriptors.premodifiers(entity))
            _fill(source, {**details, **_without(descriptors.apposition(entity), details)})
            if len(entity.text) > len(source.name):
                source.name = names.clean(entity.text)

    def _add_occurrences(self, source: Source, name: str) -> None:
        bare = name.removeprefix("The ").removeprefix("the ")
        if len(bare) < 3:
            return
        text = text_of(self.doc)
        at = text.find(bare)
        while at >= 0:
            end = at + len(bare)
            before = text[at - 1] if at else " "
            after = text[end] if end < len(text) else " "
            if not before.isalnum() and not after.isalnum():
                self._add(source, at, end)
            at = text.find(bare, end)

    def _add(self, source: Source, start: int, end: int) -> None:
        span = Span.of(text_of(self.doc), start, end)
        taken = any(
            m.start < end and start < m.end
            for s in self.sources
            for m in s.mentions
            if s is not source
        )
        if not taken and not any(m.start <= start and end <= m.end for m in source.mentions):
            source.mentions.append(span)


def describe_institution(chunk: DocSpan) -> Description:
    """A name spaCy tagged PERSON once but an institution elsewhere ("Qualcomm")."""
    bare = names.strip_determiner(list(chunk))
    name = names.display(bare)
    return Description("organization", name.lower(), name)


def _whole_names(chunk: DocSpan) -> DocSpan:
    """The span grown to cover any entity it cuts ("The New" -> "The New York Times")."""
    start, end = chunk.start, chunk.end
    for entity in ents_of(chunk.doc):
        if entity.start < end and start < entity.end and entity.label_ in ORG_LABELS | {"PERSON"}:
            start, end = min(start, entity.start), max(end, entity.end)
    return chunk.doc[start:end]


def _np_without_clause(noun: Token, clause: Token) -> DocSpan:
    skip = {t.i for t in clause.subtree}
    kept = [t for t in noun.subtree if t.i not in skip and t.i <= noun.i or t.i == noun.i]
    start = min(t.i for t in kept)
    return noun.doc[start : noun.i + 1]


def _fill(source: Source, details: dict) -> None:
    """Set descriptor fields the source does not have yet."""
    for name, value in details.items():
        if value is not None and getattr(source, name, None) is None:
            setattr(source, name, value)


def _without(details: dict, known: dict) -> dict:
    return {k: v for k, v in details.items() if k not in known}


def _prefer_name(source: Source, name: str) -> None:
    """Keep the fullest name seen ("U.S. intelligence" over "intelligence")."""
    if source.kind in ("person", "organization") and len(name) > len(source.name):
        source.name = name
