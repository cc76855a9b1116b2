"""The JSON contract: schema tag, round trip, documented fields."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

import according
from according.analysis import Analysis

DOC = Path(__file__).resolve().parent.parent / "docs" / "schema.md"


def test_round_trip_gives_equal_objects(seed_analysis):
    data = json.loads(json.dumps(seed_analysis.to_dict()))
    assert data["schema"] == "according/1"
    again = Analysis.from_dict(data)
    assert again == seed_analysis
    assert isinstance(again.attributions[0].cue, according.Span)


def test_unknown_schema_is_refused(seed_analysis):
    data = seed_analysis.to_dict()
    data["schema"] = "according/99"
    with pytest.raises(ValueError, match="unsupported schema"):
        Analysis.from_dict(data)


def _field_names(cls) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


@pytest.mark.parametrize(
    "cls",
    [
        according.Analysis,
        according.Source,
        according.Attribution,
        according.Certainty,
        according.Profile,
        according.Article,
    ],
)
def test_every_field_is_documented(cls):
    text = DOC.read_text(encoding="utf-8")
    missing = [name for name in _field_names(cls) if f"`{name}`" not in text]
    assert not missing, f"docs/schema.md does not document {cls.__name__}: {missing}"
