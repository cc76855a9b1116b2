"""The learned tagger: BIO labels, the shipped model, deterministic training, the train command."""

from __future__ import annotations

import pytest

from according.cli import main
from according.learned import card, labels, model, training

SENTENCE = "The minister said the plan would fail."
TINY = [
    {
        "text": "The senator said the bill would pass. Critics argued that it was too costly.",
        "attributions": [
            {"source": [0, 11], "cue": [12, 16], "content": [[17, 36]]},
            {"source": [38, 45], "cue": [46, 52], "content": [[53, 75]]},
        ],
    },
    {
        "text": "“We will win,” the governor told reporters. Aides believe the race is close.",
        "attributions": [
            {"source": [15, 27], "cue": [28, 32], "content": [[0, 14]]},
            {"source": [44, 49], "cue": [50, 57], "content": [[58, 75]]},
        ],
    },
]


@pytest.fixture(scope="module")
def nlp():
    from according.nlp import load

    return load()


def test_bio_tags_round_trip_to_the_gold_spans(nlp):
    article = TINY[0]
    doc = nlp(article["text"])
    spans = [rs for a in article["attributions"] for rs in labels.role_spans(a)]
    tags = labels.bio_tags(doc, spans)
    assert tags[doc[2].i] == "B-CUE" and tags[0] == "B-SOURCE"
    back = {
        (role, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
        for role, start, end in labels.spans_from_tags(doc, tags)
    }
    assert back == {(role, s, e) for role, (s, e) in spans}


def test_adjacent_spans_of_one_role_stay_apart(nlp):
    doc = nlp("Yes no maybe so.")
    tags = labels.bio_tags(doc, [("CONTENT", (0, 3)), ("CONTENT", (4, 6))])
    assert labels.spans_from_tags(doc, tags) == [("CONTENT", 0, 1), ("CONTENT", 1, 2)]


def test_shipped_model_tags_said_as_cue(nlp):
    tagger = model.load()
    doc = nlp(SENTENCE)
    tags = tagger.tags(doc)
    assert len(tags) == len(doc)
    said = next(t.i for t in doc if t.text == "said")
    assert tags[said].endswith("CUE")
    assert any(t.endswith("CONTENT") for t in tags[said + 1 :])


def test_shipped_model_has_a_matching_card():
    folder = model.shipped_path()
    info = card.read_card(folder)
    assert info["sha256"] == card.sha256(folder / model.TAGGER)
    assert info["data"]["file"] == "train.jsonl" and info["data"]["articles"] > 0


def test_training_is_deterministic_and_loadable(nlp, tmp_path):
    docs = list(nlp.pipe(a["text"] for a in TINY))
    pairs = training.labelled(docs, TINY)
    settings = training.Settings(max_iterations=20, min_freq=1)
    digests = []
    for run in ("a", "b"):
        training.train(pairs, tmp_path / run, settings)
        digests.append([card.sha256(tmp_path / run / f) for f in (model.TAGGER, model.LEXICON)])
    assert digests[0] == digests[1]
    trained = model.load_from(tmp_path / "a")
    tags = trained.tags(docs[0])
    assert len(tags) == len(docs[0])
    assert set(tags) <= {"O", *(f"{p}-{r}" for p in "BI" for r in labels.ROLES)}
    assert any(t != "O" for t in tags)  # it learned something from 4 attributions


def test_train_command_help(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["train", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "--train" in out and "--out" in out


def test_train_command_rejects_missing_data(tmp_path, capsys):
    code = main(["train", "--train", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path)])
    assert code == 2
    assert "not found" in capsys.readouterr().err
