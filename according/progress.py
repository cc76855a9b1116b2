"""Progress of a long job on stderr: count, rate, ETA and errors, only on a terminal.

``Progress`` is a plain object: call ``step()`` per item (``step(error=True)`` for a
failure) and ``close()`` at the end, or use it as a context manager. When the stream
is not a TTY (a pipe, a file, a test) it stays silent, so output stays clean.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO


class Progress:
    """Counts items and, on a terminal, redraws one status line at most ``every`` seconds."""

    def __init__(
        self,
        total: int | None = None,
        label: str = "articles",
        stream: TextIO | None = None,
        every: float = 0.25,
        enabled: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = total
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        # its own escape codes only: past the CLI's control filter (according.controls)
        self.stream = getattr(self.stream, "unfiltered", self.stream)
        self.every = every
        self.enabled = is_tty(self.stream) if enabled is None else enabled
        self.clock = clock
        self.count = 0
        self.errors = 0
        self.started = clock()
        self._last_draw = float("-inf")
        self._drawn = False

    def step(self, n: int = 1, error: bool = False) -> None:
        """Record ``n`` finished items (failures when ``error``) and redraw if due."""
        self.count += n
        if error:
            self.errors += n
        now = self.clock()
        if self.enabled and now - self._last_draw >= self.every:
            self._draw(now)

    def rate(self) -> float:
        """Items per second so far (0 before any time has passed)."""
        elapsed = self.clock() - self.started
        return self.count / elapsed if elapsed > 0 else 0.0

    def eta(self) -> float | None:
        """Seconds left, when the total is known and a rate has been measured."""
        rate = self.rate()
        if self.total is None or rate <= 0:
            return None
        return max(self.total - self.count, 0) / rate

    def line(self) -> str:
        """The status line: '120/500 articles  35.2/s  ETA 0:11  2 errors'."""
        done = f"{self.count}/{self.total}" if self.total is not None else str(self.count)
        noun = self.label if (self.total or self.count) != 1 else self.label.removesuffix("s")
        parts = [f"{done} {noun}", f"{self.rate():.1f}/s"]
        eta = self.eta()
        if eta is not None:
            parts.append(f"ETA {format_seconds(eta)}")
        if self.errors:
            parts.append(plural(self.errors, "error"))
        return "  ".join(parts)

    def emit(self, text: str, out: TextIO | None = None) -> None:
        """Write a line of output (stdout by default) without tearing the status line:
        clear it, write the line, draw it again below."""
        drawn = self.enabled and self._drawn
        if drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
        out = out if out is not None else sys.stdout
        out.write(text + "\n")
        out.flush()
        if drawn:
            self._draw(self.clock())

    def close(self) -> None:
        """Draw the final line and end it with a newline (only if anything was drawn)."""
        if self.enabled and (self._drawn or self.count):
            self._draw(self.clock())
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self, now: float) -> None:
        self.stream.write("\r\x1b[K" + self.line())
        self.stream.flush()
        self._last_draw = now
        self._drawn = True

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    """'1 article', '2 articles', '1,200 stories' (``nouns`` for an irregular plural)."""
    return f"{n:,} {noun if n == 1 else (nouns or noun + 's')}"


def is_tty(stream: TextIO) -> bool:
    """Whether ``stream`` is an interactive terminal."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def format_seconds(seconds: float) -> str:
    """'0:07', '12:30', '1:02:03'."""
    total = int(round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
