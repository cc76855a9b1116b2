"""The wheel installs into a fresh virtualenv outside the repository and analyses the example."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "iran-bounties-reworded.txt"

pytestmark = pytest.mark.slow


def run(*args: str, cwd: Path, timeout: float = 1200) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout)


def test_wheel_installs_with_pip_alone_and_analyses_the_example(tmp_path):
    dist = tmp_path / "dist"
    built = run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "-q",
        "-w",
        str(dist),
        str(ROOT),
        cwd=tmp_path,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = dist.glob("according-*.whl")
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    installed = run(str(python), "-m", "pip", "install", "-q", str(wheel), cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr[-2000:]
    article = tmp_path / "article.txt"
    shutil.copy(EXAMPLE, article)
    result = run(
        str(env_dir / "bin" / "according"), "analyze", str(article), "--json", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert '"schema": "according/1"' in result.stdout
    assert "CNN" in result.stdout
    typed = run(
        str(python),
        "-c",
        "import according, pathlib; print((pathlib.Path(according.__file__).parent / 'py.typed').is_file())",
        cwd=tmp_path,
    )
    assert typed.stdout.strip() == "True"
