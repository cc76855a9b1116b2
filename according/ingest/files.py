"""Opening named inputs safely: regular files only, and no open that can block."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from according.errors import InputError


def check_regular(path: Path) -> None:
    """Refuse what is not a regular file (a FIFO, a device, a socket): reading one can
    block forever or never end."""
    mode = path.stat().st_mode
    if not stat.S_ISREG(mode):
        kind = (
            "a named pipe (FIFO)"
            if stat.S_ISFIFO(mode)
            else "a device"
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket"
            if stat.S_ISSOCK(mode)
            else "not a regular file"
        )
        raise InputError(f"{kind}; give a regular file (or '-' to read standard input)")


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading, refused unless it is a regular file; the open itself
    cannot block (O_NONBLOCK), should the file have become a FIFO since it was checked."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError("not a regular file; give a regular file")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
