"""CLI conventions: one way to pick a format, '-' for stdout, --config anywhere, plurals,
progress that never tears output lines, CSV for spreadsheets."""

from __future__ import annotations

import csv
import io
import json

from according.cli import main
from according.progress import Progress, plural

TEXT = 'Two officials said the plan would likely fail. "It is over," the aide said.'


def write(tmp_path, name="a.txt", text=TEXT):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_json_and_another_format_conflict_loudly(tmp_path, capsys):
    assert main(["analyze", str(write(tmp_path)), "--json", "--format", "text"]) == 2
    err = capsys.readouterr().err
    assert "--json and --format text contradict each other" in err


def test_json_with_format_jsonl_agrees(tmp_path, capsys):
    path = write(tmp_path)
    assert main(["analyze", str(path), "--json", "--format", "jsonl", "--extractor", "rules"]) == 0
    out = capsys.readouterr().out
    assert len(out.strip().splitlines()) == 1 and json.loads(out)["schema"] == "according/1"


def test_csv_has_one_header_and_a_row_per_attribution_with_formulas_defused(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "one.txt")
    write(folder, "two.txt", "The mayor said the budget is balanced.")
    assert main(["analyze", str(folder), "--format", "csv", "--extractor", "rules"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][:3] == ["article", "attribution", "source"]
    assert sum(r[0] == "article" for r in rows) == 1
    assert {r[0].rsplit("/", 1)[-1] for r in rows[1:]} == {"one.txt", "two.txt"}
    assert all(len(r) == len(rows[0]) for r in rows)


def test_a_cell_a_spreadsheet_would_run_is_defused():
    from according.render.csv_out import cell

    assert cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert cell("+1") == "'+1" and cell("@x") == "'@x"
    assert cell("the plan") == "the plan" and cell(None) == ""


def test_batch_out_dash_writes_the_records_to_stdout(tmp_path, capfd):
    path = write(tmp_path)
    assert main(["batch", str(path), "--out", "-", "--workers", "1", "--extractor", "rules"]) == 0
    out, err = capfd.readouterr()
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert record["id"].endswith("a.txt") and "analysis" in record
    assert "results on standard output" in err and "1 article in" in err
    assert not (tmp_path / "-").exists()


def test_batch_resume_on_stdout_is_refused(tmp_path, capsys):
    path = write(tmp_path)
    assert main(["batch", str(path), "--out", "-", "--resume"]) == 2
    assert "--resume needs a results file" in capsys.readouterr().err


def test_config_is_accepted_after_the_command(tmp_path, capsys):
    config = tmp_path / "s.cfg"
    config.write_text("[according]\nextractor = nope\n", encoding="utf-8")
    path = write(tmp_path)
    assert main(["analyze", str(path), "--config", str(config)]) == 2
    assert "settings: unknown extractor 'nope'" in capsys.readouterr().err
    assert main(["--config", str(config), "analyze", str(path)]) == 2


def test_plurals():
    assert plural(1, "article") == "1 article"
    assert plural(2, "article") == "2 articles"
    assert plural(1200, "story", "stories") == "1,200 stories"
    bar = Progress(total=1, label="articles", enabled=False)
    bar.step()
    assert bar.line().startswith("1/1 article ")


def test_output_lines_are_never_torn_by_the_progress_line():
    terminal = io.StringIO()
    out = io.StringIO()
    bar = Progress(label="articles", stream=terminal, enabled=True, every=0, clock=lambda: 0.0)
    bar.step()
    bar.emit("first result", out)
    bar.step()
    bar.emit("second result", out)
    assert out.getvalue() == "first result\nsecond result\n"
    # before each output line the status line is cleared, after it drawn again
    clear = "\r\x1b[K"
    assert terminal.getvalue() == (
        f"{clear}1 article  0.0/s{clear}{clear}1 article  0.0/s"
        f"{clear}2 articles  0.0/s{clear}{clear}2 articles  0.0/s"
    )


def test_train_never_writes_into_an_installed_package(monkeypatch, tmp_path):
    from according.commands import train
    from according.learned import model

    site = tmp_path / "lib" / "site-packages" / "according" / "models" / "minilm-polnear"
    monkeypatch.setattr(model, "shipped_path", lambda name=None: site)
    assert train.model_folder(None, "minilm") == model.Path("models") / "minilm-polnear"
    assert str(train.model_folder("elsewhere", "minilm")) == "elsewhere"
    checkout = tmp_path / "according" / "models" / "minilm-polnear"
    monkeypatch.setattr(model, "shipped_path", lambda name=None: checkout)
    assert train.model_folder(None, "minilm") == checkout
