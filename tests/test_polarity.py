"""Polarity on hand-written sentences: refusals, denials, questions, and cues that are no
attribution (a decision, a plan, a refused request)."""

from __future__ import annotations

import pytest

import according


def _polarities(text: str) -> list[tuple[str, str]]:
    analysis = according.analyze(text)
    return [(a.cue.text if a.cue else "", a.polarity) for a in analysis.attributions]


def _polarity_of(text: str, cue_word: str) -> str:
    for cue, polarity in _polarities(text):
        if cue_word in cue:
            return polarity
    raise AssertionError(f"no attribution with {cue_word!r}: {_polarities(text)}")


@pytest.mark.parametrize(
    "text,cue",
    [
        ("The mayor's office did not respond to a request for comment on Tuesday.", "respond"),
        ("A spokeswoman for the bank declined comment, citing the pending lawsuit.", "declined"),
        ("The coach would not disclose what the player had told him in private.", "disclose"),
        ("The agency referred questions to the state health department.", "referred"),
        ("The hospital said it was unable to make any further comments on the case.", "said"),
        ("The ministry said it wouldn't comment on the leaked memo.", "said"),
    ],
)
def test_refusals_decline(text, cue):
    assert _polarity_of(text, cue) == "declines"


@pytest.mark.parametrize(
    "text,cue",
    [
        ("The governor rejected the senator's argument that the budget was balanced.", "rejected"),
        ('"That story is simply not true," the company said in a statement.', "said"),
        ('"Statements to the contrary are untrue," the spokesman said.', "said"),
    ],
)
def test_denials_deny(text, cue):
    assert _polarity_of(text, cue) == "denies"


def test_confirm_or_deny_is_a_refusal():
    text = "The league would not confirm or deny the report that the team had been fined."
    assert _polarity_of(text, "confirm") == "declines"


def test_a_question_asks():
    text = "The recruiter called her last spring, asking if she would move to Denver for the job."
    assert _polarity_of(text, "asking") == "asks"


def test_a_negative_assertion_asserts():
    text = "The inspectors said there was no evidence that any records had been destroyed."
    assert _polarity_of(text, "said") == "asserts"


@pytest.mark.parametrize(
    "text,word",
    [
        ("The council decided not to renew the contract with the waste company.", "not"),
        (
            "The company plans to cut 400 jobs in its European offices next year, "
            "two people familiar with the matter told Reuters.",
            "plans",
        ),
        (
            "The judge denied a request by the defense to delay the trial until June, "
            "according to court records.",
            "denied",
        ),
    ],
)
def test_decisions_and_plans_are_no_attribution(text, word):
    assert not any(cue == word or cue.endswith(" " + word) for cue, _ in _polarities(text))


def test_a_cue_inside_a_quotation_is_the_speakers():
    text = (
        '"It is not what we see at all," said the official. "The race has tightened the '
        'way that we thought it would, but we do not see anything that worries us."'
    )
    analysis = according.analyze(text)
    inside = [a for a in analysis.attributions if a.cue and a.cue.start > text.index("The race")]
    assert all(analysis.source(a.source) is not None for a in inside)
    assert all("official" in analysis.source(a.source).name for a in inside)


def test_that_said_is_no_attribution():
    text = "That said, Sheriff Jim Olson did say there were no obvious signs of trauma."
    cues = [cue for cue, _ in _polarities(text)]
    assert len(cues) == 1 and cues[0].endswith("say")  # the sheriff's "(did) say" only
