"""`according batch --scheduler`: a real Dask scheduler and two workers on loopback.

The scheduler and each worker are separate processes started here (on free ports,
found through a scheduler file), always killed at teardown; the batch through them
must equal the local run record for record.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_batch_inputs import ITEMS, expected_ids, read_records, write_inputs

from according.batch import run_batch
from according.batch.engines import DaskEngine
from according.errors import AccordingError

pytest.importorskip("distributed")

START_TIMEOUT = 120.0


def start(args: list[str], log: Path) -> subprocess.Popen:
    """A Dask process in its own session (so teardown can kill all it started)."""
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", *args],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop(process: subprocess.Popen) -> None:
    """Terminate a process and its session; kill what is left after a few seconds."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def wait_for_file(path: Path, processes: list[subprocess.Popen], logs: Path) -> dict:
    """The scheduler file's contents, once the scheduler has written it."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if path.exists() and path.stat().st_size:
            try:
                return json.loads(path.read_text())
            except ValueError:
                pass  # half written
        if any(p.poll() is not None for p in processes):
            break
        time.sleep(0.2)
    pytest.fail(f"the Dask scheduler did not start; logs in {logs}")


@pytest.fixture
def dask_cluster(tmp_path) -> Iterator[str]:
    """A scheduler and two single-threaded workers on 127.0.0.1; yields the address."""
    from distributed import Client

    scheduler_file = tmp_path / "scheduler.json"
    processes: list[subprocess.Popen] = []
    try:
        processes.append(
            start(
                [
                    "distributed.cli.dask_scheduler",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    "0",
                    "--no-dashboard",
                    "--scheduler-file",
                    str(scheduler_file),
                ],  # fmt: skip
                tmp_path / "scheduler.log",
            )
        )
        address = wait_for_file(scheduler_file, processes, tmp_path)["address"]
        assert address.startswith("tcp://127.0.0.1:")
        for n in range(2):
            processes.append(
                start(
                    [
                        "distributed.cli.dask_worker",
                        "--scheduler-file",
                        str(scheduler_file),
                        "--host",
                        "127.0.0.1",
                        "--nthreads",
                        "1",
                        "--no-nanny",
                        "--no-dashboard",
                        "--memory-limit",
                        "0",
                        "--name",
                        f"worker-{n}",
                    ],  # fmt: skip
                    tmp_path / f"worker-{n}.log",
                )
            )
        with Client(address, timeout=START_TIMEOUT) as client:
            client.wait_for_workers(2, timeout=START_TIMEOUT)
        yield address
    finally:
        for process in reversed(processes):
            stop(process)


@pytest.mark.slow
def test_dask_cluster_gives_the_same_records_as_the_local_run(dask_cluster, tmp_path):
    inputs = write_inputs(tmp_path)
    local, remote = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    run_batch([str(inputs)], local, workers=1)
    summary = run_batch([str(inputs)], remote, scheduler=dask_cluster)
    records = read_records(remote)
    assert [r["id"] for r in records] == expected_ids(inputs)
    assert records == read_records(local)
    assert summary.done == ITEMS


@pytest.mark.slow
def test_dask_used_both_workers(dask_cluster, tmp_path):
    from distributed import Client

    inputs = write_inputs(tmp_path)
    run_batch([str(inputs)], tmp_path / "dask.jsonl", scheduler=dask_cluster)
    with Client(dask_cluster, timeout=30) as client:
        loaded = client.run(lambda: "according.nlp" in sys.modules)
    assert len(loaded) == 2 and all(loaded.values())


@pytest.mark.slow
def test_local_dask_cluster_from_the_command_line(tmp_path):
    inputs = write_inputs(tmp_path, items=6)
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    run_batch([str(inputs)], local, workers=1)
    done = subprocess.run(
        [sys.executable, "-m", "according.cli", "batch", str(inputs), "--out", str(dask)]
        + ["--dask-local", "--workers", "1"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode in (0, 1), done.stderr
    assert read_records(dask) == read_records(local)


def test_an_unreachable_scheduler_is_a_clear_error():
    engine = DaskEngine("tcp://127.0.0.1:9", connect_timeout=2)
    with pytest.raises(AccordingError, match="cannot reach the Dask scheduler"), engine:
        pass


def _worker_settings() -> tuple[str | None, bool]:
    import dask.config

    return os.environ.get("MALLOC_TRIM_THRESHOLD_"), dask.config.get(
        "distributed.worker.profile.enabled"
    )


@pytest.mark.slow
def test_the_local_cluster_workers_run_without_malloc_trimming_or_the_profiler():
    """The settings that cost a local Dask worker 15-20% more CPU than a pool worker
    (engines.LOCAL_DASK_CONFIG) reach the worker processes."""
    with DaskEngine(workers=1) as engine:
        seen = engine.client.run(_worker_settings)
    assert list(seen.values()) == [(None, False)]
