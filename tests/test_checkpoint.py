"""Resumable fine-tuning: a run stopped after k steps and resumed writes the same tagger
file as an uninterrupted one; a resume with other settings or data is refused; a
checkpoint is written atomically and a damaged newest one falls back to the one before."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

import numpy
import pytest
import torch
from cli import according_cli
from test_learned import TINY

from according.errors import InputError
from according.learned import card, checkpoint, finetune, labels, tagger
from according.nlp import load as according_nlp

# 2 tiny windows, batch 1, 2 epochs: 4 steps (layers=1 keeps each run to a few seconds)
SETTINGS = tagger.TaggerSettings(layers=1, epochs=2, batch=1, lr=1e-3)


class Stopped(Exception):
    """Raised by the test hook, as if the run were killed after a step."""


def stop_after(k: int):
    def hook(step: int) -> None:
        if step == k:
            raise Stopped

    return hook


@pytest.fixture(scope="module")
def pairs():
    make_doc = according_nlp().make_doc
    out = []
    for article in TINY:
        doc = make_doc(article["text"])
        spans = [rs for a in article["attributions"] for rs in labels.role_spans(a)]
        out.append(([t.text for t in doc], labels.bio_tags(doc, spans)))
    return out


@pytest.fixture(scope="module")
def uninterrupted(pairs, tmp_path_factory):
    folder = tmp_path_factory.mktemp("plain")
    info = finetune.train(pairs, folder, SETTINGS)
    return card.sha256(folder / tagger.WEIGHTS), info


def test_stopped_and_resumed_run_writes_the_same_file(pairs, uninterrupted, tmp_path):
    # checkpoints at steps 2 and 4; stopped after step 3, so step 3 is trained again
    saves = finetune.Checkpoints(tmp_path / "ck", every_steps=2)
    with pytest.raises(Stopped):
        finetune.train(
            pairs, tmp_path / "model", SETTINGS, checkpoints=saves, on_step=stop_after(3)
        )
    assert [p.name for p in checkpoint.saved(saves.folder)] == ["step-0000002.pt"]
    assert not (tmp_path / "model" / tagger.WEIGHTS).exists()
    resume = finetune.Checkpoints(saves.folder, every_steps=2, resume=True)
    info = finetune.train(pairs, tmp_path / "model", SETTINGS, checkpoints=resume)
    assert card.sha256(tmp_path / "model" / tagger.WEIGHTS) == uninterrupted[0]
    assert info["epoch_losses"] == uninterrupted[1]["epoch_losses"]
    where = info["checkpoints"]["resumed"]
    assert where == [{"step": 2, "of_steps": 4, "epoch": 1, "checkpoint": "step-0000002.pt"}]


def test_resume_with_other_settings_or_data_is_refused(pairs, tmp_path):
    saves = finetune.Checkpoints(tmp_path / "ck", every_steps=1)
    with pytest.raises(Stopped):
        finetune.train(pairs, tmp_path / "m", SETTINGS, checkpoints=saves, on_step=stop_after(1))
    resume = finetune.Checkpoints(saves.folder, every_steps=1, resume=True)
    other = tagger.TaggerSettings(**{**SETTINGS.__dict__, "lr": 5e-4})
    with pytest.raises(
        InputError, match="other settings or data \\(settings lr: 0.001 there, 0.0005 now\\)"
    ):
        finetune.train(pairs, tmp_path / "m", other, checkpoints=resume)
    with pytest.raises(InputError, match="data_sha256"):
        finetune.train(pairs[:1], tmp_path / "m", SETTINGS, checkpoints=resume)
    with pytest.raises(InputError, match="unfinished run"):  # a fresh run would discard them
        finetune.train(pairs, tmp_path / "m", SETTINGS, checkpoints=saves)
    assert not (tmp_path / "m" / tagger.WEIGHTS).exists()


def test_checkpoints_are_atomic_and_the_newest_two_kept(tmp_path):
    for step in (1, 2, 3):
        checkpoint.write(tmp_path, step, {"fingerprint": {"a": 1}, "step": step})
    (tmp_path / ".step-0000004.pt.123.tmp").write_bytes(b"half a checkpoint")  # killed mid-write
    assert [p.name for p in checkpoint.saved(tmp_path)] == ["step-0000003.pt", "step-0000002.pt"]
    path, state = checkpoint.read(tmp_path, {"a": 1})
    assert (path.name, state["step"]) == ("step-0000003.pt", 3)
    (tmp_path / "step-0000003.pt").write_bytes(b"damaged")
    lines = []
    path, state = checkpoint.read(tmp_path, {"a": 1}, lines.append)
    assert state["step"] == 2 and "unreadable" in lines[0]
    assert checkpoint.remove(tmp_path) == 3 and not tmp_path.exists()
    assert checkpoint.read(tmp_path, {"a": 1}) is None


def test_rng_states_round_trip():
    states = checkpoint.rng_states()
    drawn = torch.rand(3), numpy.random.rand(3), random.random()
    checkpoint.set_rng_states(states)
    again = torch.rand(3), numpy.random.rand(3), random.random()
    assert torch.equal(drawn[0], again[0]) and (drawn[1] == again[1]).all()
    assert drawn[2] == again[2]


def test_train_command_refuses_resume_for_the_crf_and_negative_intervals(tmp_path):
    data = tmp_path / "train.jsonl"
    data.write_text("\n".join(json.dumps(a) for a in TINY) + "\n", encoding="utf-8")
    base = ["train", "--train", str(data), "--dev", "", "--out", str(tmp_path / "m")]
    crf = according_cli(*base, "--kind", "crf", "--resume")
    assert crf.returncode == 2 and "--resume continues a transformer run" in crf.stderr
    negative = according_cli(*base, "--checkpoint-steps", "-1")
    assert negative.returncode == 2 and "0 or more" in negative.stderr


def start_train(data, out, *extra: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "according.cli", "train", "--train", str(data)]
    command += ["--dev", "", "--out", str(out), *extra]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_train_killed_stopped_and_resumed_writes_the_same_file(tmp_path):
    # 40 tiny articles: 40 windows, 3 steps an epoch, 6 in all. SIGKILL once checkpoint 2
    # exists; resume without periodic checkpoints and SIGTERM it: the step under way ends
    # with a checkpoint; resume again to the end.
    data = tmp_path / "train.jsonl"
    data.write_text("\n".join(json.dumps(a) for a in TINY * 20) + "\n", encoding="utf-8")
    plain = start_train(data, tmp_path / "plain")
    out, err = plain.communicate(timeout=600)
    assert plain.returncode == 0, err
    folder = tmp_path / "model.checkpoints"
    killed = start_train(data, tmp_path / "model", "--checkpoint-steps", "1")
    deadline = time.monotonic() + 600
    while not (folder / "step-0000002.pt").exists():
        assert killed.poll() is None and time.monotonic() < deadline, killed.stderr.read()
        time.sleep(0.01)
    os.kill(killed.pid, signal.SIGKILL)
    killed.communicate(timeout=60)
    assert not (tmp_path / "model" / tagger.WEIGHTS).exists()
    quiet = ("--checkpoint-steps", "0", "--checkpoint-minutes", "0")
    stopped = start_train(data, tmp_path / "model", "--resume", *quiet)
    lines = []
    while not any("resuming from" in line for line in lines):
        lines.append(stopped.stderr.readline())
        assert lines[-1], "".join(lines)
    at = checkpoint.saved(folder)[0].name
    os.kill(stopped.pid, signal.SIGTERM)
    out, err = stopped.communicate(timeout=600)
    assert stopped.returncode == 130 and "interrupted" in err, "".join(lines) + err
    assert checkpoint.saved(folder)[0].name > at  # the step under way was saved
    resumed = start_train(data, tmp_path / "model", "--resume")
    out, err = resumed.communicate(timeout=600)
    assert resumed.returncode == 0, err
    first, second = card.read_card(tmp_path / "plain"), card.read_card(tmp_path / "model")
    assert second["sha256"] == first["sha256"] == card.sha256(tmp_path / "model" / tagger.WEIGHTS)
    assert second["epoch_losses"] == first["epoch_losses"]
    resumes = second["training"]["checkpoints"]["resumed"]
    assert [r["of_steps"] for r in resumes] == [6, 6] and resumes[0]["step"] >= 2
    assert resumes[1]["step"] > resumes[0]["step"]
    assert not folder.exists()  # a finished run removes its checkpoints
