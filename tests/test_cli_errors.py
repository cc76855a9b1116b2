"""Bad input through the real CLI: one clear line on stderr, non-zero exit, no traceback."""

from __future__ import annotations

import subprocess

import pytest
from cli import according_cli

GERMAN = (
    "Die Bundesregierung hat am Montag angekündigt, dass sie die Hilfen für die "
    "betroffenen Regionen ausweiten wird. Der Sprecher sagte, man werde mit den "
    "Ländern über die Verteilung der Mittel sprechen, die noch in diesem Jahr fließen sollen."
)

# no stop-word list of the input check covers Finnish: py3langid names it (a long text)
FINNISH = (
    "Kaupungin terveyslautakunta kertoi maanantaina, että uusi sairaala avataan "
    "pohjoiseen kaupunginosaan kahden vuoden kuluttua. Rakennustyöt alkavat syksyllä, ja "
    "hankkeen arvioidaan maksavan noin sata miljoonaa euroa. Lautakunnan puheenjohtaja "
    "sanoi toimittajille, että päivystyksen jonot lyhenevät huomattavasti. Osa "
    "lääkäreistä epäilee aikataulua, koska henkilökuntaa on vaikea rekrytoida alueelle. "
    "Valtuusto päättää rahoituksesta lopullisesti joulukuussa pidettävässä kokouksessa."
)

CASES = {
    "empty": (b"", "empty"),
    "whitespace": (b"  \n\t \n", "empty"),
    "binary": (bytes(range(256)) * 40, "binary"),
    "invalid-utf8": ("Caf\u00e9 owners said prices rose. ".encode("latin-1") * 20, "UTF-8"),
    "huge": (b"The minister said the plan would work. " * 130_000, "limit"),
    "german": (GERMAN.encode("utf-8"), "not English"),
    "finnish": (FINNISH.encode("utf-8"), "not English"),
}


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return according_cli(*args, stdin=stdin, text=False, timeout=300)


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_file_gives_one_clear_line(tmp_path, name):
    data, expected = CASES[name]
    path = tmp_path / f"{name}.txt"
    path.write_bytes(data)
    result = run_cli("analyze", str(path))
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode != 0
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert expected in lines[0]
    assert result.stdout == b""


def test_bad_input_on_stdin(tmp_path):
    result = run_cli("analyze", "-", stdin=b"\n\n")
    assert result.returncode != 0
    assert b"empty" in result.stderr and b"Traceback" not in result.stderr


def test_missing_file():
    result = run_cli("analyze", "/nonexistent/article.txt")
    assert result.returncode != 0
    assert b"Traceback" not in result.stderr


def test_seed_analyses_and_prints_report():
    result = run_cli("analyze", "examples/iran-bounties-reworded.txt")
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert "Rob Lodewick" in out and "CNN" in out and "no identifiable speaker" in out


def test_python_api_raises_input_error_for_empty_text():
    import according

    with pytest.raises(according.InputError, match="empty"):
        according.analyze("   ")


def test_latin1_text_reads_when_the_settings_say_so(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(CASES["invalid-utf8"][0])
    config = tmp_path / "latin1.cfg"
    config.write_text("[according]\ntext_encoding = latin-1\n", encoding="utf-8")
    result = run_cli("--config", str(config), "analyze", str(path), "--json")
    assert result.returncode == 0, result.stderr
    assert "Café owners" in result.stdout.decode("utf-8")
