"""Issue #16, hostile inputs at the input check and in ingestion (fast: no parsing).

Findings 1 (punctuation runs), 2 (huge text), 3 (oversized WARC record), 6 (symlink
loops), 7 (a FIFO as input) and 9 (terminal escapes, resumed batch exit code).
Inputs come from ``tests/data/hostile/generate.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from according.controls import Filtered, strip_controls
from according.errors import InputError
from according.ingest import read_inputs, walk
from according.settings import DEFAULTS, load_options
from according.validate import check_text

sys.path.insert(0, str(Path(__file__).resolve().parent / "data" / "hostile"))
import generate  # noqa: E402


@pytest.mark.parametrize(
    "text",
    [
        generate.punctuation(10_000),
        generate.punctuation(20_000, "'"),
        generate.punctuation_mixed(20_000),
        generate.paragraph() + "'s" * 3_000,  # a suffix repeated: also quadratic
    ],
    ids=["quotes", "apostrophes", "mixed", "suffixes"],
)
def test_a_long_run_of_punctuation_is_refused_at_once_with_a_clear_message(text):
    started = time.perf_counter()
    with pytest.raises(InputError, match=r"without a space at character 162.*punctuation marks"):
        check_text(text)
    assert time.perf_counter() - started < 0.5


def test_prose_urls_and_dashes_pass_the_punctuation_check():
    url = "https://news.example/2026/01/02/some-story_title?utm_source=x&utm_medium=y#frag"
    text = (generate.paragraph() + f' See {url} -- and ... (really) "quoted"!? ') * 20
    assert check_text(text) == "en"
    assert check_text(generate.paragraph() + '"' * 100 + "\n") == "en"  # at the limit


def test_the_punctuation_limit_is_a_setting():
    text = generate.paragraph() + '"' * 500
    assert check_text(text, DEFAULTS.with_(max_mark_run=1_000)) == "en"
    assert load_options().max_mark_run == DEFAULTS.max_mark_run


def test_the_length_limit_is_what_one_analysis_handles_and_says_so():
    assert load_options().max_chars == DEFAULTS.max_chars <= 100_000
    started = time.perf_counter()
    with pytest.raises(InputError, match="bounded time and memory"):
        check_text(generate.huge_text(1_000_000))
    assert time.perf_counter() - started < 1


def test_an_oversized_warc_record_is_an_error_record_and_the_rest_go_on(tmp_path):
    archive = generate.oversized_warc(tmp_path / "big.warc")
    items = list(read_inputs([str(archive)]))
    assert len(items) == 6
    assert "larger than 10,000,000 bytes" in items[0].error
    assert [i.error for i in items[1:]] == [None] * 5
    assert [i.article.title for i in items[1:]] == [f"Page {n}" for n in range(5)]


def test_symlink_loops_are_walked_once(tmp_path):
    folder = generate.symlink_loops(tmp_path / "loops")
    assert [p.name for p in walk(folder)] == ["a.txt"]
    folder = generate.self_link(tmp_path / "self")
    items = list(read_inputs([str(folder)]))
    assert [Path(i.id).name for i in items] == ["a.txt"]


def test_a_link_to_a_sibling_folder_is_still_followed_once(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text(generate.paragraph(), encoding="utf-8")
    os.symlink("real", tmp_path / "alias")
    assert [p.name for p in walk(tmp_path)] == ["a.txt"]


@pytest.mark.parametrize("name", ["p.txt", "p.jsonl", "p.warc"])
def test_a_fifo_is_refused_not_read(tmp_path, name):
    fifo = generate.fifo(tmp_path / name)
    started = time.perf_counter()
    (item,) = list(read_inputs([str(fifo)]))
    assert time.perf_counter() - started < 1
    assert "named pipe (FIFO)" in item.error


def test_a_fifo_in_a_folder_is_skipped(tmp_path):
    generate.fifo(tmp_path / "p.txt")
    (tmp_path / "a.txt").write_text(generate.paragraph(), encoding="utf-8")
    assert [Path(i.id).name for i in read_inputs([str(tmp_path)])] == ["a.txt"]


@pytest.mark.slow
def test_the_cli_refuses_a_fifo_without_hanging(tmp_path):
    fifo = generate.fifo(tmp_path / "p.txt")
    done = subprocess.run(
        [sys.executable, "-m", "according.cli", "analyze", str(fifo)],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 2
    assert "named pipe (FIFO)" in done.stderr


def test_control_characters_are_stripped_from_terminal_text():
    hostile = "Bridge\x1b]0;pwned\x07 news\x1b[2J\x9b31mRED\x08\x00"
    assert strip_controls(hostile) == "Bridge]0;pwned news[2J31mRED"
    assert strip_controls("line\n\tnext\r\n") == "line\n\tnext\r\n"


def test_the_filtered_stream_strips_and_keeps_the_rest_of_the_stream(capsys):
    import io

    raw = io.StringIO()
    out = Filtered(raw)
    out.write("a\x1b[31mb\n")
    out.writelines(["c\x07", "d\n"])
    assert raw.getvalue() == "a[31mb\ncd\n"
    assert out.unfiltered is raw and out.getvalue() == raw.getvalue()


def test_the_progress_line_keeps_its_own_escape_codes():
    import io

    from according.progress import Progress

    raw = io.StringIO()
    progress = Progress(stream=Filtered(raw), enabled=True, every=0)
    progress.step()
    progress.close()
    assert "\x1b[K" in raw.getvalue()
