"""Issue #16 against the web server: guards that need no analysis (fast), with a stub app.

Host allow-list and Origin check (finding 1's cross-site posts, finding 9's DNS
rebinding), the body deadline, and the header deadline and connection cap of
``according serve``'s protocol (finding 5), on a real uvicorn on loopback.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time

import httpx
import pytest
import uvicorn
from live_server import free_port

from according.settings import DEFAULTS
from according.web import server as web_server
from according.web.limits import BodyLimit, HostAndOrigin, allowed_hosts

OK_BODY = b'{"status": "ok"}'


async def stub(scope, receive, send) -> None:
    """An app that reads the whole body and answers 200."""
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    while (await receive()).get("more_body"):
        pass
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": OK_BODY})


def guarded() -> HostAndOrigin:
    return HostAndOrigin(stub, allowed_hosts("127.0.0.1", "news.example"))


def call(app, method: str = "GET", headers: dict[str, str] | None = None) -> int:
    transport = httpx.ASGITransport(app=app)

    async def go() -> int:
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as c:
            r = await c.request(method, "/report", headers=headers or {}, content=b"text=x")
            return r.status_code

    return asyncio.run(go())


@pytest.mark.parametrize(
    "host, status",
    [
        ("127.0.0.1:8000", 200),
        ("localhost:8000", 200),
        ("[::1]:8000", 200),
        ("news.example", 200),
        ("attacker.example:8000", 400),  # DNS rebinding: the attacker's name, our address
        ("", 400),
    ],
)
def test_only_the_servers_own_host_names_are_answered(host, status):
    assert call(guarded(), headers={"Host": host}) == status


@pytest.mark.parametrize(
    "headers, status",
    [
        ({"Origin": "http://evil.example"}, 403),
        ({"Origin": "null"}, 403),
        ({"Sec-Fetch-Site": "cross-site"}, 403),
        ({"Origin": "http://127.0.0.1:8000"}, 200),
        ({"Origin": "http://localhost:8000", "Sec-Fetch-Site": "same-origin"}, 200),
        ({"Origin": "null", "Sec-Fetch-Site": "same-origin"}, 200),  # our form, no-referrer
        ({"Origin": "http://127.0.0.1:3000", "Sec-Fetch-Site": "same-site"}, 403),
        ({"Sec-Fetch-Site": "none"}, 200),
        ({}, 200),  # curl, scripts: no browser, no cross-site risk
    ],
)
def test_cross_site_posts_are_refused(headers, status):
    assert call(guarded(), "POST", headers) == status


def test_cross_site_gets_are_answered():
    assert call(guarded(), "GET", {"Origin": "http://evil.example"}) == 200


def test_a_star_allows_every_host():
    assert call(HostAndOrigin(stub, allowed_hosts("0.0.0.0", "*")), headers={"Host": "x.y"}) == 200


def test_a_body_that_does_not_arrive_in_time_gets_408():
    sent: list[dict] = []

    async def receive():
        await asyncio.sleep(3_600)

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "headers": []}
    started = time.monotonic()
    asyncio.run(BodyLimit(stub, 1_000, timeout=0.3)(scope, receive, send))
    assert time.monotonic() - started < 2
    assert sent[0]["status"] == 408
    assert b"serve_body_timeout" in sent[1]["body"]


@contextlib.contextmanager
def running(options):
    """uvicorn with ``according serve``'s protocol and the stub app, in a thread."""
    port = free_port()
    config = uvicorn.Config(
        stub,
        host="127.0.0.1",
        port=port,
        http=web_server.protocol(options, options.serve_max_connections),
        log_level="warning",
        lifespan="on",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(10)


def half_open(port: int, n: int) -> list[socket.socket]:
    """``n`` connections that send the start of a request and never finish its headers."""
    socks = []
    for _ in range(n):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        socks.append(s)
    return socks


def closed_by_server(s: socket.socket) -> bool:
    s.settimeout(0.01)
    try:
        return s.recv(1) == b""
    except (TimeoutError, BlockingIOError):
        return False
    except OSError:
        return True


def test_slow_header_senders_cannot_lock_out_a_whole_request():
    options = DEFAULTS.with_(serve_max_connections=50, serve_header_timeout=30.0)
    with running(options) as port:
        socks = half_open(port, 300)
        try:
            started = time.monotonic()
            r = httpx.get(f"http://127.0.0.1:{port}/", timeout=5)
            assert r.status_code == 200 and r.content == OK_BODY
            assert time.monotonic() - started < 2
            time.sleep(0.5)
            still_open = [s for s in socks if not closed_by_server(s)]
            assert len(still_open) <= 50  # the oldest were closed to make room
        finally:
            for s in socks:
                s.close()


def test_a_connection_that_never_finishes_its_headers_is_closed():
    options = DEFAULTS.with_(serve_header_timeout=0.5)
    with running(options) as port:
        (s,) = half_open(port, 1)
        time.sleep(1.5)
        assert closed_by_server(s)
        s.close()
        # a kept-alive connection gets the same deadline for its next request
        with socket.create_connection(("127.0.0.1", port)) as s:
            s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            time.sleep(0.2)
            assert s.recv(4096).startswith(b"HTTP/1.1 200")
            s.sendall(b"GET / HTTP/1.1\r\nHost: 12")
            time.sleep(1.5)
            assert closed_by_server(s)


def test_the_connection_cap_stays_under_the_open_files_limit():
    assert web_server.connection_cap(DEFAULTS.with_(serve_max_connections=5_000), 1_024) == 960
    assert web_server.connection_cap(DEFAULTS, 1_024) == DEFAULTS.serve_max_connections
