"""The safe fetcher against a real HTTP server on 127.0.0.1 (allowed only through
``fetch_allow_private``): redirects re-checked, size cap, timeouts, content types."""

from __future__ import annotations

import contextlib
import gzip
import ipaddress
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from according.errors import FetchError
from according.ingest import read_inputs
from according.ingest.fetch import fetch, refusal
from according.settings import Options

PAGE = (Path(__file__).parent / "fixtures" / "html" / "article_tags.html").read_bytes()
SLOW_SECONDS = 2.0  # the longest any handler waits: the server stops itself soon after


class Handler(BaseHTTPRequestHandler):
    """Routes for each behaviour the fetcher must handle."""

    seen_agents: list[str] = []

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.seen_agents.append(self.headers.get("User-Agent", ""))
        port = self.server.server_address[1]
        routes = {
            "/ok": lambda: self.send(200, PAGE),
            "/redirect-ok": lambda: self.redirect("/ok"),
            "/redirect-chain/1": lambda: self.redirect("/redirect-chain/2"),
            "/redirect-chain/2": lambda: self.redirect(f"http://127.0.0.1:{port}/ok"),
            "/redirect-loop": lambda: self.redirect("/redirect-loop"),
            "/redirect-private": lambda: self.redirect("http://10.0.0.5/internal"),
            "/redirect-metadata": lambda: self.redirect("http://169.254.169.254/latest/meta-data/"),
            "/redirect-file": lambda: self.redirect("file:///etc/passwd"),
            "/big": lambda: self.send(200, b"<p>" + b"x" * 300_000, length=False),
            "/big-declared": lambda: self.send(200, b"<p>" + b"x" * 300_000),
            "/gzip-bomb": lambda: self.send(
                200, gzip.compress(b" " * 5_000_000), extra={"Content-Encoding": "gzip"}
            ),
            "/gzip": lambda: self.send(
                200, gzip.compress(PAGE), extra={"Content-Encoding": "gzip"}
            ),
            "/slow": self.slow,
            "/trickle": self.trickle,
            "/pdf": lambda: self.send(200, b"%PDF-1.4 ...", content_type="application/pdf"),
            "/image": lambda: self.send(200, b"\x89PNG\r\n", content_type="image/png"),
            "/text": lambda: self.send(
                200,
                "The minister said the talks had failed, officials told reporters.".encode(
                    "cp1252"
                ),
                content_type="text/plain; charset=windows-1252",
            ),
            "/latin": lambda: self.send(
                200,
                PAGE.replace(b"county port authority", "Zürich café".encode("cp1252")),
                content_type="text/html; charset=ISO-8859-1",
            ),
            "/missing": lambda: self.send(404, b"not here"),
        }
        route = routes.get(self.path)
        if route is None:
            self.send(404, b"no route")
        else:
            route()

    def send(
        self,
        status: int,
        body: bytes,
        content_type: str = "text/html; charset=utf-8",
        length: bool = True,
        extra: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)  # the client may give up, as it should on oversize bodies
        self.close_connection = True

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def slow(self) -> None:
        time.sleep(SLOW_SECONDS)
        self.send(200, PAGE)

    def trickle(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        deadline = time.monotonic() + SLOW_SECONDS
        try:
            while time.monotonic() < deadline:
                self.wfile.write(b"<p>a</p>")
                self.wfile.flush()
                time.sleep(0.1)
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1})
    thread.daemon = True
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture()
def options() -> Options:
    return Options(
        fetch_allow_private=True,
        fetch_connect_timeout=2.0,
        fetch_read_timeout=0.8,
        fetch_max_bytes=200_000,
    )


def test_plain_success(server, options):
    page = fetch(f"{server}/ok", options)
    assert page.body == PAGE
    assert page.url == f"{server}/ok"
    assert page.content_type.startswith("text/html")
    assert Handler.seen_agents[-1] == options.user_agent


def test_loopback_refused_without_the_explicit_setting(server):
    with pytest.raises(FetchError, match="loopback"):
        fetch(f"{server}/ok", Options())


def test_localhost_name_refused_too(server):
    port = server.rsplit(":", 1)[1]
    with pytest.raises(FetchError, match="loopback"):
        fetch(f"http://localhost:{port}/ok", Options())


def test_relative_redirects_followed(server, options):
    assert fetch(f"{server}/redirect-ok", options).url == f"{server}/ok"
    assert fetch(f"{server}/redirect-chain/1", options).url == f"{server}/ok"


def test_redirect_to_private_address_refused(server, options):
    with pytest.raises(FetchError, match=r"private address \(10\.0\.0\.5\)"):
        fetch(f"{server}/redirect-private", options)


def test_redirect_to_cloud_metadata_refused(server, options):
    with pytest.raises(FetchError, match="link-local"):
        fetch(f"{server}/redirect-metadata", options)


def test_redirect_to_another_scheme_refused(server, options):
    with pytest.raises(FetchError, match="only http and https"):
        fetch(f"{server}/redirect-file", options)


def test_redirect_loop_stops(server, options):
    with pytest.raises(FetchError, match="too many redirects"):
        fetch(f"{server}/redirect-loop", options)
    with pytest.raises(FetchError, match=r"more than 0\)"):
        fetch(f"{server}/redirect-ok", options.with_(fetch_max_redirects=0))


@pytest.mark.parametrize("path", ["/big", "/big-declared", "/gzip-bomb"])
def test_oversize_body_cut_with_an_error(server, options, path):
    with pytest.raises(FetchError, match="larger than 200,000 bytes"):
        fetch(f"{server}{path}", options)


def test_gzip_body_inflated(server, options):
    assert fetch(f"{server}/gzip", options).body == PAGE


def test_slow_server_times_out(server, options):
    started = time.monotonic()
    with pytest.raises(FetchError, match="timeout|timed out"):
        fetch(f"{server}/slow", options)
    assert time.monotonic() - started < SLOW_SECONDS


def test_trickling_server_times_out(server, options):
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch(f"{server}/trickle", options)
    assert time.monotonic() - started < SLOW_SECONDS


@pytest.mark.parametrize(("path", "kind"), [("/pdf", "application/pdf"), ("/image", "image/png")])
def test_non_html_refused(server, options, path, kind):
    with pytest.raises(FetchError, match=f"content type '{kind}' is not HTML"):
        fetch(f"{server}{path}", options)


def test_http_error_named(server, options):
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(f"{server}/missing", options)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.org/a", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://[::1]/", "loopback"),
        ("http://[::ffff:192.168.1.1]/", "private"),
        ("http://224.0.0.1/", "multicast"),
        ("http://100.64.0.1/", "non-public"),
        ("http://240.0.0.1/", "reserved"),
        ("http://no-such-host.invalid/", "cannot resolve"),
    ],
)
def test_refusals_name_their_reason(url, reason):
    with pytest.raises(FetchError, match=reason):
        fetch(url, Options(fetch_connect_timeout=1.0))


def test_allow_private_lets_only_loopback_through():
    allowed = Options(fetch_allow_private=True)
    assert refusal(ipaddress.ip_address("127.0.0.1"), allowed) is None
    assert refusal(ipaddress.ip_address("::1"), allowed) is None
    assert refusal(ipaddress.ip_address("192.168.0.10"), allowed) == "private"
    assert refusal(ipaddress.ip_address("169.254.169.254"), allowed) == "link-local"
    assert refusal(ipaddress.ip_address("93.184.216.34"), Options()) is None


def test_fetching_can_be_turned_off():
    with pytest.raises(FetchError, match="turned off"):
        fetch("https://example.org/", Options(fetch_urls=False))


def test_urls_through_read_inputs(server, options):
    items = list(read_inputs([f"{server}/redirect-ok", f"{server}/pdf", f"{server}/text"], options))
    assert [i.id for i in items] == [f"{server}/redirect-ok", f"{server}/pdf", f"{server}/text"]
    page, pdf, text = items
    assert page.article.title == "Port authority says dredging will finish by spring"
    assert page.article.outlet == "The Harbor Courier"
    assert pdf.error and "not HTML" in pdf.error and pdf.article is None
    assert text.article.text.startswith("The minister said the talks had failed")


def test_http_charset_used_for_the_page(server, options):
    item = next(read_inputs([f"{server}/latin"], options))
    assert item.article.text.startswith("The Zürich café said on Tuesday")
