"""Relay chains on hand-written sentences: citing, seen by, told an outlet, the publisher
named in the text, and a garbled pair of records that must not relay each other."""

from __future__ import annotations

import according
from according.article import Article
from according.extract.chains import same_outlet


def _chain_of(text: str, fragment: str, outlet: str | None = None) -> list[str]:
    analysis = according.analyze(Article(text=text, outlet=outlet))
    for a in analysis.attributions:
        if any(fragment in c.text for c in a.content):
            return analysis.chain_names(a)
    raise AssertionError(f"no attribution holds {fragment!r}")


def test_citing_makes_the_cited_the_origin():
    text = (
        "The bank plans to close 40 branches next year, The Wall Street Journal reported "
        "on Friday, citing people familiar with the matter."
    )
    analysis = according.analyze(Article(text=text, outlet="Daily Planet"))
    chains = [analysis.chain_names(a) for a in analysis.attributions]
    origin = next(c for c in chains if c[0].startswith("people familiar"))
    assert "Wall Street Journal" in origin[1]
    assert origin[-1] == "Daily Planet"


def test_who_is_cited_is_no_claim_of_its_own():
    text = (
        "The bank plans to close 40 branches next year, The Wall Street Journal reported "
        "on Friday, citing people familiar with the matter."
    )
    analysis = according.analyze(Article(text=text, outlet="Daily Planet"))
    contents = [" ".join(c.text for c in a.content) for a in analysis.attributions]
    assert "people familiar with the matter" not in contents  # a source, not what is said
    assert any(c.startswith("The bank plans") for c in contents)


def test_a_reason_cited_is_no_source():
    text = (
        "Citing an unfounded conspiracy theory, the candidate repeatedly accused his rival's "
        "father of meeting the assassin weeks before the murder."
    )
    analysis = according.analyze(Article(text=text, outlet="Daily Planet"))
    speakers = [a.source_mention.text for a in analysis.attributions if a.source_mention]
    assert speakers and not any("theory" in s for s in speakers)  # what is cited, not who


def test_told_an_outlet():
    text = "The mine will reopen in May, two officials with knowledge of the plan told Reuters."
    chain = _chain_of(text, "mine will reopen", outlet="Daily Planet")
    assert chain[1:] == ["Reuters", "Daily Planet"]


def test_the_publisher_named_in_the_text_closes_the_chain_once():
    text = "The plant was never inspected, the former manager told The Daily Planet on Monday."
    chain = _chain_of(text, "never inspected", outlet="The Daily Planet")
    assert chain[-1] == "The Daily Planet"
    assert chain.count("The Daily Planet") == 1 and len(chain) == 2


def test_same_outlet():
    assert same_outlet("TIME", "Time")
    assert same_outlet("The Washington Post", "Washington Post")
    assert same_outlet("the Sun Journal", "Lewiston Sun Journal (Maine)")
    assert not same_outlet("Reuters", "National Post (Reuters copy)")
    assert not same_outlet("The Times", "Financial Times")


def test_a_refusal_to_an_outlet():
    text = "The company did not immediately respond to a Reuters request for comment."
    analysis = according.analyze(Article(text=text, outlet="Daily Planet"))
    refusal = next(a for a in analysis.attributions if a.polarity == "declines")
    assert "Reuters" in analysis.chain_names(refusal)
