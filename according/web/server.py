"""How ``according serve`` runs the app: uvicorn, with guards uvicorn lacks.

uvicorn waits for a request's headers forever and accepts connections until the
process runs out of file descriptors (then it logs every failed accept). Its HTTP
protocol is extended here with:

- a header deadline: a connection that has not sent complete request headers
  within ``serve_header_timeout`` seconds (after connecting, or after its last
  response on a kept-alive connection) is closed;
- a connection cap: past ``serve_max_connections`` open connections, the oldest one
  still sending its headers is closed to make room (so slow senders cannot lock out
  a client that sends a whole request); if every connection is busy with a request,
  the new one is closed instead.

The body has its own deadline (``serve_body_timeout``, in ``web.limits.BodyLimit``).
Serving others: put a reverse proxy in front (docs/security.md).
"""

from __future__ import annotations

import asyncio
import resource
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from according.settings import Options

RESERVED_FDS = 64  # descriptors kept for the store, worker pipes, logs and spares


def raise_open_files_limit() -> int:
    """Raise this process's soft open-files limit to its hard limit; the new soft limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or hard > soft:
        target = hard if hard != resource.RLIM_INFINITY else max(soft, 65_536)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    return soft


def connection_cap(options: Options, open_files: int) -> int:
    """``serve_max_connections``, kept below the open-files limit."""
    return max(8, min(options.serve_max_connections, open_files - RESERVED_FDS))


def protocol(options: Options, max_connections: int) -> type[H11Protocol]:
    """uvicorn's h11 protocol with a header deadline and a connection cap."""

    class Guarded(H11Protocol):
        header_timeout = options.serve_header_timeout
        cap = max_connections

        def connection_made(self, transport: Any) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self.closing = False
            self.waiting_since: float | None = None
            self.header_timer: asyncio.TimerHandle | None = None
            self._await_headers()
            open_now = [c for c in self.connections if not getattr(c, "closing", False)]
            if len(open_now) > self.cap:
                waiting = [c for c in open_now if getattr(c, "waiting_since", None) is not None]
                victim = min(waiting, key=lambda c: c.waiting_since) if waiting else self
                victim._close()

        def _await_headers(self) -> None:
            """Start the clock for the next request's headers."""
            self.waiting_since = self.loop.time()
            if self.header_timer is not None:
                self.header_timer.cancel()
            if self.header_timeout > 0:
                self.header_timer = self.loop.call_later(self.header_timeout, self._close)

        def _close(self) -> None:
            self.closing = True
            self.waiting_since = None
            if self.header_timer is not None:
                self.header_timer.cancel()
                self.header_timer = None
            if not self.transport.is_closing():
                self.transport.close()

        def handle_events(self) -> None:
            before = self.cycle
            super().handle_events()
            if self.cycle is not before:  # a request's headers are all in
                self.waiting_since = None
                if self.header_timer is not None:
                    self.header_timer.cancel()
                    self.header_timer = None

        def on_response_complete(self) -> None:
            super().on_response_complete()
            idle = self.cycle is None or self.cycle.response_complete
            if idle and not self.transport.is_closing() and self.waiting_since is None:
                self._await_headers()

        def connection_lost(self, exc: Exception | None) -> None:
            self.closing = True
            if self.header_timer is not None:
                self.header_timer.cancel()
                self.header_timer = None
            super().connection_lost(exc)

    return Guarded


def run(app: Any, options: Options) -> None:
    """Serve ``app`` on ``serve_host:serve_port`` until interrupted."""
    import uvicorn

    cap = connection_cap(options, raise_open_files_limit())
    uvicorn.run(
        app,
        host=options.serve_host,
        port=options.serve_port,
        http=protocol(options, cap),
        log_level="warning",
        timeout_keep_alive=5,
        timeout_graceful_shutdown=5,
    )
