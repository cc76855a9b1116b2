"""Issue #16 against a live ``according serve``: work per request bounded, workers
stopped and replaced, cross-site posts refused, no server path shown (slow: models)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import httpx
import pytest
from live_server import live_server

sys.path.insert(0, str(Path(__file__).resolve().parent / "data" / "hostile"))
import generate  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile-serve")
    settings = {
        "workers": 1,
        "item_timeout": 3.0,
        "serve_timeout": 60.0,
        "serve_recycle_after": 4,
        "max_chars": 2_000_000,  # so that a long text can run past item_timeout
        "store_path": tmp / "secret-folder" / "stories.db",
    }
    with live_server(tmp, **settings) as url:
        yield url


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server, timeout=120) as c:
        yield c


def wait_ready(client, limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while not client.get("/api/health").json()["ready"]:
        assert time.monotonic() < deadline
        time.sleep(0.2)


def test_the_punctuation_attack_is_refused_at_once(client):
    started = time.monotonic()
    r = client.post("/api/analyze", json={"text": generate.punctuation(20_000)})
    assert r.status_code == 422 and "punctuation marks" in r.json()["detail"]
    assert time.monotonic() - started < 5


def test_a_request_past_item_timeout_is_stopped_and_the_next_one_is_served(client):
    started = time.monotonic()
    r = client.post("/api/analyze", json={"text": generate.huge_text(300_000)})
    assert r.status_code == 504 and "item_timeout" in r.json()["detail"]
    assert time.monotonic() - started < 30
    wait_ready(client)
    r = client.post("/api/analyze", json={"text": generate.paragraph()})
    assert r.status_code == 200, r.text


def test_workers_are_recycled_after_serve_recycle_after_jobs(client):
    wait_ready(client)
    before = client.get("/api/health").json()["replaced"]
    for n in range(4):
        assert client.post("/api/analyze", json={"text": generate.paragraph(n)}).status_code == 200
    assert client.get("/api/health").json()["replaced"] == before + 1


def test_a_cross_site_form_post_is_refused(client, server):
    r = client.post(
        "/report", data={"text": generate.paragraph()}, headers={"Origin": "http://evil.example"}
    )
    assert r.status_code == 403
    r = client.post("/report", data={"text": generate.paragraph()}, headers={"Origin": server})
    assert r.status_code == 200


def test_another_host_name_is_refused(client):
    r = client.get("/api/stories", headers={"Host": "rebind.attacker.example"})
    assert r.status_code == 400


def test_the_store_path_is_not_shown(client):
    page = client.get("/stories").text
    assert "secret-folder" not in page and "stories.db" in page
    r = client.get("/stories/999")
    assert r.status_code == 404 and "secret-folder" not in r.text
    r = client.get("/api/stories/999/trace")
    assert r.status_code == 404 and "secret-folder" not in r.text


def stuck_job() -> None:
    """A job stuck where the worker's alarm cannot reach it (as C code would be)."""
    import signal

    signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])
    time.sleep(3_600)


def test_a_worker_stuck_past_its_alarm_is_stopped_and_replaced():
    import asyncio

    from according.settings import DEFAULTS
    from according.web import work

    options = DEFAULTS.with_(workers=1, item_timeout=1.0)

    async def scenario() -> None:
        workers = work.Workers(options, processes=True)
        try:
            started = time.monotonic()
            with pytest.raises(work.WorkTimeout, match="did not stop"):
                await workers.run(stuck_job)
            assert time.monotonic() - started < 120  # the warm-up, 1 s, the grace
            assert workers.replaced == 1
            assert await workers.run(int) == 0  # the fresh worker takes the next job
        finally:
            workers.shutdown()

    asyncio.run(scenario())
