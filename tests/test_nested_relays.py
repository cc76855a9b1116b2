"""Relays named around a claim on hand-written sentences: a claim told to the speaker
("officials told him"), a closing "according to", an outlet's account of a document,
who asked for a refused comment, a continued quotation, and a source the tagger left
inside the content."""

from __future__ import annotations

import according
from according import nlp
from according.article import Article
from according.extract.found import Found
from according.extract.relays import find_relays
from according.extract.tidy import tidy_sources


def _analysis(text: str, outlet: str = "Daily Planet"):
    return according.analyze(Article(text=text, outlet=outlet))


def _holding(analysis, fragment: str):
    return [a for a in analysis.attributions if any(fragment in c.text for c in a.content)]


def _span(text: str, words: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return start, start + len(words)


def test_what_was_told_to_the_speaker_is_the_inner_records_content():
    text = 'Sen. Mary Lane told the Planet that "top engineers" told her "the dam will fail."'
    doc = nlp.load()(text)
    outer = Found(
        cue=_span(text, "told"),
        source=_span(text, "Sen. Mary Lane"),
        content=[(text.index("that"), len(text))],
        recipient=_span(text, "the Planet"),
    )
    inner = Found(  # the parse gave the inner cue the outer words as content
        cue=_span(text, "told", nth=1),
        source=_span(text, "top engineers"),
        content=[(0, _span(text, "the Planet")[1])],
        recipient=_span(text, "her"),
    )
    records = find_relays(doc, [outer, inner])
    inner_content = [text[s:e] for s, e in records[1].content]
    assert inner_content == ['"the dam will fail."']
    assert records[0].content == outer.content  # the outer record keeps its words


def test_a_closing_according_to_relays_each_holder_of_the_judgement():
    text = (
        'While the FBI had "high confidence" that the hackers worked for Iran, the NSA had '
        'only "moderate confidence" in that judgement, according to the 2019 memo.'
    )
    analysis = _analysis(text)
    chains = [analysis.chain_names(a) for a in analysis.attributions]
    fbi = next(c for c in chains if c[0] == "FBI")
    assert fbi[1] == "2019 memo"


def test_an_outlets_account_of_a_document_makes_the_document_the_origin():
    text = (
        "The bridge was closed because of cracks in two beams, according to the "
        "Tribune's account of the inspection report."
    )
    analysis = _analysis(text)
    (record,) = _holding(analysis, "cracks in two beams")
    chain = analysis.chain_names(record)
    assert chain[0] == "inspection report"
    assert "Tribune" in chain[1]


def test_a_refusal_after_being_contacted_by_an_outlet_was_given_to_it():
    text = (
        "When contacted by The Associated Press on Monday, the company released a statement "
        "saying that it would not comment on rumours."
    )
    analysis = _analysis(text)
    refusals = [a for a in analysis.attributions if a.polarity == "declines"]
    assert any("The Associated Press" in analysis.chain_names(a) for a in refusals)


def test_a_clause_hung_on_the_dateline_is_what_the_sources_told():
    text = (
        "MOSCOW — Russia’s skating federation plans to give the coach a long ban for lying "
        "to investigators, two sources with knowledge of the case told Reuters."
    )
    analysis = _analysis(text)
    (record,) = _holding(analysis, "long ban")
    assert analysis.chain_names(record) == [
        "two sources with knowledge of the case",
        "Reuters",
        "Daily Planet",
    ]


def test_a_quotation_continued_after_told_goes_to_the_same_reporter():
    text = (
        '"We will appeal the ruling," Smith told ESPN\'s Jane Doe. '
        '"I expect the court will see it our way."'
    )
    analysis = _analysis(text, outlet="theScore")
    (record,) = _holding(analysis, "see it our way")
    assert analysis.chain_names(record) == ["Smith", "Jane Doe", "theScore"]


def test_the_cues_subject_tagged_as_content_becomes_the_source():
    text = "Acme has said that its plans are to help customers."
    doc = nlp.load()(text)
    record = Found(
        cue=_span(text, "has said"),
        source=None,
        content=[_span(text, "Acme"), (text.index("that"), len(text) - 1)],
    )
    (tidied,) = tidy_sources(doc, [record])
    assert text[slice(*tidied.source)] == "Acme"
    assert [text[s:e] for s, e in tidied.content] == ["that its plans are to help customers"]


def test_the_agent_of_a_passive_cue_becomes_the_source():
    text = 'The virus is considered to be a "fragile" virus by infectious disease experts.'
    doc = nlp.load()(text)
    record = Found(
        cue=_span(text, "is considered"),
        source=None,
        content=[(text.index("to be"), len(text) - 1)],
    )
    (tidied,) = tidy_sources(doc, [record])
    assert text[slice(*tidied.source)] == "infectious disease experts"
    assert text[slice(*tidied.content[0])] == 'to be a "fragile" virus'
