"""Issue #16, finding 8: fetches bounded by one total deadline and by their own pool.

A loopback server that never answers, or drips a byte a second forever, stands in
for a hostile site (``fetch_allow_private`` lets the fetcher reach it).
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time

import pytest

from according.errors import FetchError
from according.ingest.fetch import fetch
from according.settings import DEFAULTS
from according.web import inputs


class Hanging:
    """``/never`` never answers; ``/drip`` sends a header then a byte a second."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self.handle, args=(conn,), daemon=True).start()

    def handle(self, conn: socket.socket) -> None:
        try:
            if b"/drip" in conn.recv(4096):
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>")
                while not self.stop.is_set():
                    conn.sendall(b"a")
                    time.sleep(0.3)
            else:
                self.stop.wait()
        except OSError:
            pass
        finally:
            conn.close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


@pytest.fixture()
def server():
    s = Hanging()
    yield s
    s.close()


OPTIONS = DEFAULTS.with_(fetch_allow_private=True, fetch_total_timeout=1.5, fetch_read_timeout=1.0)


def test_a_server_that_drips_is_cut_off_at_the_total_deadline(server):
    started = time.monotonic()
    with pytest.raises(FetchError, match="fetch_total_timeout"):
        fetch(server.url("/drip"), OPTIONS.with_(fetch_read_timeout=10.0))
    assert time.monotonic() - started < 3


def test_a_server_that_never_answers_is_cut_off_at_the_total_deadline(server):
    started = time.monotonic()
    with pytest.raises(FetchError, match="fetch_total_timeout"):
        fetch(server.url("/never"), OPTIONS.with_(fetch_read_timeout=10.0))
    assert time.monotonic() - started < 3


def test_the_total_deadline_is_a_setting_and_bounded_by_default():
    from according.settings import load_options

    assert 0 < load_options().fetch_total_timeout <= 10


def test_hanging_fetches_do_not_hold_the_threads_pasted_text_needs(server):
    """Eight fetches of a URL that never answers, then a pasted text: the text's article
    comes at once (it waited 14 s behind the fetches before)."""
    options = OPTIONS.with_(serve_fetch_urls=True, fetch_threads=4, fetch_total_timeout=5.0)

    async def scenario() -> tuple[float, list]:
        fetches = inputs.Fetches(options)
        hanging = [
            asyncio.ensure_future(fetches.article(inputs.Given(url=server.url("/never"))))
            for _ in range(8)
        ]
        await asyncio.sleep(0.2)
        started = time.monotonic()
        article = await fetches.article(inputs.Given(text="The mayor said so on Monday."))
        waited = time.monotonic() - started
        assert article.text.startswith("The mayor")
        results = await asyncio.gather(*hanging, return_exceptions=True)
        fetches.shutdown()
        return waited, results

    waited, results = asyncio.run(scenario())
    assert waited < 0.5
    busy = [r for r in results if isinstance(r, inputs.Busy)]
    assert len(busy) == 4  # the pool's four threads were taken: the rest refused at once
    assert all("fetch_threads" in str(r) for r in busy)
