"""A real ``according serve`` process on a free loopback port, for API and browser tests."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent

# The one server the web API, schemathesis and browser tests share (``conftest.live_url``).
MAX_BODY = 2_000_000
TIMEOUT = 15.0  # serve_timeout: a seed-sized analysis or comparison takes far less
STORY_TITLE = "Iran <b>pays</b> fines & more"  # a stored story's headline, hostile on purpose


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def live_server(tmp: Path, **settings: object) -> Iterator[str]:
    """Run ``python -m according.cli serve`` with ``settings`` written to a config file."""
    port = free_port()
    config = tmp / "serve.cfg"
    lines = ["[according]", f"serve_port = {port}", "serve_host = 127.0.0.1"]
    lines += [f"{k} = {v}" for k, v in settings.items()]
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    log = (tmp / "server.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "according.cli", "--config", str(config), "serve"],
        cwd=tmp,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited: {(tmp / 'server.log').read_text()[-2000:]}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(url + "/api/health", timeout=1).json().get("ready"):
                    break
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start in 60 s")
            time.sleep(0.2)
        yield url
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
