"""Rule records that would give a wrong content: a cue with its own complement read as
reporting the clause before it, and a cue whose content is another record's "X said"."""

from __future__ import annotations

import pytest

from according import nlp
from according.extract import hybrid, rules


def _records(find, text: str) -> list[tuple[str | None, list[str]]]:
    doc = nlp.load()(text)
    return [
        (text[r.cue[0] : r.cue[1]] if r.cue else None, [text[s:e] for s, e in r.content])
        for r in find(doc)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Officials said the company has learned how to build a battery small enough to fit "
        "in a phone.",
        "The agency has concluded with moderate confidence that the company has learned how "
        "to build a battery.",
    ],
)
def test_a_cue_with_its_own_complement_reports_no_clause_before(text):
    cues = [cue for cue, _ in _records(rules.find, text)]
    assert "has learned" not in cues  # "learned how to build" is a skill, not a report
    assert len(cues) == 1


def test_a_cue_without_object_still_reports_the_clause_before():
    text = "The first firm holds $214.9 billion offshore, the researchers reported."
    assert ("reported", ["The first firm holds $214.9 billion offshore"]) in _records(
        rules.find, text
    )


@pytest.mark.parametrize(
    "text",
    [
        "The state party chairman, John Smith, said he cannot comment on the lawsuit.",
        "The mayor said the museum would tell the story of the city's first settlers.",
    ],
)
def test_the_hybrid_takes_no_bare_cue_as_content(text):
    records = _records(hybrid.find, text)
    assert records, "the outer attribution is found"
    for _, content in records:
        assert not any(piece.endswith("said") for piece in content), records


@pytest.mark.parametrize(
    "text",
    [
        "The lawyer said in an interview that he was also contacted by Russian officials.",
        "Israeli officials contacted the transition team at a high level on Thursday.",
        "When contacted by The Associated Press, the company said it would not comment.",
    ],
)
def test_a_passive_or_plain_contact_is_no_request_for_comment(text):
    acts = [r.act for r in rules.find(nlp.load()(text))]
    assert "request" not in acts  # the one contacted asks nothing; a contact is no request


def test_a_request_for_comment_is_still_a_request():
    records = rules.find(nlp.load()("Reuters reached out to the company for comment."))
    assert [r.act for r in records] == ["request"]


def test_a_passive_cue_joined_to_an_active_verb_takes_no_subject_as_source():
    text = "The captain was not in command but is believed to have been on the bridge."
    doc = nlp.load()(text)
    record = next(r for r in rules.find(doc) if text[r.cue[0] : r.cue[1]] == "is believed")
    assert record.source is None  # the captain is what is believed, not who believes it


def test_a_request_left_unanswered_is_the_refusals_not_a_record():
    text = "The firm, which runs two plants in India, did not respond to emails seeking comment."
    assert "request" not in [r.act for r in rules.find(nlp.load()(text))]
