"""Certainty on hand-written sentences: ICD 203 terms, stated numbers, negation, hedges
that set no band, and stated confidence."""

from __future__ import annotations

import pytest

import according
from according.extract.certainty import band_of


def _certainty(text: str, cue_word: str = "said"):
    analysis = according.analyze(text)
    for a in analysis.attributions:
        if a.cue and cue_word in a.cue.text:
            return a.certainty
    raise AssertionError(f"no attribution with {cue_word!r}")


@pytest.mark.parametrize(
    "text,band",
    [
        ("Forecasters said a 40 percent chance of rain remains for Sunday.", "unlikely"),
        ("Forecasters said there is a 65% chance that the storm strengthens.", "likely"),
        ("The agency said the odds of an impact are about one in 10,000.", "almost no chance"),
        ("Officials said the fire was most likely started by a downed power line.", "likely"),
        (
            "Analysts said the deal will almost certainly close by the end of March.",
            "almost certain",
        ),
        ("The coach said a return this season isn't very likely for the striker.", "unlikely"),
        ("Engineers said the chance of a second failure is remote.", "almost no chance"),
        ("Police said they cannot rule out that the fire was set on purpose.", "unlikely"),
    ],
)
def test_bands(text, band):
    assert _certainty(text).band == band


def test_the_number_is_kept():
    certainty = _certainty("Forecasters said a 40 percent chance of rain remains for Sunday.")
    assert certainty.probability == pytest.approx(0.4)
    assert certainty.cues[0].text == "40 percent"


@pytest.mark.parametrize(
    "text",
    [
        "The mayor said the road may reopen next week after the repairs.",
        "The company said it expects to hire 200 workers at the new plant.",
        "The report suggests the program has cut costs in three districts.",
        "Pollsters said 62 percent of likely voters back the measure in the county.",
        "Officials said the ship was found in a remote area of the bay.",
    ],
)
def test_hedges_and_other_words_set_no_band(text):
    assert _certainty(text, "").band == "unmarked"


def test_a_modal_is_a_hedge():
    assert _certainty("The mayor said the road may reopen next week after the repairs.").hedged


def test_confidence_nearest_the_source():
    text = (
        "While the army had high confidence that the bridge was mined, "
        "the police had only moderate confidence in that finding, according to the report."
    )
    certainty = according.analyze(text).attributions[0].certainty
    assert certainty.confidence in ("high", "moderate")
    assert _certainty(
        "Analysts said with medium confidence that the talks would fail."
    ).confidence == ("moderate")


@pytest.mark.parametrize(
    "value,band",
    [
        (0.03, "almost no chance"),
        (0.1, "very unlikely"),
        (0.5, "roughly even chance"),
        (0.7, "likely"),
        (0.88, "very likely"),
        (0.99998, "almost certain"),
    ],
)
def test_band_of(value, band):
    assert band_of(value) == band


def test_each_holder_of_a_stated_confidence_is_a_source():
    text = (
        "While the army and the police had high confidence that the bridge was mined, "
        "the navy had only moderate confidence in that assessment, the report said."
    )
    analysis = according.analyze(text)
    levels = {
        analysis.source(a.source).name: a.certainty.confidence
        for a in analysis.attributions
        if a.source and a.cue and "confidence" in a.cue.text
    }
    assert levels.get("army") == "high" or levels.get("the army") == "high"
    assert any("navy" in name and level == "moderate" for name, level in levels.items())


def test_stated_odds_are_an_attribution():
    text = "Forecasters at the center gave both storms a 70 percent chance of forming by Friday."
    analysis = according.analyze(text)
    odds = next(a for a in analysis.attributions if a.cue and a.cue.text == "gave")
    assert "Forecasters" in analysis.source(odds.source).name
    assert odds.certainty.band == "likely" and odds.certainty.probability == pytest.approx(0.7)
