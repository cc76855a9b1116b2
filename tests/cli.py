"""Run the ``according`` command line as a user would: in this process (``cli.main``,
fast: the models stay loaded) or, for the few smoke tests that need it, in a subprocess."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import traceback
from pathlib import Path

from according import cli

ROOT = Path(__file__).resolve().parent.parent


class _Stdin(io.TextIOWrapper):
    """A text stdin over bytes, with ``.buffer`` as the CLI reads binary input."""


def according_cli(
    *args: str,
    stdin: bytes | str | None = None,
    cwd: Path = ROOT,
    text: bool = True,
    timeout: float = 600,
) -> subprocess.CompletedProcess:
    """``according ARGS`` through ``cli.main`` in this process; exit code and output
    captured as a ``CompletedProcess`` (text, or bytes with ``text=False``).

    An exception ``cli.main`` lets through is printed as a traceback on stderr with exit
    code 1, as the real command would; ``timeout`` is accepted for the subprocess form.
    """
    raw_in = stdin.encode("utf-8") if isinstance(stdin, str) else (stdin or b"")
    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    stderr = io.TextIOWrapper(err, encoding="utf-8", write_through=True)
    saved = sys.stdin, sys.stdout, sys.stderr
    here = Path.cwd()
    try:
        sys.stdin = _Stdin(io.BytesIO(raw_in), encoding="utf-8")
        sys.stdout, sys.stderr = stdout, stderr
        os.chdir(cwd)
        try:
            code = cli.main(list(args))
        except SystemExit as exc:  # argparse: --help, a usage error
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except Exception:  # noqa: BLE001 - what the real command would print
            traceback.print_exc(file=stderr)
            code = 1
        with contextlib.suppress(ValueError):
            stdout.flush()
            stderr.flush()
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
        os.chdir(here)
    o, e = out.getvalue(), err.getvalue()
    if text:
        return subprocess.CompletedProcess(
            ["according", *args], code, o.decode("utf-8", "replace"), e.decode("utf-8", "replace")
        )
    return subprocess.CompletedProcess(["according", *args], code, o, e)


def according_subprocess(
    *args: str,
    stdin: bytes | str | None = None,
    cwd: Path = ROOT,
    text: bool = True,
    timeout: float = 600,
) -> subprocess.CompletedProcess:
    """``according ARGS`` in a real subprocess (start-up, exit codes, signals, stdio)."""
    return subprocess.run(
        [sys.executable, "-m", "according.cli", *args],
        input=stdin,
        capture_output=True,
        text=text,
        cwd=cwd,
        timeout=timeout,
    )
