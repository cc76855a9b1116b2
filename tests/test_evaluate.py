"""Span scoring: exact, overlap and token matching on hand-written gold and predictions."""

from __future__ import annotations

import json

import pytest

from according.cli import main
from according.evaluate import Record, evaluate_file, score

TEXT = "The mayor said the budget is balanced, and aides agreed."


def at(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


def rec(cue, source, *content) -> Record:
    return Record(
        cue=(cue,) if cue else None,
        source=(source,) if source else None,
        content=tuple(c for c in content if c) or None,
    )


SAID, MAYOR, BALANCED = at("said"), at("The mayor"), at("the budget is balanced")
GOLD = [
    rec(SAID, MAYOR, BALANCED),
    rec(at("agreed"), at("aides"), at("The mayor said the budget is balanced")),
]


def test_identical_prediction_scores_one_everywhere():
    s = score([(TEXT, GOLD, GOLD)])
    for role in ("cue", "source", "content"):
        for mode in ("exact", "overlap", "token"):
            assert s[role][mode]["f1"] == 1.0
    assert s["all"]["exact"]["f1"] == 1.0


def test_shifted_boundaries_match_on_overlap_not_exact():
    pred = [rec(SAID, at("mayor"), at("the budget is"))]
    s = score([(TEXT, GOLD, pred)])
    assert s["cue"]["exact"]["precision"] == 1.0 and s["cue"]["exact"]["recall"] == 0.5
    assert s["source"]["exact"]["f1"] == 0.0
    assert s["source"]["overlap"]["precision"] == 1.0
    assert s["content"]["exact"]["f1"] == 0.0 and s["content"]["overlap"]["precision"] == 1.0
    assert s["all"]["exact"]["f1"] == 0.0 and s["all"]["overlap"]["precision"] == 1.0


def test_token_mode_counts_tokens_not_spans():
    pred = [rec(None, None, at("the budget is")), rec(None, None, at("and aides"))]
    s = score([(TEXT, GOLD, pred)])["content"]["token"]
    assert s["predicted"] == 5 and s["precision"] == round(3 / 5, 4)
    assert s["gold"] == 7  # the two gold pieces share their last four tokens
    assert s["recall"] == round(3 / 7, 4)


def test_overlap_matching_is_one_to_one():
    pred = [rec((SAID[0], SAID[0] + 2), None, at("the")), rec((SAID[0] + 2, SAID[1]), None, None)]
    s = score([(TEXT, [GOLD[0]], pred)])
    assert s["cue"]["overlap"]["precision"] == 0.5 and s["cue"]["overlap"]["recall"] == 1.0


def test_missing_prediction_is_zero_recall():
    s = score([(TEXT, GOLD, [])])
    assert s["content"]["exact"]["recall"] == 0.0 and s["content"]["exact"]["predicted"] == 0


def test_evaluate_file_with_a_given_predictor(tmp_path):
    path = tmp_path / "gold.jsonl"
    article = {
        "id": "x",
        "text": TEXT,
        "attributions": [{"cue": SAID, "source": MAYOR, "content": [BALANCED]}],
    }
    path.write_text(json.dumps(article) + "\n", encoding="utf-8")
    s = evaluate_file(path, predict=lambda texts: [[rec(SAID, MAYOR, BALANCED)]] * len(texts))
    assert s["articles"] == 1 and s["all"]["exact"]["f1"] == 1.0


@pytest.mark.shared
def test_evaluate_first_polnear_dev_articles(polnear_dev, capsys):
    assert main(["evaluate", str(polnear_dev), "--limit", "3", "--json"]) == 0
    s = json.loads(capsys.readouterr().out)
    assert s["articles"] == 3
    assert s["cue"]["exact"]["gold"] > 0 and s["cue"]["exact"]["predicted"] > 0
    for role in ("cue", "source", "content"):
        assert s[role]["overlap"]["f1"] >= s[role]["exact"]["f1"]
    assert s["cue"]["exact"]["f1"] > 0.3  # a working extractor finds most cues
