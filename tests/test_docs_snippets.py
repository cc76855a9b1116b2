"""Run the Python examples of the docs that show library use, and check what they print."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"```python\n(.*?)```\n+prints\s*(?:```\n(.*?)```|`([^`]*)`)", re.DOTALL)
DOCS = ["README.md", "docs/spacy.md", "docs/stories.md", "docs/batch.md"]


ANY = re.compile(r"```python\n")


def examples(path: str) -> list[tuple[str, str]]:
    """(code, expected output) pairs: each ```python block followed by "prints ..."."""
    text = (ROOT / path).read_text(encoding="utf-8")
    found = [(code, (block or inline).strip()) for code, block, inline in BLOCK.findall(text)]
    assert len(found) == len(ANY.findall(text)), f"{path}: a ```python block without its output"
    return found


def test_every_python_block_of_the_docs_is_run():
    shown = {p.relative_to(ROOT).as_posix() for p in [ROOT / "README.md", *ROOT.glob("docs/*.md")]}
    with_code = {p for p in shown if ANY.search((ROOT / p).read_text(encoding="utf-8"))}
    assert with_code <= set(DOCS), with_code - set(DOCS)


@pytest.mark.parametrize("path", DOCS)
def test_each_example_prints_what_the_doc_says(path, tmp_path, monkeypatch):
    found = examples(path)
    assert found, f"{path} has no ```python block followed by its output"
    shutil.copytree(ROOT / "examples", tmp_path / "examples")  # files the examples name
    monkeypatch.chdir(tmp_path)  # what they write stays out of the checkout
    scope: dict = {}
    for code, expected in found:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, path, "exec"), scope)
        assert out.getvalue().strip() == expected, code
