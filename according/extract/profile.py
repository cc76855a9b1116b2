"""The article's sourcing profile, and the claims it makes in its own voice.

A sentence is an unattributed claim when no attribution's cue, source or
content touches it and it states something (a verb, four words or more).
"""

from __future__ import annotations

from spacy.tokens import Doc

from according.analysis import Attribution, Claim, Profile, Source, Span
from according.extract import certainty
from according.extract.text import text_of

MIN_CLAIM_WORDS = 4
SOURCE_KINDS = ("person", "anonymous", "document", "organization", "outlet")  # unknown: the rest


def unattributed_claims(doc: Doc, attributions: list[Attribution]) -> list[Claim]:
    """Sentences that no attribution covers, each with its certainty."""
    covered = [
        span
        for a in attributions
        for span in (a.cue, a.source_mention, a.recipient, *a.content)
        if span is not None
    ]
    claims = []
    whole = text_of(doc)
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        text = whole[start:end]
        stripped = text.strip()
        if len(stripped.split()) < MIN_CLAIM_WORDS or not any(
            t.pos_ in ("VERB", "AUX") for t in sent
        ):
            continue
        if any(s.start < end and start < s.end for s in covered):
            continue
        offset = start + (len(text) - len(text.lstrip()))
        span = Span.of(whole, offset, offset + len(stripped))
        claims.append(Claim(span=span, certainty=certainty.assess(doc, [span])))
    return claims


def build_profile(
    sources: list[Source], attributions: list[Attribution], claims: list[Claim]
) -> Profile:
    """Counts a reader can check: who is cited, how, and through whom."""
    cited = [s for s in sources if s.kind != "publisher"]
    kinds = {s.id: s.kind for s in sources}
    names = {s.id: s.name for s in sources}
    with_content = [a for a in attributions if a.content]
    relayed = [a for a in with_content if _relay_outlets(a, kinds)]
    outlets = list(dict.fromkeys(names[o] for a in relayed for o in _relay_outlets(a, kinds)))
    first_outlets = {_relay_outlets(a, kinds)[-1] for a in relayed}
    kind_count = {k: sum(1 for s in cited if s.kind == k) for k in SOURCE_KINDS}
    return Profile(
        attributed_claims=len(with_content),
        unattributed_claims=len(claims),
        sources=len(cited),
        named_sources=sum(1 for s in cited if s.named),
        anonymous_sources=kind_count["anonymous"],
        documents=kind_count["document"],
        organizations=kind_count["organization"],
        outlets=outlets,
        persons=kind_count["person"],
        cited_outlets=kind_count["outlet"],
        unknown_sources=len(cited) - sum(kind_count.values()),
        anonymous_share=_anonymous_share(with_content, kinds),
        relayed_claims=len(relayed),
        single_relay_outlet=names[first_outlets.pop()] if len(first_outlets) == 1 else None,
        quotes_without_speaker=sum(
            1 for a in with_content if a.source is None and a.kind == "direct"
        ),
        denials=sum(1 for a in attributions if a.polarity == "denies"),
        refusals=sum(1 for a in attributions if a.polarity == "declines"),
        hedged_claims=sum(1 for a in with_content if a.certainty.hedged)
        + sum(1 for c in claims if c.certainty.hedged),
    )


def _relay_outlets(attribution: Attribution, kinds: dict[str, str]) -> list[str]:
    """Outlets in the chain other than the claim's own source (the ones that relayed it)."""
    return [s for s in attribution.chain[1:] if kinds.get(s) == "outlet"]


def _anonymous_share(with_content: list[Attribution], kinds: dict[str, str]) -> float:
    """The share of attributed claims whose source is anonymous (0 when there are none)."""
    if not with_content:
        return 0.0
    anonymous = sum(1 for a in with_content if kinds.get(a.source or "") == "anonymous")
    return round(anonymous / len(with_content), 3)
