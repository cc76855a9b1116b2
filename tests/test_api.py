"""The top-level Python API reads and analyses what the CLI reads, in the same way."""

from __future__ import annotations

import json

import pytest

import according

PAGE = (
    "<!doctype html><html><head><title>Talks stall</title></head><body><nav>Home | World</nav>"
    "<article><p>The minister said on Monday that the plan would likely fail, according to "
    "two officials familiar with the talks.</p><p>A spokesman declined to comment on the "
    "report when reporters asked him about it.</p></article><footer>Copyright</footer>"
    "</body></html>"
)


def test_analyze_reads_an_html_string_as_a_page_not_as_text():
    analysis = according.analyze(PAGE, extractor="rules")
    assert analysis.article.title == "Talks stall"
    assert "<p>" not in analysis.article.text and "Home | World" not in analysis.article.text
    assert "according to" in [a.cue.text for a in analysis.attributions]


def test_read_takes_files_folders_jsonl_html_strings_and_text(tmp_path):
    (tmp_path / "one.txt").write_text("The mayor said the budget is balanced.", encoding="utf-8")
    lines = [{"text": "Officials said the road is open.", "outlet": "Wire"}]
    (tmp_path / "many.jsonl").write_text("\n".join(map(json.dumps, lines)), encoding="utf-8")
    articles = list(
        according.read(
            tmp_path / "one.txt", str(tmp_path / "many.jsonl"), PAGE, "Plain text, said she."
        )
    )
    assert [a.text.split()[0] for a in articles] == ["The", "Officials", "The", "Plain"]
    assert articles[0].id.endswith("one.txt") and articles[1].outlet == "Wire"
    assert articles[2].title == "Talks stall"


def test_read_raises_on_a_missing_file_and_can_skip_bad_inputs(tmp_path):
    with pytest.raises(according.InputError, match="no such file"):
        list(according.read("missing.txt"))
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "good.txt").write_text("The mayor said so.", encoding="utf-8")
    with pytest.warns(UserWarning):
        got = list(according.read(tmp_path, skip_errors=True))
    assert [a.text for a in got] == ["The mayor said so."]


def test_the_top_level_names_are_the_library_calls_behind_the_commands():
    from according.batch import run_batch
    from according.store_import import import_articles
    from according.stories.store import Store

    assert according.run_batch is run_batch and according.add is import_articles
    assert according.Store is Store
    assert set(according.__all__) <= set(dir(according))
    with pytest.raises(AttributeError):
        according.not_a_name  # noqa: B018
