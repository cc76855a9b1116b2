"""Shared fixtures (the seed article, the shared data folder, the parsed seed), the
Hypothesis profiles, and CI's rule that a test it should run may not be skipped.

Suites (docs/testing.md): ``python -m pytest -q`` runs the fast suite (``addopts`` in
pyproject.toml deselects the ``slow`` and ``browser`` markers); ``-m "slow or browser"``
runs the rest. With ``CI=true`` (``.ci/run``) Hypothesis takes its full profile and a
skipped test fails the run: CI has ``../shared/`` and Chromium, so nothing may be missing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# Property tests: a short run by default (10 examples), the full one in CI (150) (HYPOTHESIS_PROFILE overrides).
settings.register_profile("dev", max_examples=10)
settings.register_profile("ci", max_examples=150)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if CI else "dev"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI a skip is a failure: every test there has what it needs."""
    outcome = yield
    report = outcome.get_result()
    if CI and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = f"skipped in CI, where it must run: {reason}"


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
def live_url(tmp_path_factory, seed_text):
    """One real ``according serve`` for the whole session (web API, schemathesis, browser):
    two workers, a store holding the seed and an altered copy as one story."""
    from live_server import MAX_BODY, STORY_TITLE, TIMEOUT, live_server
    from seed_attributions import altered_seed

    import according
    from according.stories.store import Store

    tmp = tmp_path_factory.mktemp("serve")
    store_path = tmp / "stories.db"
    with Store(store_path) as store:
        for text, outlet in ((seed_text, "The Hill"), (altered_seed(seed_text), "Copy Daily")):
            article = according.Article(text=text, title=STORY_TITLE, outlet=outlet)
            store.add(according.analyze(article))
    # max_chars above the default: the time-limit test needs a text that runs past TIMEOUT
    settings = dict(serve_max_body=MAX_BODY, serve_timeout=TIMEOUT, workers=2, max_chars=1_000_000)
    with live_server(tmp, **settings, store_path=store_path) as url:
        yield url


@pytest.fixture(scope="session")
def polnear_dev() -> Path:
    if not POLNEAR_DEV.exists():
        pytest.skip(
            f"PolNeAR dev data not found at {POLNEAR_DEV} (only in CI / the team's checkout)"
        )
    return POLNEAR_DEV
