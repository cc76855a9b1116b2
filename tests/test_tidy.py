"""Source spans are tidied before sources are resolved: no source named "by ..." or ""."""

from __future__ import annotations

import pytest

from according.extract.found import Found
from according.extract.tidy import tidy_sources
from according.nlp import load as according_nlp


def tidied(text: str, source: str) -> str | None:
    """The source text after tidying a record whose source span is ``source`` in ``text``."""
    start = text.index(source)
    doc = according_nlp()(text)
    [record] = tidy_sources(doc, [Found(cue=None, source=(start, start + len(source)))])
    return None if record.source is None else text[record.source[0] : record.source[1]]


@pytest.mark.parametrize(
    ("text", "source", "expected"),
    [
        (
            "The nominee has been endorsed by dozens of papers across the country.",
            "by dozens of papers",
            "dozens of papers",
        ),
        (
            "Schools protested the funding system, which advocates say hurts needy schools.",
            "which advocates",
            "advocates",
        ),
        ("It’s denouncing what it calls a smear campaign.", "It’s", "It"),
        (
            "He was sorry, Gingrich cynically said on Sunday.",
            "Gingrich cynically",
            "Gingrich",
        ),
        (
            "Forty percent are black, according to the Federal Bureau of Prisons.",
            "the",
            "the Federal Bureau of Prisons",
        ),
    ],
)
def test_words_a_source_cannot_start_or_end_with_are_trimmed(text, source, expected):
    assert tidied(text, source) == expected


def test_a_span_of_function_words_alone_is_no_source():
    text = "He rated contestants by their looks, according to show insiders."
    assert tidied(text, "according to") is None


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Sen. David Perdue (R-Ga.), a member of the panel, said the bill was dead.",
            "Sen. David Perdue (R-Ga.),",
        ),
        ("Trump's campaign said the poll was rigged.", "Trump's"),
        ("The senator, who spoke on Monday, said the bill was dead.", "who"),
        (
            "Retired Lt. Gen. Michael Flynn said the deal was weak.",
            "Retired Lt. Gen. Michael Flynn",
        ),
    ],
)
def test_punctuation_possessives_and_a_lone_relative_pronoun_stay(text, source):
    """PolNeAR's source spans keep an apposition's comma and a possessive; the resolver
    takes a relative pronoun's antecedent."""
    assert tidied(text, source) == source
