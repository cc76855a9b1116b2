"""The real ``according`` command in a subprocess, as a user runs it: start-up, stdin,
stdout, exit code (``test_cli_startup`` checks what start-up loads). Everything else
drives ``cli.main`` in-process (tests/cli.py)."""

from __future__ import annotations

import json

from cli import according_subprocess

from according import SCHEMA, __version__


def test_version():
    done = according_subprocess("--version")
    assert done.returncode == 0 and done.stdout.strip() == f"according {__version__}"


def test_analyze_from_stdin_as_json():
    done = according_subprocess(
        "analyze", "-", "--json", "--extractor", "rules", stdin="The minister said the plan works."
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["schema"] == SCHEMA
    assert [a["cue"]["text"] for a in data["attributions"]] == ["said"]
