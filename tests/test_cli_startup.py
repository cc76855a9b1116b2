"""The command line starts light: help without the models, a hint for a mistyped command."""

from __future__ import annotations

import contextlib
import subprocess
import sys

from according.cli import main

PROBE = (
    "import sys, contextlib, io\n"
    "from according.cli import main\n"
    "with contextlib.redirect_stdout(io.StringIO()):\n"
    "    try:\n"
    "        main(['--help'])\n"
    "    except SystemExit:\n"
    "        pass\n"
    "print(sorted(m for m in ('spacy', 'torch', 'trafilatura', 'according.pipeline')"
    " if m in sys.modules))\n"
)


def test_help_loads_no_models():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_import_according_loads_no_models():
    probe = "import sys, according; print('spacy' in sys.modules, 'torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"


def test_help_lists_every_command(capsys):
    with contextlib.suppress(SystemExit):
        main(["--help"])
    shown = capsys.readouterr().out
    for name in ("analyze", "evaluate", "batch", "serve", "add", "stories", "trace", "compare"):
        assert name in shown


def test_a_mistyped_command_gets_a_suggestion(capsys):
    assert main(["analyse", "x.txt"]) == 2
    assert "did you mean 'analyze'?" in capsys.readouterr().err


def test_an_unknown_extractor_is_one_line_and_exit_2(capsys, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("The minister said the plan would fail.", encoding="utf-8")
    assert main(["analyze", str(article), "--extractor", "nope"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("according: error: unknown extractor 'nope'") and "\n" not in err


def test_the_extractor_help_names_every_registered_extractor():
    import argparse

    from according.commands import add_extractor_option
    from according.extract import extractor_names

    parser = argparse.ArgumentParser()
    add_extractor_option(parser)
    text = parser.format_help()
    assert all(name in text for name in extractor_names())
