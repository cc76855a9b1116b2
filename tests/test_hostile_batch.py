"""Issue #16: work per article bounded in the batch engine, and honest exit codes.

A worker stuck where its alarm cannot reach, or one that grows past
``item_max_memory``, is stopped and replaced; only its article fails. A resumed batch
whose file holds an earlier run's error record exits 1 (finding 9).
"""

from __future__ import annotations

import multiprocessing
import signal
import subprocess
import sys
import time

import pytest
from cli import according_cli

import according
from according.article import Article
from according.batch import analyze_stream, run_batch
from according.batch import engines as engines_module
from according.batch.watchdog import resident_mb
from according.ingest import Item
from according.pipeline import Failure, analyze_chunk

FORK = multiprocessing.get_context("fork")


def articles(texts: list[str]) -> list[Item]:
    return [Item(id=f"n{i}", article=Article(text=t)) for i, t in enumerate(texts)]


def stuck_on_marker(chunk, options):
    """Hang past any alarm (as C code would) on the article that says STUCK."""
    if any("STUCK" in a.text for a in chunk):
        signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])
        time.sleep(3_600)
    return analyze_chunk(chunk, options)


def grow_on_marker(chunk, options):
    """Take 1.5 GB on the article that says GROW."""
    if any("GROW" in a.text for a in chunk):
        hog = bytearray(1_500 * 2**20)
        for i in range(0, len(hog), 4096):
            hog[i] = 1
        time.sleep(30)
    return analyze_chunk(chunk, options)


def kinds(results) -> list[str]:
    return [r.kind if isinstance(r, Failure) else "ok" for _, r in results]


@pytest.mark.slow
def test_a_worker_stuck_past_its_alarm_is_replaced_and_only_its_article_fails(monkeypatch):
    monkeypatch.setattr(engines_module, "start_method", lambda: FORK)
    monkeypatch.setattr(engines_module, "analyze_chunk", stuck_on_marker)
    monkeypatch.setattr(engines_module, "GRACE", 2.0)
    texts = [f"Officials said {n} was fine." for n in range(6)]
    texts[3] = "The minister said STUCK today."
    options = according.DEFAULTS.with_(item_timeout=1.0)
    started = time.monotonic()
    results = list(analyze_stream(articles(texts), options, workers=2, chunk_size=2))
    assert time.monotonic() - started < 90
    assert [item.id for item, _ in results] == [f"n{i}" for i in range(6)]
    assert kinds(results) == ["ok"] * 3 + ["timeout"] + ["ok"] * 2
    assert "did not stop" in results[3][1].error


@pytest.mark.slow
def test_a_worker_over_its_memory_limit_is_stopped_and_only_its_article_fails(monkeypatch):
    monkeypatch.setattr(engines_module, "start_method", lambda: FORK)
    monkeypatch.setattr(engines_module, "analyze_chunk", grow_on_marker)
    according.analyze("The minister said the plan would work.")  # load here: forks share it
    options = according.DEFAULTS.with_(item_max_memory=int(resident_mb()) + 600)
    texts = [f"Officials said {n} was fine." for n in range(4)]
    texts[1] = "The minister said GROW today."
    results = list(analyze_stream(articles(texts), options, workers=2, chunk_size=1))
    assert kinds(results) == ["ok", "crash", "ok", "ok"]
    assert "item_max_memory" in results[1][1].error


def test_the_memory_guard_stops_its_process_with_a_message():
    code = (
        "import time\n"
        "from according.batch.watchdog import memory_guard\n"
        "memory_guard(200, every=0.05, message='over the limit\\n')\n"
        "hog = bytearray(400 * 2**20)\n"
        "for i in range(0, len(hog), 4096): hog[i] = 1\n"
        "time.sleep(30)\n"
    )
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 3
    assert "over the limit" in done.stderr
    assert time.monotonic() - started < 20


@pytest.mark.slow
def test_a_resumed_batch_with_an_earlier_error_record_exits_1(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("The minister said the plan would work.", encoding="utf-8")
    (folder / "b.txt").write_bytes(b"\x00\x01 binary")
    out = tmp_path / "out.jsonl"
    first = according_cli("batch", str(folder), "--out", str(out), "--workers", "1")
    assert first.returncode == 1
    summary = run_batch([str(folder)], out, resume=True, workers=1)
    assert summary.skipped == 2 and summary.skipped_errors == 1 and summary.failed
    again = according_cli("batch", str(folder), "--out", str(out), "--resume", "--workers", "1")
    assert again.returncode == 1, again.stderr
    assert "1 of them errors" in again.stderr
