"""Issue #16, findings 4 and 9: names and titles from the input, escaped in every output.

A file named ``b<img src=x onerror=...>.txt`` must not become markup in ``analyze
--format html`` (nor push the CSP ``<meta>`` out of ``<head>``); control and escape
sequences in a JSONL title or outlet must not reach the terminal (``stories``,
``trace``, ``add``). Slow: the CLI analyses for real.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from cli import according_cli

sys.path.insert(0, str(Path(__file__).resolve().parent / "data" / "hostile"))
import generate  # noqa: E402

pytestmark = pytest.mark.slow

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def test_file_names_are_escaped_in_html_output_and_the_csp_stays_in_head(tmp_path):
    folder = generate.xss_folder(tmp_path / "in")
    done = according_cli("analyze", str(folder), "--format", "html")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "<img src=x" not in out
    assert "b&lt;img src=x onerror=alert(document.title)&gt;.txt" in out
    assert out.startswith("<!DOCTYPE html>")  # nothing before the first document's head
    head = out[: out.index("</head>")]
    assert 'http-equiv="Content-Security-Policy"' in head
    assert out.count("<!DOCTYPE html>") == 2


def test_escape_sequences_from_a_jsonl_never_reach_the_terminal(tmp_path):
    source = generate.hostile_jsonl(tmp_path / "escape.jsonl")
    db = str(tmp_path / "s.db")
    added = according_cli("add", str(source), "--db", db)
    assert added.returncode == 0, added.stderr
    for args in (("stories", "--db", db), ("trace", "1", "--db", db)):
        done = according_cli(*args)
        assert done.returncode == 0, done.stderr
        assert not CONTROL.search(done.stdout + done.stderr), repr(done.stdout)
    assert "Bridge]0;pwned news" in according_cli("stories", "--db", db).stdout
    assert not CONTROL.search(added.stdout + added.stderr)
    analyzed = according_cli("analyze", str(source))
    assert not CONTROL.search(analyzed.stdout + analyzed.stderr)
