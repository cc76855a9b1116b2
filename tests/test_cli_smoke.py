"""The real ``according`` command in a subprocess, as a user runs it: start-up, exit codes,
stdin and stdout. Everything else drives ``cli.main`` in-process (tests/cli.py)."""

from __future__ import annotations

import json

from cli import ROOT, according_subprocess

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


def test_bad_input_is_one_line_and_exit_2(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    done = according_subprocess("analyze", str(path), cwd=ROOT)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("according: error:"), done.stderr
