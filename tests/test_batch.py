"""`according batch` on local cores: order, ids, error records, workers, resume, progress."""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import threading
from itertools import count, islice
from pathlib import Path

import pytest
from cli import according_cli
from test_batch_inputs import BAD_LINES, ITEMS, expected_ids, read_records, write_inputs

import according
from according.article import Article
from according.batch import Summary, analyze_stream, paired, run_batch
from according.batch import engines as engines_module
from according.batch.engines import CHUNKS_PER_WORKER, InlineEngine, PoolEngine
from according.batch.journal import Journal
from according.commands.batch import count_items
from according.errors import AccordingError, InputError
from according.ingest import Item
from according.learned import model as learned_model
from according.pipeline import Failure, analyze_chunk, warm_up
from according.progress import Progress

FORK = multiprocessing.get_context("fork")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    return write_inputs(tmp_path_factory.mktemp("inputs"))


@pytest.fixture(scope="module")
def one_worker(inputs, tmp_path_factory) -> list[dict]:
    """The reference: the batch run in this process."""
    out = tmp_path_factory.mktemp("one") / "results.jsonl"
    run_batch([str(inputs)], out, workers=1)
    return read_records(out)


def test_one_record_per_item_in_input_order_with_ids(one_worker, inputs):
    assert [r["id"] for r in one_worker] == expected_ids(inputs)


def test_bad_items_get_error_records_and_the_rest_go_on(one_worker):
    for number, record in enumerate(one_worker, 1):
        if number in BAD_LINES:
            assert set(record) == {"id", "extractor", "error", "error_kind"}
            assert record["error_kind"] == BAD_LINES[number][1]
            assert record["error"]
        else:
            assert set(record) == {"id", "extractor", "analysis"}
            assert record["analysis"]["schema"] == according.SCHEMA


def test_batch_analysis_equals_analyze_on_its_own(one_worker, inputs):
    lines = inputs.read_text(encoding="utf-8").splitlines()
    for number, record in enumerate(one_worker, 1):
        if number in BAD_LINES:
            continue
        text = json.loads(lines[number - 1])["text"]
        alone = according.analyze(Article(text=text, id=record["id"])).to_dict()
        assert record["analysis"] == alone, record["id"]


def test_two_workers_give_the_same_records_as_one(one_worker, inputs, tmp_path):
    out = tmp_path / "two.jsonl"
    summary = run_batch([str(inputs)], out, workers=2)
    assert read_records(out) == one_worker
    assert summary.done == ITEMS
    assert sum(summary.errors.values()) == len(BAD_LINES)


def endless(used: list[int]):
    """Items without end, counting how many were taken."""
    for n in count():
        used[0] = n + 1
        yield Item(id=f"item{n}", article=Article(text=f"The minister said item {n} was fine."))


@pytest.mark.parametrize("workers", [1, 2])
def test_input_is_read_lazily_a_few_chunks_ahead(workers):
    used = [0]
    got = list(islice(analyze_stream(endless(used), workers=workers, chunk_size=2), 5))
    assert [item.id for item, _ in got] == [f"item{n}" for n in range(5)]
    assert all(isinstance(result, according.Analysis) for _, result in got)
    assert used[0] <= 5 + 2 * (CHUNKS_PER_WORKER * workers + 1)


def crash_on_marker(articles: list[Article], options=according.DEFAULTS):
    """``analyze_chunk``, except that a worker given the text CRASH dies on the spot."""
    if any("CRASH" in a.text for a in articles):
        os._exit(3)
    return analyze_chunk(articles, options)


def articles(texts: list[str]) -> list[Item]:
    return [Item(id=f"n{i}", article=Article(text=t)) for i, t in enumerate(texts)]


def test_a_worker_crash_fails_only_its_article(monkeypatch):
    monkeypatch.setattr(engines_module, "start_method", lambda: FORK)
    monkeypatch.setattr(engines_module, "analyze_chunk", crash_on_marker)
    texts = [f"Officials said {n} was fine." for n in range(12)]
    texts[1] = "The minister said the plan would work."  # let one chunk finish first
    texts[7] = "The minister said CRASH today."
    results = list(analyze_stream(articles(texts), workers=2, chunk_size=2))
    assert [item.id for item, _ in results] == [f"n{i}" for i in range(12)]
    kinds = [r.kind if isinstance(r, Failure) else "ok" for _, r in results]
    assert kinds == ["ok"] * 7 + ["crash"] + ["ok"] * 4


def exit_at_start(*_: object) -> None:
    """A worker start-up that fails: the process ends at once."""
    os._exit(4)


def test_workers_that_cannot_start_give_one_clear_error(monkeypatch):
    monkeypatch.setattr(engines_module, "start_method", lambda: FORK)
    monkeypatch.setattr(engines_module, "warm_up", exit_at_start)
    with pytest.raises(AccordingError, match="die as they start"):
        list(analyze_stream(articles(["The minister said so."] * 4), workers=2))


@pytest.fixture
def loads(monkeypatch) -> list[str]:
    """The names of the learned models asked for (``learned.model.load``) during a test."""
    names: list[str] = []
    real_load = learned_model.load

    def record(name: str = learned_model.NAME):
        names.append(name)
        return real_load(name)

    monkeypatch.setattr(learned_model, "load", record)
    return names


@pytest.mark.parametrize(
    ("extractor", "loaded"),
    [("hybrid", {"minilm-polnear"}), ("hybrid-crf", {"crf-polnear"}), ("rules", set())],
)
def test_a_worker_warms_up_only_the_tagger_its_extractor_uses(loads, extractor, loaded):
    """A worker that runs the CRF (for speed) must not also hold the transformer."""
    warm_up(according.DEFAULTS.with_(extractor=extractor), one_thread=False)
    assert set(loads) == loaded


def test_web_workers_load_the_extractors_tagger_before_the_first_request(loads):
    """`according serve --extractor hybrid-crf`: ready means the CRF is loaded, and only it."""
    from according.web.work import Workers

    workers = Workers(according.DEFAULTS.with_(extractor="hybrid-crf", workers=1), False)
    try:
        workers.started[0].result()
        assert workers.ready and loads == [learned_model.CRF_NAME]
    finally:
        workers.shutdown()


def test_one_worker_takes_one_torch_thread_and_gives_the_count_back():
    """``--workers 1`` uses one core like a pool worker; the caller's setting survives."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        with InlineEngine(according.DEFAULTS.with_(extractor="rules")) as engine:
            assert torch.get_num_threads() == 1
            [result] = engine.map([[Article(text="The minister said the plan would work.")]])
            assert not isinstance(result, Failure)
        assert torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(before)


def test_an_article_over_its_time_limit_is_a_timeout_record(tmp_path):
    options = according.DEFAULTS.with_(item_timeout=0.0001)
    texts = ["The minister said the plan would work. " * 20] * 3
    results = list(analyze_stream(articles(texts), options, workers=1))
    assert [r.kind for _, r in results] == ["timeout"] * 3


def test_cli_summary_and_exit_code(inputs, one_worker, tmp_path):
    out = tmp_path / "cli.jsonl"
    done = according_cli("batch", str(inputs), "--out", str(out), "--workers", "2")
    assert done.returncode == 1, done.stderr  # some items failed
    assert read_records(out) == one_worker
    assert done.stdout == ""
    summary = done.stderr.strip().splitlines()[-1]
    assert f"{ITEMS} articles in" in summary
    assert f"{len(BAD_LINES)} errors (input {len(BAD_LINES)})" in summary
    assert str(out) in summary


def test_cli_refuses_to_overwrite_without_being_told(inputs, tmp_path):
    out = tmp_path / "results.jsonl"
    out.write_text('{"id": "x", "error": "e", "error_kind": "input"}\n')
    refused = according_cli("batch", str(inputs), "--out", str(out))
    assert refused.returncode == 2
    assert "--resume" in refused.stderr and "--overwrite" in refused.stderr
    assert "Traceback" not in refused.stderr
    both = according_cli("batch", str(inputs), "--out", str(out), "--resume", "--overwrite")
    assert both.returncode == 2 and "contradict" in both.stderr


def test_resume_cuts_a_partial_last_line_and_finishes(inputs, one_worker, tmp_path):
    out = tmp_path / "results.jsonl"
    whole = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in one_worker[:10])
    partial = json.dumps(one_worker[10], ensure_ascii=False)[:50]
    out.write_text(whole + partial, encoding="utf-8")
    summary = run_batch([str(inputs)], out, workers=1, resume=True)
    assert summary.skipped == 10
    assert summary.done == ITEMS - 10
    assert read_records(out) == one_worker


def test_resume_of_a_finished_file_adds_nothing(inputs, one_worker, tmp_path):
    out = tmp_path / "results.jsonl"
    out.write_text("".join(json.dumps(r) + "\n" for r in one_worker), encoding="utf-8")
    summary = run_batch([str(inputs)], out, workers=1, resume=True)
    assert (summary.done, summary.skipped) == (0, ITEMS)
    assert read_records(out) == one_worker


def test_resume_with_other_inputs_is_refused(inputs, one_worker, tmp_path):
    out = tmp_path / "results.jsonl"
    out.write_text("".join(json.dumps(r) + "\n" for r in one_worker[:3]), encoding="utf-8")
    other = tmp_path / "other.jsonl"
    other.write_text('{"text": "The minister said so."}\n' * 5)
    with pytest.raises(InputError, match="same inputs"):
        run_batch([str(other)], out, workers=1, resume=True)
    longer = one_worker + [{"id": "extra", "error": "e", "error_kind": "input"}]
    out.write_text("".join(json.dumps(r) + "\n" for r in longer), encoding="utf-8")
    with pytest.raises(InputError, match="more records"):
        run_batch([str(inputs)], out, workers=1, resume=True)


def test_every_record_names_its_extractor(one_worker):
    assert {r["extractor"] for r in one_worker} == {according.DEFAULTS.extractor}


def test_resume_with_another_extractor_is_refused_through_the_cli(inputs, one_worker, tmp_path):
    """One file holds one extractor's results: a resume must not mix in another's."""
    out = tmp_path / "results.jsonl"
    kept = "".join(json.dumps(r) + "\n" for r in one_worker[:3])
    out.write_text(kept, encoding="utf-8")
    refused = according_cli(
        "batch", str(inputs), "--out", str(out), "--resume", "--extractor", "rules"
    )
    assert refused.returncode == 2, refused.stderr
    assert "made with the 'hybrid' extractor, not 'rules'" in refused.stderr
    assert "--extractor hybrid" in refused.stderr and "Traceback" not in refused.stderr
    assert out.read_text(encoding="utf-8") == kept  # nothing lost, nothing added


def test_resume_refuses_a_file_that_is_not_batch_output(inputs, tmp_path):
    out = tmp_path / "results.jsonl"
    out.write_text("hello\n")
    with pytest.raises(InputError, match="not a batch record"):
        run_batch([str(inputs)], out, workers=1, resume=True)


def test_journal_writes_whole_lines_even_for_lone_surrogates(tmp_path):
    path = tmp_path / "j.jsonl"
    with Journal(path) as journal:
        journal.write({"id": "a", "text": "caf\u00e9 \ud800"})
        journal.write({"id": "b"})
    records = read_records(path)
    assert [r["id"] for r in records] == ["a", "b"]
    assert records[0]["text"] == "caf\u00e9 \ud800"


class TtyBuffer(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_counts_items_and_errors(inputs, tmp_path):
    stream = TtyBuffer()
    progress = Progress(total=ITEMS, stream=stream, every=0)
    run_batch([str(inputs)], tmp_path / "r.jsonl", workers=1, progress=progress)
    last = stream.getvalue().split("\r\x1b[K")[-1]
    assert last.startswith(f"{ITEMS}/{ITEMS} articles")
    assert f"{len(BAD_LINES)} errors" in last
    assert last.endswith("\n")


def test_summary_line_has_counts_errors_by_kind_and_time():
    summary = Summary()
    for result in [Failure("x", "input"), Failure("y", "timeout"), Failure("z", "input")]:
        summary.add(result)
    summary.done += 7
    summary.seconds = 5.0
    summary.skipped = 4
    assert summary.line() == (
        "10 articles in 0:05 (2.0/s), 3 errors (input 2, timeout 1), 4 already done"
    )


@pytest.mark.slow  # two worker processes for add; the fast suite runs add with one (test_stories)
def test_add_imports_through_the_batch_engine(inputs, tmp_path):
    db = tmp_path / "store.db"
    done = according_cli("add", str(inputs), "--db", str(db), "--workers", "2", "--json")
    assert done.returncode == 1, done.stderr  # the bad lines
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["input"] for line in lines] == expected_ids(inputs)
    # the store keeps an article in another language (unanalysed, placed by names and
    # numbers), where batch records it as an error: one error fewer here
    other_language = [
        line
        for line, _ in BAD_LINES.values()
        if isinstance(line, dict) and line.get("text", "").strip() and not line["text"].isascii()
    ]
    assert len(other_language) == 1
    stored = ITEMS - len(BAD_LINES) + len(other_language)
    assert sum("error" in line for line in lines) == ITEMS - stored
    assert f"{stored} added" in done.stderr
    again = according_cli("add", str(inputs), "--db", str(db), "--workers", "2", "--json")
    assert f"0 added, {stored} already stored" in again.stderr


def test_recycled_workers_give_the_same_results(monkeypatch):
    monkeypatch.setattr(engines_module, "start_method", lambda: FORK)
    items = articles([f"The minister said item {n} would likely fail." for n in range(10)])
    with PoolEngine(2, recycle_after=2) as engine:
        recycled = [r.to_dict() for _, r in paired(items, engine, chunk_size=2)]
        assert engine.started >= 3
    alone = [r.to_dict() for _, r in analyze_stream(items, workers=1)]
    assert recycled == alone


def test_items_are_counted_for_the_eta_without_reading_articles(inputs, tmp_path):
    folder = tmp_path / "folder"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("The minister said so.")
    (folder / "sub" / "b.html").write_text("<p>The minister said so.</p>")
    (folder / "sub" / "c.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n')
    (folder / "notes.pdf").write_bytes(b"%PDF")
    assert count_items([str(folder), str(inputs)]) == 4 + ITEMS
    (folder / "crawl.warc.gz").write_bytes(b"")
    assert count_items([str(folder)]) is None
    assert count_items(["-"]) is None


def test_two_batches_cannot_write_one_file(tmp_path):
    path = tmp_path / "results.jsonl"
    with Journal(path) as first:
        first.write({"id": "a"})
        with pytest.raises(InputError, match="another batch"), Journal(path, resume=True):
            pass
    with Journal(path, resume=True) as again:
        assert again.done == 1


def test_one_worker_leaves_no_thread_behind():
    # its memory guard ends with it, so the process can still fork its next pool's workers
    before = threading.active_count()
    with InlineEngine(according.DEFAULTS.with_(extractor="rules")) as engine:
        assert threading.active_count() == before + 1
        list(engine.map([[Article(text="The minister said so.")]]))
    assert threading.active_count() == before
