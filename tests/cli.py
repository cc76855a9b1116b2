"""Run the real ``according`` command line in a subprocess, as a user would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def according_cli(
    *args: str,
    stdin: bytes | str | None = None,
    cwd: Path = ROOT,
    text: bool = True,
    timeout: float = 600,
) -> subprocess.CompletedProcess:
    """``according ARGS`` with this interpreter; output captured as text (or bytes)."""
    return subprocess.run(
        [sys.executable, "-m", "according.cli", *args],
        input=stdin,
        capture_output=True,
        text=text,
        cwd=cwd,
        timeout=timeout,
    )
