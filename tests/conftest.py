"""Shared fixtures: the seed article, the shared data folder, the parsed seed."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = ROOT / "examples" / "iran-bounties-reworded.txt"
POLNEAR_DEV = SHARED / "data" / "polnear" / "dev.jsonl"
POLNEAR_TRAIN = SHARED / "data" / "polnear" / "train.jsonl"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_analysis(seed_text):
    import according

    return according.analyze(seed_text)


@pytest.fixture(scope="session")
def polnear_dev() -> Path:
    if not POLNEAR_DEV.exists():
        pytest.skip(
            f"PolNeAR dev data not found at {POLNEAR_DEV} (only in CI / the team's checkout)"
        )
    return POLNEAR_DEV
