"""Run the Python examples of the docs that show library use, and check what they print."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"```python\n(.*?)```\n+prints\n*(?:```\n(.*?)```|`([^`]*)`)", re.DOTALL)
DOCS = ["README.md", "docs/spacy.md"]


def examples(path: str) -> list[tuple[str, str]]:
    """(code, expected output) pairs: each ```python block followed by "prints ..."."""
    text = (ROOT / path).read_text(encoding="utf-8")
    return [(code, (block or inline).strip()) for code, block, inline in BLOCK.findall(text)]


@pytest.mark.parametrize("path", DOCS)
def test_each_example_prints_what_the_doc_says(path):
    found = examples(path)
    assert found, f"{path} has no ```python block followed by its output"
    scope: dict = {}
    for code, expected in found:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, path, "exec"), scope)
        assert out.getvalue().strip() == expected, code
