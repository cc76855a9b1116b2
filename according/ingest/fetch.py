"""A URL fetcher that cannot be turned against the user's own network.

http and https only; every host is resolved and refused if any of its addresses
is private, loopback, link-local, multicast, reserved or unspecified, and the
connection goes to the address that was checked (no second lookup, so no DNS
rebinding). Redirects are followed by hand and checked again, at most
``fetch_max_redirects`` of them. The body is capped at ``fetch_max_bytes``,
connect and read have timeouts, and only HTML (or plain text) is accepted.
Every refusal is a ``FetchError`` that names the reason.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import zlib
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from according.errors import FetchError
from according.settings import DEFAULTS, Options

ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
REDIRECTS = (301, 302, 303, 307, 308)
_CHUNK = 65_536

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass
class Page:
    """What a fetch brings back: the final URL, its content type and the raw body."""

    url: str
    content_type: str
    body: bytes

    @property
    def is_html(self) -> bool:
        return not self.content_type.startswith("text/plain")


def fetch(url: str, options: Options = DEFAULTS) -> Page:
    """Fetch ``url`` safely, following at most ``options.fetch_max_redirects`` redirects."""
    if not options.fetch_urls:
        raise FetchError(f"{url}: fetching URLs is turned off (fetch_urls = False)")
    current = url
    deadline = time.monotonic() + options.fetch_total_timeout
    for _ in range(options.fetch_max_redirects + 1):
        status, headers, response, conn = _request(current, options, deadline)
        try:
            if status in REDIRECTS:
                location = headers.get("location")
                if not location:
                    raise FetchError(f"{current}: redirect ({status}) without a Location header")
                current = urljoin(current, location.strip())
                continue
            if status != 200:
                raise FetchError(f"{current}: server answered HTTP {status}")
            content_type = _check_type(current, headers.get("content-type"))
            body = _read_body(current, response, headers, options)
            if conn.expired:
                raise conn.too_slow(current)
            return Page(url=current, content_type=content_type, body=body)
        except FetchError:
            if conn.expired:
                raise conn.too_slow(current) from None
            raise
        finally:
            conn.release()
    raise FetchError(f"{url}: too many redirects (more than {options.fetch_max_redirects})")


def check_url(url: str) -> tuple[str, str, int]:
    """Scheme, host and port of an http(s) URL; anything else is refused."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"{url}: not a valid URL ({exc})") from None
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http and https URLs are fetched, not {parts.scheme!r}")
    if not parts.hostname:
        raise FetchError(f"{url}: the URL has no host")
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80)


def resolve(host: str, port: int, options: Options = DEFAULTS) -> str:
    """The address to connect to, after checking every address ``host`` resolves to."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"{host}: cannot resolve host ({exc})") from None
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not addresses:
        raise FetchError(f"{host}: cannot resolve host (no addresses)")
    for address in addresses:
        reason = refusal(ipaddress.ip_address(address.split("%")[0]), options)
        if reason:
            raise FetchError(f"{host}: refused, resolves to a {reason} address ({address})")
    return addresses[0]


def refusal(address: IPAddress, options: Options = DEFAULTS) -> str | None:
    """Why ``address`` may not be fetched from ('private', 'loopback'...), or None.

    ``fetch_allow_private`` lets loopback through (tests, a local server); every
    other non-public range stays refused.
    """
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if address.is_loopback:
        return None if options.fetch_allow_private else "loopback"
    checks = (
        ("unspecified", address.is_unspecified),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
        ("non-public", not address.is_global),
    )
    return next((name for name, hit in checks if hit), None)


class _PinnedConnection(http.client.HTTPConnection):
    """An HTTP(S) connection to an address checked beforehand, with the host's name in
    the Host header and, for https, in SNI and certificate checks."""

    def __init__(
        self, host: str, port: int, address: str, tls: bool, options: Options, deadline: float
    ) -> None:
        super().__init__(host, port, timeout=options.fetch_read_timeout)
        self.address = address
        self.tls = tls
        self.options = options
        self.deadline = deadline
        self.expired = False
        self.timer: threading.Timer | None = None
        self.raw_sock: socket.socket | None = None

    def too_slow(self, url: str) -> FetchError:
        return FetchError(
            f"{url}: the fetch took longer than {self.options.fetch_total_timeout:g} s in all "
            "(fetch_total_timeout)"
        )

    def expire(self) -> None:
        """The total deadline passed: cut the connection, whatever read is waiting on it
        (the response may hold the socket after the connection let go of it)."""
        self.expired = True
        if self.raw_sock is not None:
            with contextlib.suppress(OSError):
                self.raw_sock.shutdown(socket.SHUT_RDWR)

    def release(self) -> None:
        """Done with this connection: stop its deadline timer and close it."""
        if self.timer is not None:
            self.timer.cancel()
        self.close()

    def connect(self) -> None:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            self.expired = True
            raise self.too_slow(self.host)
        try:
            sock = socket.create_connection(
                (self.address, self.port),
                timeout=min(self.options.fetch_connect_timeout, remaining),
            )
        except TimeoutError:
            raise FetchError(
                f"{self.host}: connection timed out after {self.options.fetch_connect_timeout:g} s"
            ) from None
        except OSError as exc:
            raise FetchError(f"{self.host}: cannot connect ({exc.strerror or exc})") from None
        sock.settimeout(self.options.fetch_read_timeout)
        if self.tls:
            context = ssl.create_default_context()
            try:
                sock = context.wrap_socket(sock, server_hostname=self.host)
            except (ssl.SSLError, OSError) as exc:
                sock.close()
                raise FetchError(f"{self.host}: TLS handshake failed ({exc})") from None
        self.sock = self.raw_sock = sock
        # one deadline for the whole fetch: a server that drips a byte within every
        # read timeout is cut off all the same
        self.timer = threading.Timer(max(0.0, self.deadline - time.monotonic()), self.expire)
        self.timer.daemon = True
        self.timer.start()


def _request(url: str, options: Options, deadline: float):
    scheme, host, port = check_url(url)
    address = resolve(host, port, options)
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    conn = _PinnedConnection(host, port, address, scheme == "https", options, deadline)
    try:
        conn.request(
            "GET",
            target,
            headers={
                "User-Agent": options.user_agent,
                "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5",
                "Accept-Encoding": "gzip, deflate",
                "Connection": "close",
            },
        )
        response = conn.getresponse()
    except FetchError:
        conn.release()
        raise
    except (OSError, http.client.HTTPException) as exc:
        conn.release()
        if conn.expired:
            raise conn.too_slow(url) from None
        if isinstance(exc, TimeoutError):
            raise FetchError(
                f"{url}: no answer within the read timeout ({options.fetch_read_timeout:g} s)"
            ) from None
        raise FetchError(f"{url}: request failed ({exc})") from None
    headers = {k.lower(): v for k, v in response.getheaders()}
    return response.status, headers, response, conn


def _check_type(url: str, content_type: str | None) -> str:
    if not content_type:
        raise FetchError(f"{url}: refused, the server sent no Content-Type")
    mime = content_type.split(";")[0].strip().lower()
    if mime not in ACCEPTED_TYPES:
        raise FetchError(f"{url}: refused, content type {mime!r} is not HTML or text")
    return content_type


def _read_body(url: str, response, headers: dict[str, str], options: Options) -> bytes:
    cap = options.fetch_max_bytes
    too_big = f"{url}: refused, the page is larger than {cap:,} bytes (fetch_max_bytes)"
    length = headers.get("content-length", "")
    if length.isdigit() and int(length) > cap:
        raise FetchError(too_big)
    encoding = headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("identity", "gzip", "deflate", "x-gzip"):
        raise FetchError(f"{url}: refused, unsupported content encoding {encoding!r}")
    inflate = None if encoding == "identity" else zlib.decompressobj(47)  # gzip or zlib
    deadline = time.monotonic() + options.fetch_read_timeout
    body = bytearray()
    while True:
        try:
            chunk = response.read1(_CHUNK)
        except TimeoutError:
            raise FetchError(
                f"{url}: timed out reading the page (fetch_read_timeout "
                f"{options.fetch_read_timeout:g} s)"
            ) from None
        except (OSError, http.client.HTTPException) as exc:
            raise FetchError(f"{url}: reading the page failed ({exc})") from None
        if not chunk:
            break
        if inflate is not None:
            try:
                chunk = inflate.decompress(chunk, cap + 1 - len(body))
            except zlib.error as exc:
                raise FetchError(f"{url}: the compressed body is corrupt ({exc})") from None
        body += chunk
        if len(body) > cap:
            raise FetchError(too_big)
        if time.monotonic() > deadline:
            raise FetchError(
                f"{url}: timed out reading the page (slower than fetch_read_timeout "
                f"{options.fetch_read_timeout:g} s)"
            )
    return bytes(body)
