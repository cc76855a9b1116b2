"""Crossing attribution records: the misread one goes, the other takes its clause back."""

from __future__ import annotations

import pytest

from according import nlp
from according.extract.crossing import uncross
from according.extract.found import Found

TEXT = (
    "A new study by the university has found, with “high confidence,” the glacier "
    "has started to melt faster than expected."
)


def at(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


@pytest.fixture(scope="module")
def doc():
    return nlp.load()(TEXT)


def records() -> tuple[Found, Found]:
    """The outer "has found" with only the tail as content, and "has started" read as
    an inverted "P, X said" whose content is the sentence before it."""
    outer = Found(
        cue=at(TEXT, "has found"),
        source=at(TEXT, "A new study by the university"),
        content=[at(TEXT, "to melt faster than expected")],
    )
    misread = Found(
        cue=at(TEXT, "has started"),
        source=at(TEXT, "the glacier"),
        content=[at(TEXT, "A new study by the university has found, with “high confidence,”")],
    )
    return outer, misread


def test_the_misread_record_goes_and_the_content_takes_its_clause(doc):
    outer, misread = records()
    kept = uncross(doc, [outer, misread])
    assert kept == [outer]
    start, end = outer.content[0]
    assert TEXT[start:end] == "the glacier has started to melt faster than expected"


def test_records_that_nest_are_left_alone(doc):
    outer, _ = records()
    nested = Found(
        cue=at(TEXT, "has started"),
        source=at(TEXT, "the glacier"),
        content=[at(TEXT, "to melt faster than expected")],
    )
    assert uncross(doc, [outer, nested]) == [outer, nested]


def test_a_cue_without_a_complement_of_its_own_may_report_the_clause_before():
    text = "The report has found, with high confidence, the officials agreed in private."
    parsed = nlp.load()(text)
    outer = Found(cue=at(text, "has found"), source=at(text, "The report"))
    outer.content = [at(text, "in private")]
    inverted = Found(
        cue=at(text, "agreed"),
        source=at(text, "the officials"),
        content=[at(text, "The report has found, with high confidence,")],
    )
    assert len(uncross(parsed, [outer, inverted])) == 2


def test_a_content_cut_after_a_clause_verb_takes_the_clause_from_its_subject(doc):
    """The misread record never made: only its leftovers show, a content that starts on
    the complement of a verb whose subject also follows the cue."""
    outer, _ = records()
    (kept,) = uncross(doc, [outer])
    start, end = kept.content[0]
    assert TEXT[start:end] == "the glacier has started to melt faster than expected"


def test_a_content_after_a_relative_clause_keeps_its_start():
    text = "The mayor said there is a video that shows her pleading with officers."
    parsed = nlp.load()(text)
    record = Found(cue=at(text, "said"), source=at(text, "The mayor"))
    record.content = [at(text, "her pleading with officers")]
    (kept,) = uncross(parsed, [record])
    assert kept.content == [at(text, "her pleading with officers")]
