"""Text for a terminal with its control characters taken out.

Titles, outlets, file names and error messages come from the input; an escape
sequence in one (``ESC ]0;...``, ``ESC [2J``) would retitle, clear or recolour the
user's terminal if written raw. ``strip_controls`` removes C0 controls (but for line
feed, tab and carriage return), DEL and the C1 controls (U+0080-U+009F, which some
terminals read as ESC sequences). The command line writes through ``Filtered``.
"""

from __future__ import annotations

import re
from typing import Any, TextIO

_CONTROLS = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """``text`` without control characters, line feeds, tabs and carriage returns kept."""
    return _CONTROLS.sub("", text)


class Filtered:
    """A text stream that strips control characters from everything written to it.

    Everything else is the wrapped stream's; ``unfiltered`` is the stream itself, for
    the one writer that sends its own escape codes (the progress line).
    """

    def __init__(self, stream: TextIO) -> None:
        self.unfiltered = stream

    def write(self, text: str) -> int:
        self.unfiltered.write(strip_controls(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.unfiltered, name)
