"""`according serve` ends cleanly on SIGTERM: workers gone, no leaked semaphores."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import httpx
import pytest
from live_server import ROOT, free_port

pytestmark = pytest.mark.slow


def test_sigterm_stops_the_server_and_its_workers_cleanly(tmp_path):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "according.cli", "serve", "--port", str(port)]
        + ["--workers", "2", "--extractor", "rules"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).json()["ready"]:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert "leaked semaphore" not in out, out
    assert "Traceback" not in out, out
