"""Inputs the batch tests share: short hand-written articles, with bad items among them.

Imported by the other ``test_batch*`` modules; its own tests check the inputs are what
those tests assume.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ARTICLES = [
    "The minister said the plan would likely fail. Officials denied it on Tuesday.",
    '"We will win this," the coach told reporters after the game on Sunday night.',
    "According to the report, sales rose by 5 percent last year in the region.",
    "Two sources familiar with the talks said a deal was almost certain. The White House "
    "declined to comment.",
    "A Pentagon document suggests the strikes were planned weeks ago, CNN reported.",
    "Police said the driver was unhurt. Witnesses told the Herald that the car was speeding.",
    "The company denied that it had misled investors, a spokeswoman said in a statement.",
    'The mayor called the decision "a disgrace" and said the city would appeal.',
    "Scientists believe the comet will probably pass safely, the agency said on Monday.",
    "An official, who spoke on condition of anonymity, said talks had stalled.",
    "The senator told Reuters she was unlikely to support the bill in its current form.",
    "It rained all day in the capital. Schools stayed open and buses ran on time.",
    '"There is no evidence of fraud," the election board said. Critics disagreed.',
    "The memo, seen by the newspaper, says the budget will be cut by a third.",
    "Analysts assessed with moderate confidence that prices would rise, the bank said.",
    "The general said the troops would stay. He added that the mission was going well.",
]
# (line, why it fails, error kind)
BAD_LINES = {
    5: ({"text": ""}, "input"),
    12: ("this line is not JSON", "input"),
    20: (
        {
            "text": "\u041c\u0438\u043d\u0438\u0441\u0442\u0440 \u0441\u043a\u0430\u0437\u0430\u043b. "
            * 5
        },
        "input",
    ),
    27: ({"url": "https://example.org/no-text"}, "input"),
}
ITEMS = 36


def write_inputs(folder: Path, items: int = ITEMS) -> Path:
    """A JSONL file of ``items`` lines: the articles in turn (each made distinct), bad lines
    at the numbers in ``BAD_LINES``."""
    path = folder / "articles.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for number in range(1, items + 1):
            if number in BAD_LINES:
                value = BAD_LINES[number][0]
                f.write((value if isinstance(value, str) else json.dumps(value)) + "\n")
                continue
            text = ARTICLES[number % len(ARTICLES)]
            f.write(json.dumps({"text": f"{text} This is item {number}."}) + "\n")
    return path


def expected_ids(path: Path, items: int = ITEMS) -> list[str]:
    """The input ids ``read_inputs`` gives the lines of ``path``."""
    return [f"{path}:{number}" for number in range(1, items + 1)]


def read_records(path: Path) -> list[dict[str, Any]]:
    """Every line of a results file as JSON (a partial line fails the test)."""
    data = path.read_bytes()
    assert not data or data.endswith(b"\n"), "the results file ends in a partial line"
    return [json.loads(line) for line in data.splitlines()]


def test_inputs_have_good_and_bad_lines(tmp_path):
    path = write_inputs(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == ITEMS
    assert len(set(lines)) == ITEMS
    assert all(0 < n <= ITEMS for n in BAD_LINES)
    assert len(expected_ids(path)) == ITEMS
