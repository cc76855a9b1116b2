"""Keep the docs true: the README's commands, the CLI it names, the settings it points to."""

from __future__ import annotations

import configparser
import dataclasses
import re
from pathlib import Path

from according.cli import build_parser
from according.settings import DEFAULTS, Options, load_options

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    """The indented command lines of the README, in order."""
    return [line.strip() for line in README.splitlines() if line.startswith("    ")]


def test_readme_opens_with_the_demo_and_the_test_command():
    first, second = readme_commands()[:2]
    assert first.endswith("according analyze examples/iran-bounties-reworded.txt")
    assert (ROOT / "examples" / "iran-bounties-reworded.txt").is_file()
    assert second.endswith("python -m pytest -q")
    assert second in CI.splitlines(), ".ci/run must run the README's test command"


def test_every_command_the_readme_shows_exists():
    subcommands = build_parser()._subparsers._group_actions[0].choices
    shown = {line.split()[1] for line in readme_commands() if line.startswith("according ")}
    shown |= set(re.findall(r"`according (\w+)", README))
    shown -= {"--config"}
    assert shown, "the README shows no according command"
    assert shown <= set(subcommands), shown - set(subcommands)


def test_every_cli_command_is_in_the_readme():
    subcommands = build_parser()._subparsers._group_actions[0].choices
    missing = [name for name in subcommands if f"according {name}" not in README]
    assert not missing, f"commands missing from the README: {missing}"


def test_docs_the_readme_names_exist():
    for path in re.findall(r"`(docs/[\w./-]+)`", README):
        assert (ROOT / path).is_file(), path


def test_settings_file_and_options_hold_the_same_names_and_defaults():
    parser = configparser.ConfigParser()
    parser.read(ROOT / "according" / "settings.cfg", encoding="utf-8")
    in_file = set(parser["according"])
    in_class = {f.name for f in dataclasses.fields(Options)}
    assert in_file == in_class
    assert load_options() == DEFAULTS
