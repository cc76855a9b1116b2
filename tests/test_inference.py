"""The transformer tagger on ONNX Runtime: the shipped file is current, the export is
faithful, int8 keeps the tags, a stale file falls back to torch, a forked worker works."""

from __future__ import annotations

import json
import multiprocessing
import shutil

import numpy as np
import pytest

from according.learned import card, model, ort, tagger
from according.nlp import load as according_nlp

SENTENCE = "The minister said the plan would fail, according to two officials."


@pytest.fixture(scope="module")
def long_doc():
    return according_nlp()(" ".join([SENTENCE] * 80))  # several windows


def test_shipped_onnx_file_matches_its_card_and_the_weights():
    folder = model.shipped_path()
    info = card.read_card(folder)["onnx"]
    assert info["sha256"] == card.sha256(folder / model.ONNX_FILE)
    assert info["source_sha256"] == card.sha256(folder / model.TRANSFORMER_WEIGHTS)
    assert model.onnx_current(folder)


def test_engine_setting_picks_onnx_or_torch():
    folder = model.shipped_path()
    assert isinstance(model.load_from(folder, "onnx").network, ort.OnnxNetwork)
    assert isinstance(model.load_from(folder, "torch").network, tagger.TorchNetwork)
    with pytest.raises(ValueError, match="unknown tagger engine"):
        model.load_from(folder, "tensorflow")


def test_int8_tags_mostly_agree_with_torch(long_doc):
    folder = model.shipped_path()
    fast = model.load_from(folder, "onnx").tags(long_doc)
    exact = model.load_from(folder, "torch").tags(long_doc)
    assert len(fast) == len(exact) == len(long_doc)
    assert np.mean([a == b for a, b in zip(fast, exact, strict=True)]) >= 0.95
    assert any(t != "O" for t in fast)


def test_float_export_gives_torch_scores(tmp_path):
    pytest.importorskip("onnx", reason="the export needs the onnx package (according[export])")
    folder = model.shipped_path()
    out = ort.export(folder, quantize=False, out=tmp_path / "plain.onnx")
    doc = according_nlp()(SENTENCE)
    plain = tagger.Tagger(ort.OnnxNetwork(out), tagger.read_settings(folder))
    torch_scores = model.load_from(folder, "torch").scores(doc)
    assert np.allclose(plain.scores(doc).numpy(), torch_scores.numpy(), atol=1e-3)


def test_a_retrained_tagger_runs_on_torch_until_exported_again(tmp_path):
    folder = tmp_path / "model"
    shutil.copytree(model.shipped_path(), folder)
    info = card.read_card(folder)
    info["sha256"] = "0" * 64  # as `according train` writes a new card for new weights
    (folder / card.CARD).write_text(json.dumps(info), encoding="utf-8")
    assert not model.onnx_current(folder)
    assert isinstance(model.load_from(folder, "onnx").network, tagger.TorchNetwork)


def _tags_in_child(found, queue) -> None:
    queue.put(found.tags(according_nlp()(SENTENCE)))


@pytest.mark.slow
def test_a_forked_worker_tags_with_the_parents_tagger():
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork on this platform")
    found = model.load_from(model.shipped_path(), "onnx")
    here = found.tags(according_nlp()(SENTENCE))  # the parent's session exists now
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_tags_in_child, args=(found, queue))
    child.start()
    child.join(timeout=60)
    assert child.exitcode == 0, "the child hung or failed"
    assert queue.get(timeout=5) == here


def test_viterbi_log_softmax_is_torch_s():
    import torch

    from according.learned.decode import log_softmax

    scores = torch.randn(300, 7, generator=torch.Generator().manual_seed(0)) * 8
    expected = torch.log_softmax(scores, dim=-1).numpy()
    assert np.allclose(log_softmax(scores.numpy()), expected, atol=1e-5)
