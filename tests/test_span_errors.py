"""benchmarks/span_errors.py: each error class on a hand-made article."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "span_errors.py"
spec = importlib.util.spec_from_file_location("span_errors", SCRIPT)
span_errors = importlib.util.module_from_spec(spec)
spec.loader.exec_module(span_errors)

TEXT = "But the plan will fail, he said. Rain fell.\nWALLACE: It is late."


def piece(word: str, end_word: str | None = None) -> tuple[tuple[int, int], ...]:
    start = TEXT.index(word)
    end = TEXT.index(end_word) + len(end_word) if end_word else start + len(word)
    return ((start, end),)


def classes(gold, pred, starts=frozenset()):
    cues = [piece("said")[0]]
    return sorted(k for k, _, _ in span_errors.classify_role(TEXT, gold, pred, set(starts), cues))


def test_exact_missed_and_spurious():
    assert classes([piece("Rain")], [piece("Rain")]) == ["exact"]
    assert classes([piece("Rain")], []) == ["missed: no overlap"]
    assert classes([], [piece("Rain")]) == ["spurious: no overlap"]


def test_boundary_kinds():
    assert classes([piece("But", "fail")], [piece("the", "fail")]) == [
        "boundary: leading conjunction"
    ]
    assert classes([piece("But", "fail")], [piece("But", "said")]) == [
        "boundary: trailing attribution"
    ]
    assert classes([piece("the", "fail")], [piece("the", "fell")], {TEXT.index("Rain")}) == [
        "boundary: crosses sentence"
    ]
    assert classes([piece("the", "plan")], [piece("the", "will")]) == ["boundary: too long at end"]


def test_speaker_labels_count_apart():
    assert classes([piece("It", "late")], []) == ["missed: speaker label"]
    assert classes([], [piece("WALLACE")]) == ["spurious: speaker label"]
