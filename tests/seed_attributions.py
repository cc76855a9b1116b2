"""A hand-made analysis of the seed article, for renderer and browser tests.

Offsets come from ``str.find`` on the real text, so the spans are exact; it
does not depend on what the extractor finds today.
"""

from __future__ import annotations

from according.analysis import Analysis, Attribution, Certainty, Claim, Profile, Source, Span
from according.article import Article


def span(text: str, needle: str, after: int = 0) -> Span:
    start = text.index(needle, after)
    return Span(start, start + len(needle), needle)


def seed_analysis(text: str) -> Analysis:
    """Document -> CNN -> The Hill, two anonymous sources -> CNN -> The Hill, a spokesman."""
    doc = span(text, "A Pentagon news document")
    cnn = span(text, "CNN reported")
    cnn = Span(cnn.start, cnn.start + 3, "CNN")
    anon = span(text, "two sources familiar with the intelligence")
    network = span(text, "the network", anon.end)
    lodewick = span(text, "Pentagon spokesman Army Maj. Rob Lodewick")
    sources = [
        Source("s1", "Pentagon news document", "document", [doc, span(text, "the memo")]),
        Source("s2", "CNN", "outlet", [cnn, network]),
        Source(
            "s3",
            "two sources familiar with the intelligence",
            "anonymous",
            [anon],
            count=2,
            basis="familiar with the intelligence",
        ),
        Source(
            "s4", "Rob Lodewick", "person", [lodewick], role="spokesman", affiliation="Pentagon"
        ),
        Source("s5", "The Hill", "publisher", [span(text, "The Hill")]),
    ]
    said = span(text, "said", doc.end)
    paid = span(text, "a foreign government paid")
    bagram = span(text, "to attack Bagram in December", paid.end)
    content1 = Span(paid.start, bagram.end, text[paid.start : bagram.end])
    told = span(text, "told", anon.end)
    content2 = span(text, "that it was referring to Iran")
    quote = span(text, "“the Department of Defense does not open timelines")
    quote = Span(quote.start, text.index("”", quote.start) + 1, "")
    quote = Span(quote.start, quote.end, text[quote.start : quote.end])
    attributions = [
        Attribution(
            "a1",
            said,
            [content1],
            source="s1",
            source_mention=doc,
            kind="indirect",
            act="report",
            chain=["s1", "s2", "s5"],
        ),
        Attribution(
            "a2",
            told,
            [content2],
            source="s3",
            source_mention=anon,
            recipient=network,
            chain=["s3", "s2", "s5"],
            certainty=Certainty("likely", 0.55, 0.8, [span(text, "suggests")], hedged=True),
        ),
        Attribution(
            "a3",
            span(text, "told", lodewick.end),
            [quote],
            source="s4",
            source_mention=lodewick,
            kind="direct",
            act="refusal",
            polarity="declines",
            recipient=span(text, "CNN", lodewick.end),
            chain=["s4", "s5"],
        ),
    ]
    claim = span(text, "The report comes shortly after reports of similar bounties")
    profile = Profile(
        attributed_claims=3,
        unattributed_claims=1,
        sources=5,
        named_sources=2,
        anonymous_sources=1,
        documents=1,
        outlets=["CNN"],
        relayed_claims=2,
        single_relay_outlet="CNN",
        refusals=1,
        hedged_claims=1,
    )
    article = Article(text=text, title="Iran pays fines for targeting US troops", outlet="The Hill")
    return Analysis(article, sources, attributions, [Claim(claim)], profile, ["a test warning"])


def altered_seed(text: str) -> str:
    """Another version of the seed with planted changes: a number, a role, a hedge, a sentence."""
    return (
        text.replace("Four US personnel", "Five US personnel")
        .replace("US Gen. Qassem Soleimani", "Iranian Gen. Qassem Soleimani")
        .replace("would likely limit", "would limit")
        .replace("The Hill reached out to the Pentagon for comment.", "")
    )


HOSTILE = (
    "Officials said the plan <script>alert('script')</script> would fail, the minister told "
    "reporters. <img src=x onerror=\"alert('img')\"> A spokesman said "
    "<a href=\"javascript:alert('link')\">click here</a> and javascript:alert('bare') "
    "were \"not acceptable\" & 'quoted'. The ministry denied it.\n"
)
