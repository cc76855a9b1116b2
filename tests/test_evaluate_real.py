"""Real-article scoring: source fields, merges and claim fields on a hand-written record."""

from __future__ import annotations

import copy
import json

import pytest

from according.analysis import Analysis, Attribution, Certainty, Source, Span
from according.article import Article
from according.commands.evaluate import detect_format
from according.evaluate_real import evaluate_records, same_words

TEXT = (
    "Two officials familiar with the talks said the deal would likely collapse. "
    "Pentagon spokesman John Kirby told Reuters the report was false. "
    "Kirby declined to comment on the timing."
)
RECORD = {
    "id": "hand-written",
    "outlet": "Example News",
    "text": TEXT,
    "sources": [
        {
            "mention": "Two officials familiar with the talks",
            "kind": "anonymous",
            "count": 2,
            "basis": "familiar with the talks",
        },
        {
            "mention": "John Kirby",
            "kind": "person",
            "role": "spokesman",
            "affiliation": "Pentagon",
            "mentions": ["Kirby"],
        },
        {"mention": "Reuters", "kind": "outlet"},
    ],
    "claims": [
        {
            "near": "the deal would likely collapse",
            "source": "Two officials familiar with the talks",
            "polarity": "asserts",
            "band": "likely",
        },
        {
            "near": "the report was false",
            "source": "John Kirby",
            "polarity": "denies",
            "band": "unmarked",
            "chain": ["John Kirby", "Reuters"],
        },
        {
            "near": "declined to comment on the timing",
            "source": "Kirby",
            "polarity": "declines",
            "band": "unmarked",
        },
    ],
}


def span(needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(needle, start + 1)
    return Span.of(TEXT, start, start + len(needle))


def right_analysis() -> Analysis:
    """What a perfect analysis of TEXT looks like."""
    sources = [
        Source(
            "S1",
            "officials",
            "anonymous",
            [span("Two officials familiar with the talks")],
            count=2,
            basis="familiar with the talks",
        ),
        Source(
            "S2",
            "John Kirby",
            "person",
            [span("Pentagon spokesman John Kirby"), span("Kirby", 1)],
            role="spokesman",
            affiliation="Pentagon",
        ),
        Source("S3", "Reuters", "outlet", [span("Reuters")]),
        Source("S4", "Example News", "publisher"),
    ]
    attributions = [
        Attribution(
            "A1",
            span("said"),
            [span("the deal would likely collapse")],
            source="S1",
            certainty=Certainty(band="likely"),
            chain=["S1", "S4"],
        ),
        Attribution(
            "A2",
            span("told"),
            [span("the report was false")],
            source="S2",
            polarity="denies",
            chain=["S2", "S3", "S4"],
        ),
        Attribution(
            "A3",
            span("declined to comment"),
            [span("on the timing")],
            source="S2",
            polarity="declines",
            chain=["S2", "S4"],
        ),
    ]
    return Analysis(Article(TEXT), sources=sources, attributions=attributions)


def run(analysis: Analysis) -> dict:
    scores, _ = evaluate_records([RECORD], lambda articles: iter([analysis]))
    return scores


def test_a_perfect_analysis_scores_one_on_every_field():
    scores = run(right_analysis())
    for name in ("kind", "source", "polarity", "band", "chain"):
        assert scores[name]["accuracy"] == 1.0, name
    for name in ("role", "affiliation", "count", "basis", "merges", "sources"):
        assert scores[name]["f1"] == 1.0, name
    assert scores["summary"] == 1.0


def test_each_kind_of_error_costs_its_own_field():
    analysis = right_analysis()
    analysis.sources[2].kind = "organization"  # Reuters mistyped
    analysis.sources[0].count = None  # count lost
    analysis.sources[1].mentions.pop()  # "Kirby" not merged
    analysis.attributions[0].certainty = Certainty()  # "likely" missed
    analysis.attributions[1].chain = ["S2", "S4"]  # relay through Reuters missed
    scores = run(analysis)
    assert scores["kind"]["accuracy"] == pytest.approx(2 / 3, abs=1e-3)
    assert scores["count"]["recall"] == 0.0
    assert scores["merges"]["recall"] == 0.0
    assert scores["band"]["accuracy"] == pytest.approx(2 / 3, abs=1e-3)
    assert scores["chain"]["accuracy"] == pytest.approx(2 / 3, abs=1e-3)
    assert scores["polarity"]["accuracy"] == 1.0
    assert scores["summary"] < 1.0


def test_a_claim_given_to_another_source_is_a_source_error():
    analysis = right_analysis()
    analysis.attributions[1].source = "S3"  # "the report was false" given to Reuters
    analysis.attributions[1].chain = ["S3", "S4"]
    scores = run(analysis)
    assert scores["source"]["accuracy"] == pytest.approx(2 / 3, abs=1e-3)


def test_descriptors_agree_on_content_words_and_head():
    assert same_words("White House Chief of Staff", "chief of staff")
    assert same_words("spokesman", "Pentagon spokesman")
    assert not same_words("spokesman", "commander")
    assert not same_words("spokesman", None)


def test_descriptor_heads_notes_and_initials():
    # the head of a role with a postmodifier is the word before it
    assert same_words("manager of NASA's Near-Earth Object Program Office", "manager")
    assert not same_words("manager of NASA's Near-Earth Object Program Office", "NASA")
    assert not same_words("Pentagon spokesman", "Pentagon")
    # a parenthesised gold note may be left out; U.S. and US are one spelling
    assert same_words("ESPN (publisher)", "ESPN")
    assert not same_words("ESPN (publisher)", "publisher")
    assert same_words("U.S. government", "US government")
    assert not same_words("U.S. government", "UK government")
    # an acronym is the name it abbreviates, and no other
    assert same_words("FDA", "U.S. Food and Drug Administration")
    assert same_words("Defense Intelligence Agency", "DIA")
    assert not same_words("FDA", "Federal Trade Commission")


def test_format_is_detected_from_the_first_record(tmp_path):
    real = tmp_path / "real.jsonl"
    real.write_text(json.dumps(copy.deepcopy(RECORD)) + "\n", encoding="utf-8")
    polnear = tmp_path / "polnear.jsonl"
    polnear.write_text(json.dumps({"text": TEXT, "attributions": []}) + "\n", encoding="utf-8")
    assert detect_format(str(real)) == "real"
    assert detect_format(str(polnear)) == "polnear"


def test_a_merged_mention_that_holds_the_first_mention_counts():
    text = "The Centers for Disease Control (CDC) said so. The CDC said more."
    record = {
        "id": "acronym",
        "text": text,
        "sources": [
            {
                "mention": "CDC",
                "kind": "organization",
                "mentions": ["The Centers for Disease Control (CDC)"],
            }
        ],
        "claims": [],
    }
    long = Span.of(text, 0, text.index(" said"))
    short = Span.of(text, text.index("CDC said"), text.index("CDC said") + 3)
    source = Source(id="S1", name="CDC", kind="organization", mentions=[long, short])
    analysis = Analysis(article=Article(text=text), sources=[source])
    scores, _ = evaluate_records([record], lambda articles: iter([analysis]))
    assert scores["merges"]["recall"] == 1.0
    assert scores["merges"]["precision"] == 1.0


def test_a_shorter_mention_at_the_first_mention_is_not_a_merge():
    text = "Two sources with knowledge of the plan said so."
    record = {
        "id": "short",
        "text": text,
        "sources": [{"mention": "Two sources with knowledge of the plan", "kind": "anonymous"}],
        "claims": [],
    }
    whole = Span.of(text, 0, text.index(" said"))
    short = Span.of(text, 0, len("Two sources"))
    source = Source(id="S1", name="sources", kind="anonymous", mentions=[whole, short])
    analysis = Analysis(article=Article(text=text), sources=[source])
    scores, _ = evaluate_records([record], lambda articles: iter([analysis]))
    assert scores["merges"]["predicted"] == 0


def _extra_claim_scores(content: str) -> dict:
    """A text whose second attribution the gold leaves out, scored with both found."""
    text = f"Kirby said the base will close. Officials said {content}."
    record = {
        "id": "extra",
        "text": text,
        "sources": [{"mention": "Kirby", "kind": "person"}],
        "claims": [
            {
                "near": "the base will close",
                "source": "Kirby",
                "polarity": "asserts",
                "band": "unmarked",
            }
        ],
    }

    def at(needle: str) -> Span:
        start = text.index(needle)
        return Span.of(text, start, start + len(needle))

    analysis = Analysis(
        Article(text),
        sources=[Source("S1", "Kirby", "person", [at("Kirby")])],
        attributions=[
            Attribution("A1", at("said"), [at("the base will close")], source="S1"),
            Attribution("A2", None, [at(content)]),
        ],
    )
    scores, _ = evaluate_records([record], lambda articles: iter([analysis]))
    return scores["claims"]


def test_a_claim_with_an_estimate_the_gold_leaves_out_is_unscored():
    left_out = _extra_claim_scores("the plant may close in June")
    assert (left_out["predicted"], left_out["unscored"], left_out["precision"]) == (1, 1, 1.0)
    counted = _extra_claim_scores("the plant will close in June")
    assert (counted["predicted"], counted.get("unscored", 0)) == (2, 0)
    assert counted["precision"] == 0.5


def _relay_scores(relayed: bool) -> dict:
    """ "The Sun reported his autopsy shows P": the Sun's record beside the autopsy's."""
    text = "The Sun reported his autopsy shows he died of a fall."
    record = {
        "id": "relay",
        "text": text,
        "sources": [
            {"mention": "The Sun", "kind": "outlet"},
            {"mention": "his autopsy", "kind": "document"},
        ],
        "claims": [
            {
                "near": "he died of a fall",
                "source": "his autopsy",
                "polarity": "asserts",
                "band": "unmarked",
                "chain": ["his autopsy", "The Sun"],
            }
        ],
    }

    def at(needle: str) -> Span:
        start = text.index(needle)
        return Span.of(text, start, start + len(needle))

    chain = ["S2", "S1", "S3"] if relayed else ["S2", "S3"]
    analysis = Analysis(
        Article(text),
        sources=[
            Source("S1", "The Sun", "outlet", [at("The Sun")]),
            Source("S2", "autopsy", "document", [at("his autopsy")]),
            Source("S3", "Example News", "publisher"),
        ],
        attributions=[
            Attribution("A1", at("reported"), [at("his autopsy shows he died of a fall")], "S1"),
            Attribution(
                "A2", at("shows"), [at("he died of a fall")], "S2", parent="A1", chain=chain
            ),
        ],
    )
    scores, _ = evaluate_records([record], lambda articles: iter([analysis]))
    return scores["claims"]


def test_the_record_of_a_relay_named_in_the_claims_chain_is_no_claim_of_its_own():
    relayed = _relay_scores(relayed=True)
    assert (relayed["predicted"], relayed["relays"], relayed["precision"]) == (1, 1, 1.0)
    alone = _relay_scores(relayed=False)  # the chain does not name the Sun: two claims
    assert (alone["predicted"], alone.get("relays", 0), alone["precision"]) == (2, 0, 0.5)
