"""Progress on stderr: a status line on a terminal, silence otherwise."""

from __future__ import annotations

import io

from according.progress import Progress, format_seconds


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class TtyBuffer(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_silent_when_not_a_terminal():
    stream = io.StringIO()
    with Progress(total=3, stream=stream) as progress:
        for _ in range(3):
            progress.step()
    assert progress.count == 3
    assert stream.getvalue() == ""


def test_terminal_line_has_count_rate_eta_and_errors():
    clock = FakeClock()
    stream = TtyBuffer()
    progress = Progress(total=10, stream=stream, clock=clock, every=0)
    for i in range(4):
        clock.now += 0.5
        progress.step(error=(i == 1))
    # 4 items in 2 s: 2.0/s, 6 left: 3 s
    assert progress.line() == "4/10 articles  2.0/s  ETA 0:03  1 error"
    progress.close()
    out = stream.getvalue()
    assert out.endswith("\n")
    assert "\r" in out and "4/10 articles" in out


def test_unknown_total_has_no_eta():
    clock = FakeClock()
    progress = Progress(stream=TtyBuffer(), clock=clock)
    clock.now = 1.0
    progress.step(5)
    assert progress.eta() is None
    assert progress.line() == "5 articles  5.0/s"


def test_redraws_are_throttled():
    clock = FakeClock()
    stream = TtyBuffer()
    progress = Progress(stream=stream, clock=clock, every=1.0)
    for _ in range(100):
        clock.now += 0.01
        progress.step()
    assert stream.getvalue().count("\r") == 1


def test_format_seconds():
    assert format_seconds(7) == "0:07"
    assert format_seconds(750) == "12:30"
    assert format_seconds(3723) == "1:02:03"
