"""ASGI middleware that guards the app: Host and Origin, body size and time, time per
request, security headers.

Each is a plain ASGI wrapper so it works below any framework: the body limit counts
the bytes actually received (a missing or lying Content-Length does not get past it).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


# The failure kind (``pipeline.Failure``) of each status these guards answer with.
ERROR_KINDS = {403: "error", 408: "timeout", 413: "input", 504: "timeout"}


async def send_json(send: Send, status: int, detail: str, headers: list | None = None) -> None:
    """A complete JSON error response in the one error shape of the API and the batch
    records: ``{"detail", "error", "error_kind"}``."""
    record = {"detail": detail, "error": detail, "error_kind": ERROR_KINDS.get(status, "error")}
    body = json.dumps(record).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ]
            + (headers or []),
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """Reads the whole request body first and answers 413 beyond ``max_body`` bytes."""

    def __init__(self, app: ASGIApp, max_body: int, timeout: float = 0.0) -> None:
        self.app = app
        self.max_body = max_body
        self.timeout = timeout  # seconds for the whole body (0: none); slow senders get 408

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            await send_json(send, 413, self._message())
            return
        chunks: list[bytes] = []
        size = 0
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout if self.timeout > 0 else None
        while True:
            try:
                message = await asyncio.wait_for(
                    receive(), None if deadline is None else max(0.0, deadline - loop.time())
                )
            except TimeoutError:
                detail = (
                    f"the request body took longer than {self.timeout:g} s to arrive "
                    "(the server's serve_body_timeout setting)"
                )
                await send_json(send, 408, detail)
                return
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                await send_json(send, 413, self._message())
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    def _message(self) -> str:
        return (
            f"request body is larger than {self.max_body:,} bytes "
            "(the server's serve_max_body setting)"
        )


class TimeLimit:
    """Answers 504 when the app has not started its response within ``seconds``."""

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await asyncio.wait_for(self.app(scope, receive, tracked), self.seconds)
        except TimeoutError:
            if not started:
                detail = (
                    f"the request took longer than {self.seconds:g} s "
                    "(the server's serve_timeout setting); try a shorter text"
                )
                await send_json(send, 504, detail)


class SecurityHeaders:
    """Adds a strict Content-Security-Policy and related headers to every response."""

    def __init__(self, app: ASGIApp, policy: str) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", policy.encode("ascii")),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"),
            (b"cross-origin-opener-policy", b"same-origin"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in names]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, with_headers)


def host_of(value: str) -> str:
    """The host part of a Host header or an Origin's netloc, lower case, without port."""
    value = value.strip().lower()
    if value.startswith("["):  # [::1]:8000
        return value[: value.find("]") + 1] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def allowed_hosts(serve_host: str, extra: str = "") -> frozenset[str]:
    """Host names the server answers to: its own address, loopback names, and ``extra``
    (comma-separated; what a reverse proxy forwards)."""
    names = {"localhost", "127.0.0.1", "[::1]", host_of(serve_host)}
    if ":" in serve_host and not serve_host.startswith("["):
        names.add(f"[{serve_host.lower()}]")
    names |= {host_of(n) for n in extra.split(",") if n.strip()}
    names.discard("")
    return frozenset(names)


SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class HostAndOrigin:
    """Refuses requests for another Host (400) and cross-site state-changing ones (403).

    Host: a page on another site can point its own name at 127.0.0.1 (DNS rebinding) and
    then read this server as same-origin; its requests carry that name in Host, so only
    names the server is meant to be reached by are answered (``serve_allowed_hosts``).
    Origin: a page on another site can post a form here (no CORS preflight for a form);
    the browser names that site in Origin (or says ``Sec-Fetch-Site: cross-site``), so a
    POST, PUT, PATCH or DELETE from another origin is refused.
    """

    def __init__(self, app: ASGIApp, hosts: frozenset[str]) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.lower(): v for k, v in scope.get("headers") or []}
        host = host_of(headers.get(b"host", b"").decode("latin-1"))
        if host not in self.hosts and "*" not in self.hosts:
            await send_json(
                send,
                400,
                "unknown Host; this server answers only to its own names "
                "(add the name to serve_allowed_hosts)",
            )
            return
        if scope.get("method", "GET") not in SAFE_METHODS and self.cross_site(headers):
            await send_json(send, 403, "cross-site request refused (its Origin is another site)")
            return
        await self.app(scope, receive, send)

    def cross_site(self, headers: dict[bytes, bytes]) -> bool:
        """Whether a browser says this request comes from another site.

        ``Sec-Fetch-Site`` first (every current browser sends it; only ``same-origin``
        and ``none``, a user's own navigation, pass: a page on another port of this
        host is ``same-site``); else the Origin's host. Our own pages' forms may carry
        ``Origin: null`` (the app's no-referrer policy), so null alone is refused only
        without ``Sec-Fetch-Site``. No header at all: not a browser (curl, a script).
        """
        site = headers.get(b"sec-fetch-site")
        if site is not None:
            return site.decode("latin-1").strip().lower() not in ("same-origin", "none")
        origin = headers.get(b"origin")
        if origin is None:
            return False
        text = origin.decode("latin-1").strip().lower()
        if text == "null":
            return True
        netloc = text.split("://", 1)[-1].split("/", 1)[0]
        return host_of(netloc) not in self.hosts
