"""The seed article (examples/): what a careful reader marks, the analysis must find."""

from __future__ import annotations

import pytest

# (source name fragment, cue) pairs a careful reader marks in the seed article.
EXPECTED = [
    ("intelligence", "suggests"),
    ("U.S. intelligence", "reports"),
    ("Pentagon news document", "said"),
    ("CNN", "reported"),
    ("two sources familiar with the intelligence", "told"),
    ("former senior official", "told"),
    ("National Security Council officials", "said"),
    ("CNN", "according to"),
    ("Pentagon news document", "stated"),
    ("U.S. intelligence", "said"),
    ("CNN", "noted"),
    ("Pentagon news document", "states"),
    ("Rob Lodewick", "told"),
    ("Rob Lodewick", "acknowledged"),
    ("Kremlin", "has denied"),
    ("The Hill", "reached out"),
]


def _pairs(analysis):
    return [
        (analysis.source(a.source).name if a.source else None, a.cue.text if a.cue else None)
        for a in analysis.attributions
    ]


def _by_cue(analysis, cue, source_fragment):
    for a in analysis.attributions:
        src = analysis.source(a.source)
        if a.cue and a.cue.text == cue and src and source_fragment in src.name:
            return a
    raise AssertionError(f"no attribution {source_fragment!r} [{cue}]")


def test_at_least_14_of_16_attributions_with_right_source_and_cue(seed_analysis):
    found = _pairs(seed_analysis)
    hits = [
        (s, c) for s, c in EXPECTED if any(name and s in name and cue == c for name, cue in found)
    ]
    assert len(hits) >= 14, f"found {len(hits)}: missing {set(EXPECTED) - set(hits)}"


def test_document_mentions_are_one_source(seed_analysis):
    documents = [s for s in seed_analysis.sources if s.kind == "document"]
    assert len(documents) == 1
    mentions = {m.text.lower() for m in documents[0].mentions}
    assert {
        "a pentagon news document",
        "the memo",
        "the introductory document",
        "the document",
    } <= mentions


def test_the_network_is_cnn(seed_analysis):
    cnn = next(s for s in seed_analysis.sources if s.name == "CNN")
    assert cnn.kind == "outlet"
    assert "the network" in {m.text for m in cnn.mentions}


def test_he_is_the_spokesman(seed_analysis):
    he = _by_cue(seed_analysis, "acknowledged", "")
    source = seed_analysis.source(he.source)
    assert source.name == "Rob Lodewick"
    assert source.kind == "person"
    assert source.role.startswith("spokesman") and source.affiliation == "Pentagon"


def test_anonymous_sources_have_count_and_basis(seed_analysis):
    two = next(s for s in seed_analysis.sources if "two sources" in s.name)
    assert two.kind == "anonymous"
    assert two.count == 2
    assert two.basis == "familiar with the intelligence"


def test_every_claim_relayed_by_cnn_has_cnn_in_its_chain(seed_analysis):
    cnn = next(s for s in seed_analysis.sources if s.name == "CNN")
    relayed = [
        ("Pentagon news document", "said"),
        ("two sources", "told"),
        ("former senior official", "told"),
        ("National Security Council", "said"),
        ("Pentagon news document", "stated"),
        ("Pentagon news document", "states"),
        ("Rob Lodewick", "told"),
    ]
    for fragment, cue in relayed:
        attribution = _by_cue(seed_analysis, cue, fragment)
        assert cnn.id in attribution.chain, (fragment, seed_analysis.chain_names(attribution))
        assert attribution.chain[-1] == seed_analysis.sources[-1].id  # the publisher closes it


def test_nested_document_claim_chain(seed_analysis):
    said = _by_cue(seed_analysis, "said", "Pentagon news document")
    assert seed_analysis.chain_names(said) == ["Pentagon news document", "CNN", "this article"]
    reported = _by_cue(seed_analysis, "reported", "CNN")
    assert said.parent == reported.id


@pytest.mark.parametrize(
    "fragment,cue",
    [
        ("Pentagon news document", "stated"),
        ("National Security Council", "said"),
        ("Pentagon news document", "states"),
    ],
)
def test_likely_claims_are_in_the_likely_band(seed_analysis, fragment, cue):
    certainty = _by_cue(seed_analysis, cue, fragment).certainty
    assert certainty.band == "likely"
    assert (certainty.low, certainty.high) == (0.55, 0.8)
    assert any("likely" in c.text for c in certainty.cues)


def test_kremlin_denies(seed_analysis):
    denial = _by_cue(seed_analysis, "has denied", "Kremlin")
    assert denial.polarity == "denies"
    assert "reports of similar bounties" in denial.content[0].text


def test_request_for_comment(seed_analysis):
    request = _by_cue(seed_analysis, "reached out", "The Hill")
    assert request.act == "request" and request.polarity == "asks"
    assert request.recipient.text == "the Pentagon"


def test_spokesman_refusal_is_marked(seed_analysis):
    told = _by_cue(seed_analysis, "told", "Rob Lodewick")
    assert told.polarity == "declines"
    assert told.recipient.text == "CNN"


def test_closing_quotation_without_speaker_is_flagged(seed_analysis):
    orphans = [a for a in seed_analysis.attributions if a.source is None and a.kind == "direct"]
    assert len(orphans) == 1
    assert orphans[0].content[0].text.startswith("\u201cNATO and coalition partners")
    assert seed_analysis.profile.quotes_without_speaker == 1
    assert any("no identifiable speaker" in w for w in seed_analysis.warnings)


def test_profile(seed_analysis):
    profile = seed_analysis.profile
    assert profile.single_relay_outlet == "CNN"
    assert profile.outlets == ["CNN"]
    assert profile.documents == 1
    assert profile.anonymous_sources == 3
    assert profile.denials == 1
    assert profile.unattributed_claims >= 1


def test_spans_are_slices_of_the_text(seed_analysis):
    text = seed_analysis.article.text
    for a in seed_analysis.attributions:
        for span in [a.cue, a.source_mention, a.recipient, *a.content]:
            if span is not None:
                assert text[span.start : span.end] == span.text
