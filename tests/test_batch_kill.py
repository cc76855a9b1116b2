"""Exactly once: `according batch` killed with SIGKILL part way, then `--resume`d.

The batch runs as a real subprocess with two workers; it is killed at several
points (during start-up, after its first record, part way through), each time
with kill -9 on the batch process alone. Its workers must go with it, and after a
final ``--resume`` the file must equal a clean run: every item once, in order, no
partial line.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from test_batch_inputs import expected_ids, read_records, write_inputs

from according.batch import run_batch

ITEMS = 48
WAIT = 180.0


def records_in(path: Path) -> int:
    """Whole records in a results file now (a partial last line not counted)."""
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def start_batch(inputs: Path, out: Path, resume: bool) -> subprocess.Popen:
    command = [sys.executable, "-m", "according.cli", "batch", str(inputs), "--out", str(out)]
    command += ["--workers", "2"] + (["--resume"] if resume else [])
    return subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )


def kill_when(process: subprocess.Popen, out: Path, records: int | None, after: float) -> int:
    """SIGKILL the batch process once ``out`` has ``records`` records (None: after
    ``after`` seconds); check its workers die too; the records there were at the kill."""
    deadline = time.monotonic() + WAIT
    started = time.monotonic()
    while time.monotonic() < deadline and process.poll() is None:
        if records is None and time.monotonic() - started >= after:
            break
        if records is not None and records_in(out) >= records:
            break
        time.sleep(0.005)
    assert process.poll() is None, "the batch finished before it could be killed"
    workers = psutil.Process(process.pid).children(recursive=True)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    _, alive = psutil.wait_procs(workers, timeout=30)
    assert not alive, f"workers outlived the killed batch: {alive}"
    return records_in(out)


@pytest.mark.slow
def test_sigkill_at_any_point_then_resume_gives_each_item_once(tmp_path):
    inputs = write_inputs(tmp_path, items=ITEMS)
    clean = tmp_path / "clean.jsonl"
    run_batch([str(inputs)], clean, workers=1)
    out = tmp_path / "killed.jsonl"
    seen = []
    plan = [(None, 1.0), (1, 0.0), (None, 0.0), (20, 0.0)]  # start-up, first, at once, part way
    processes: list[subprocess.Popen] = []
    try:
        for number, (records, after) in enumerate(plan):
            processes.append(start_batch(inputs, out, resume=number > 0))
            if records is not None:
                records = max(records, records_in(out) + 1)
            seen.append(kill_when(processes[-1], out, records, after))
        processes.append(start_batch(inputs, out, resume=True))
        _, stderr = processes[-1].communicate(timeout=WAIT)
        assert processes[-1].returncode == 1, stderr.decode()  # the inputs' bad lines
    finally:
        for process in processes:  # each batch's session: it and any worker left behind
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
    assert 0 < seen[-1] < ITEMS, f"the kills did not land part way: {seen}"
    records = read_records(out)
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)), "an item was written twice"
    assert ids == expected_ids(inputs, ITEMS)
    assert records == read_records(clean)
    assert b"already done" in stderr
