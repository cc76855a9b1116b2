"""Runs the extraction steps in order and builds the ``Analysis``.

extract (Found records) -> tidy source and content spans -> act and polarity -> relays
-> stated confidence and odds -> speakers of quoted cues -> attributions -> sources -> chains -> certainty
-> unattributed claims -> profile.
"""

from __future__ import annotations

from spacy.tokens import Doc

from according import lexicon
from according.analysis import Analysis, Attribution, Source, Span
from according.article import Article
from according.extract import (
    certainty,
    chains,
    confidence,
    estimates,
    polarity,
    profile,
    registry,
    relays,
    speakers,
)
from according.extract.found import Found
from according.extract.registry import Extractor
from according.extract.sources import Resolver
from according.extract.text import noun_chunks_of, text_of
from according.extract.tidy import tidy_content, tidy_cues, tidy_sources

PUBLISHER_UNKNOWN = "this article"
GAP_AFTER_CUE = 60  # characters: "said on Tuesday, with moderate confidence, that"
ANAPHOR_HEADS = (
    frozenset({"document", "memo", "memorandum", "cable", "letter", "briefing", "dossier"})
    | frozenset({"filing", "report", "email", "poll", "study", "assessment", "notification"})
    | lexicon.words("sources", "outlet_anaphors")
    | lexicon.words("sources", "organization_anaphors")
    | lexicon.words("sources", "anonymous_heads")
    | lexicon.words("sources", "roles")
)


def build(doc: Doc, article: Article, extractor: str | Extractor) -> Analysis:
    """All extraction steps over one parsed article, with the named or given extractor."""
    find = registry.get(extractor) if isinstance(extractor, str) else extractor
    found = polarity.settle(doc, tidy_content(doc, tidy_sources(doc, tidy_cues(doc, find(doc)))))
    found = relays.find_relays(doc, found)
    text = text_of(doc)
    found = found + confidence.find(doc, found) + estimates.find(doc, found)
    found = relays.according_to_relays(doc, found)
    found = speakers.quoted_speakers(text, found)
    found = sorted(found, key=_position)
    attributions = [to_attribution(text, i + 1, f) for i, f in enumerate(found)]
    relayed_by = {
        a.id: Span.of(text, *f.relay) for a, f in zip(attributions, found, strict=True) if f.relay
    }
    sources, publisher = resolve_sources(doc, attributions, article, list(relayed_by.values()))
    _speakers(attributions, found, sources)
    chains.link_parents(attributions)
    chains.build_chains(attributions, sources, publisher, relayed_by)
    for attribution in attributions:
        spans = [*attribution.content, *([attribution.cue] if attribution.cue else [])]
        spans += _gap_after_cue(text, attribution)
        anchor = attribution.source_mention or attribution.cue
        attribution.certainty = certainty.assess(doc, spans, anchor.start if anchor else None)
    claims = profile.unattributed_claims(doc, attributions)
    return Analysis(
        article=article,
        sources=sources,
        attributions=attributions,
        unattributed=claims,
        profile=profile.build_profile(sources, attributions, claims),
        warnings=_warnings(attributions),
    )


def to_attribution(text: str, index: int, found: Found) -> Attribution:
    """A ``Found`` record as an ``Attribution`` (sources not yet resolved)."""
    return Attribution(
        id=f"A{index}",
        cue=_span(text, found.cue),
        content=[Span.of(text, s, e) for s, e in found.content],
        source_mention=_span(text, found.source),
        kind=found.kind,
        act=found.act,
        polarity=found.polarity,
        recipient=_span(text, found.recipient),
    )


def resolve_sources(
    doc: Doc, attributions: list[Attribution], article: Article, relays: list[Span] | None = None
) -> tuple[list[Source], Source]:
    """Merge and type source mentions (and ``relays``); the publisher closes the list."""
    resolver = Resolver(doc)
    publisher_name = article.outlet or PUBLISHER_UNKNOWN
    for attribution in attributions:
        if attribution.source_mention is not None:
            m = attribution.source_mention
            source = resolver.resolve(m.start, m.end) or _subject_after_dateline(
                doc, attribution, resolver
            )
            if source is not None and source.kind == "outlet" and _is_publisher(source, article):
                source.kind = "publisher"
            attribution.source = source.id if source else None
        if attribution.recipient is not None:
            r = attribution.recipient
            told = resolver.resolve(r.start, r.end, recipient=True)
            if told is not None:  # the span as merged (grown to a whole name)
                attribution.recipient = next((m for m in told.mentions if m.overlaps(r)), r)
    for relay in relays or []:
        resolver.resolve(relay.start, relay.end)
    _attach_anaphora(doc, resolver)
    resolver.complete()
    for source in resolver.sources:
        if source.kind == "outlet" and _is_publisher(source, article):
            source.kind = "publisher"  # told to the publisher ("told TIME")
    for attribution in attributions:
        attribution.source = resolver.final_id(attribution.source)
    publisher = next((s for s in resolver.sources if s.kind == "publisher"), None)
    if publisher is None:
        publisher = Source(id=resolver.next_id(), name=publisher_name, kind="publisher")
        resolver.sources.append(publisher)
    return resolver.sources, publisher


def _subject_after_dateline(
    doc: Doc, attribution: Attribution, resolver: Resolver
) -> Source | None:
    """ "MOSCOW (AP) — Two exit polls ... predicted": the cue's subject, when the span found
    was the wire credit."""
    m, cue = attribution.source_mention, attribution.cue
    chunk = doc.char_span(m.start, m.end, alignment_mode="expand")
    if cue is None or chunk is None or not resolver.is_dateline(chunk):
        return None
    verb = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    subjects = [
        c
        for t in verb or []
        for c in t.children
        if c.dep_ in ("nsubj", "nsubjpass") and c.idx >= chunk.end_char
    ]
    if not subjects:
        return None
    start = max(subjects[0].left_edge.idx, chunk.end_char)
    end = subjects[0].idx + len(subjects[0])
    return resolver.resolve(start, end) if start < end else None


def _attach_anaphora(doc: Doc, resolver: Resolver) -> None:
    """Other mentions of known documents and outlets ("included in the memo")."""
    text = text_of(doc)
    for chunk in noun_chunks_of(doc):
        if chunk.root.lemma_.lower() not in ANAPHOR_HEADS or chunk[0].lower_ != "the":
            continue
        span = Span.of(text, chunk.start_char, chunk.end_char)
        if any(
            span in s.mentions or any(span.overlaps(m) for m in s.mentions)
            for s in resolver.sources
        ):
            continue
        resolver.resolve(span.start, span.end, create=False)


def _is_publisher(source: Source, article: Article) -> bool:
    """The page's own outlet, however named ("the Sun Journal" on "Sun Journal (Lewiston,
    Maine)", "ABCNEWS" on "ABC News"); a wire a page reprints is not it."""
    return bool(article.outlet) and chains.same_outlet(source.name, article.outlet)


def _speakers(attributions: list[Attribution], found: list[Found], sources: list[Source]) -> None:
    """A cue inside a quotation ("we thought") is the quotation's speaker's."""
    for attribution, record in zip(attributions, found, strict=True):
        if record.speaker is None:
            continue
        speaker = Span(record.speaker[0], record.speaker[1], "")
        source = next((s for s in sources if any(speaker.overlaps(m) for m in s.mentions)), None)
        if source is not None:
            attribution.source = source.id


def _gap_after_cue(text: str, attribution: Attribution) -> list[Span]:
    """The words between the cue and the content: "said with moderate confidence that"."""
    if attribution.cue is None:
        return []
    end = attribution.cue.end
    starts = [c.start for c in attribution.content if c.start >= end]
    if not starts or min(starts) - end > GAP_AFTER_CUE or min(starts) == end:
        return []
    return [Span.of(text, end, min(starts))]


def _warnings(attributions: list[Attribution]) -> list[str]:
    return [
        f"{a.id}: quotation with no identifiable speaker: {a.content[0].text[:80]}"
        for a in attributions
        if a.source is None and a.kind == "direct" and a.content
    ]


def _span(text: str, offsets: tuple[int, int] | None) -> Span | None:
    return Span.of(text, *offsets) if offsets else None


def _position(found: Found) -> int:
    starts = [o[0] for o in (found.cue, found.source, *found.content) if o]
    return min(starts) if starts else 0
