"""The tagger run beside the parse (``overlap_tagger``): the same analyses as with the
tagger after the parse, in ``analyze``, ``analyze_one``, ``analyze_many`` and
``analyze_chunk``, and only where a core is left for it."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from according import DEFAULTS, analyze, analyze_many
from according.article import Article
from according.learned import ort, tagger
from according.pipeline import analyze_chunk, analyze_one, tagger_ahead

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "iran-bounties-reworded.txt"
TEXTS = [
    EXAMPLE.read_text(encoding="utf-8"),
    'The senator said on Tuesday that the bill "will not pass this year."\n\n'
    "Two officials, who spoke on condition of anonymity, told reporters the talks had stalled.",
    "Prices rose 3% in May, according to the statistics office, which expects a slowdown.",
]
OPTIONS = DEFAULTS.with_(require_english=False)


def as_json(analysis) -> str:
    return json.dumps(analysis.to_dict(), sort_keys=True)


@pytest.fixture
def tagging_threads(monkeypatch):
    """Two math threads (a core to spare, as on a machine of two or more), and the names
    of the threads the transformer tagger ran in."""
    monkeypatch.setattr(ort, "threads", lambda: 2)
    seen: list[str] = []
    tags_of = tagger.Tagger.tags_of

    def spy(self, words, threads=0):
        seen.append(threading.current_thread().name)
        return tags_of(self, words, threads)

    monkeypatch.setattr(tagger.Tagger, "tags_of", spy)
    return seen


@pytest.fixture(scope="module")
def one_by_one() -> list[str]:
    """The analyses with the tagger after the parse, one article at a time."""
    return [as_json(analyze(text, OPTIONS.with_(overlap_tagger=False))) for text in TEXTS]


def test_analyze_many_tags_beside_the_parse_and_gives_the_same_analyses(
    tagging_threads, one_by_one
):
    assert [as_json(a) for a in analyze_many(TEXTS, OPTIONS, batch_size=2)] == one_by_one
    assert len(tagging_threads) == len(TEXTS)
    assert all(name.startswith("according-tagger") for name in tagging_threads)


def test_analyze_chunk_tags_beside_the_parse_and_gives_the_same_results(
    tagging_threads, one_by_one
):
    articles = [Article(text=t) for t in [TEXTS[0], "", *TEXTS[1:]]]
    results = analyze_chunk(articles, OPTIONS)
    assert results[1].kind == "input"  # the empty text fails alone, in its place
    assert [as_json(r) for r in results[:1] + results[2:]] == one_by_one
    assert sum(name.startswith("according-tagger") for name in tagging_threads) == len(TEXTS)


def test_one_article_tags_beside_the_parse_and_gives_the_same_analysis(tagging_threads, one_by_one):
    assert [as_json(analyze_one(Article(text=t), OPTIONS)) for t in TEXTS] == one_by_one
    assert [as_json(analyze(t, OPTIONS)) for t in TEXTS] == one_by_one
    assert len(tagging_threads) == 2 * len(TEXTS)
    assert all(name.startswith("according-tagger") for name in tagging_threads)


def test_analyze_many_stopped_early_leaves_no_tagging_behind(tagging_threads):
    analyses = analyze_many(TEXTS * 4, OPTIONS, batch_size=2)
    next(analyses)
    analyses.close()
    assert not any(t.name.startswith("according-tagger") for t in threading.enumerate())


def test_the_tagger_runs_ahead_only_with_a_spare_core_and_for_its_extractors(monkeypatch):
    monkeypatch.setattr(ort, "threads", lambda: 2)
    assert isinstance(tagger_ahead(OPTIONS, "hybrid"), tagger.Tagger)
    assert isinstance(tagger_ahead(OPTIONS, "learned"), tagger.Tagger)
    assert tagger_ahead(OPTIONS, "rules") is None
    assert tagger_ahead(OPTIONS, "hybrid-crf") is None
    assert tagger_ahead(OPTIONS.with_(overlap_tagger=False), "hybrid") is None
    monkeypatch.setattr(ort, "threads", lambda: 1)  # a batch worker: its core is the parse's
    assert tagger_ahead(OPTIONS, "hybrid") is None


def test_tags_computed_ahead_must_fit_the_doc():
    from concurrent.futures import Future

    from according.nlp import load

    pending: Future[list[str]] = Future()
    pending.set_result(["O", "O"])
    with pytest.raises(ValueError, match="2 tags computed ahead for a doc of 3 tokens"):
        tagger.Ahead(pending).tags(load()("He said so"))


def test_a_slow_tagger_beside_the_parse_still_meets_the_time_limit(monkeypatch):
    """The article's time limit covers the wait for tags computed in the other thread."""
    import time

    monkeypatch.setattr(ort, "threads", lambda: 2)
    monkeypatch.setattr(tagger.Tagger, "tags_of", lambda self, words, threads=0: time.sleep(3))
    started = time.monotonic()
    result = analyze_one(Article(text=TEXTS[1]), OPTIONS.with_(item_timeout=0.5))
    assert result.kind == "timeout"
    assert time.monotonic() - started < 3  # not held until the tagger's thread is done
