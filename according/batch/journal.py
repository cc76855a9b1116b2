"""The results file of a batch: JSONL, one record per input item, that survives kill -9.

Each record is written with one ``write`` and then flushed to disk (fsync), so the
file is always a run of whole records, perhaps followed by one partial line. On
``--resume`` that partial line is cut off and the records already there are skipped,
in input order, so every item ends up in the file exactly once.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from according.errors import InputError

_BLOCK = 1 << 16


class Journal:
    """An append-only JSONL file of batch records (use as a context manager)."""

    def __init__(
        self, path: str | Path, resume: bool = False, overwrite: bool = False, fsync: bool = True
    ) -> None:
        self.path = Path(path)
        self.resume = resume
        self.overwrite = overwrite
        self.fsync = fsync
        self.done = 0
        self.done_errors = 0  # error records among those (counted as done_ids reads them)
        self.size = 0
        self.fd: int | None = None

    def __enter__(self) -> Journal:
        exists = self.path.exists() and self.path.stat().st_size > 0
        if exists and not (self.resume or self.overwrite):
            raise InputError(
                f"{self.path} already has results; add --resume to continue it, "
                "or --overwrite to start again"
            )
        try:
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise InputError(f"cannot write {self.path}: {exc.strerror}") from None
        self._lock()
        if exists and self.resume:
            self.size = cut_partial_line(self.fd)
            self.done = count_lines(self.fd, self.size)
        else:
            os.ftruncate(self.fd, 0)
        os.lseek(self.fd, self.size, os.SEEK_SET)
        return self

    def _lock(self) -> None:
        """Hold the file exclusively: two batches writing one file would break exactly-once.

        The lock goes with the process, however it ends (kill -9 included)."""
        assert self.fd is not None
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.__exit__()
            raise InputError(
                f"{self.path} is being written by another batch; wait for it to end "
                "(or stop it) before resuming"
            ) from None

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def done_ids(self, extractor: str | None = None) -> Iterator[str]:
        """The ids of the records already in the file (before this run), in order.

        With ``extractor``, a record another extractor made is refused: one file holds
        the results of one extractor (a record without the field is taken as it is).
        """
        with open(self.path, "rb") as f:
            left = self.size
            for number, line in enumerate(f, 1):
                if left <= 0:
                    return
                left -= len(line)
                try:
                    done = json.loads(line)
                    made_with, item_id = done.get("extractor"), str(done["id"])
                except (ValueError, KeyError, TypeError, AttributeError):
                    raise InputError(
                        f"{self.path}, line {number}, is not a batch record; "
                        "resume only a file that `according batch` wrote"
                    ) from None
                if extractor and made_with not in (None, extractor):
                    raise InputError(
                        f"{self.path}, line {number}, was made with the {made_with!r} extractor,"
                        f" not {extractor!r}; resume with --extractor {made_with}, or start"
                        " again with --overwrite"
                    )
                if "error" in done:
                    self.done_errors += 1
                yield item_id

    def write(self, record: dict[str, Any]) -> None:
        """Append one record as one line, durably."""
        assert self.fd is not None, "write() outside the with block"
        data = encode(record)
        view = memoryview(data)
        while view:
            written = os.write(self.fd, view)
            view = view[written:]
        if self.fsync:
            os.fsync(self.fd)
        self.size += len(data)


class StdoutJournal:
    """Records streamed to standard output (``--out -``): nothing to resume or lock."""

    done = 0
    done_errors = 0

    def __init__(self, fd: int = 1) -> None:
        self.fd = fd

    def __enter__(self) -> StdoutJournal:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def done_ids(self, extractor: str | None = None) -> Iterator[str]:
        return iter(())

    def write(self, record: dict[str, Any]) -> None:
        """Write one record as one line, whole (a reader of the pipe never sees half)."""
        view = memoryview(encode(record))
        while view:
            view = view[os.write(self.fd, view) :]


def open_journal(out: str | Path, resume: bool, overwrite: bool) -> Journal | StdoutJournal:
    """The results file ``out``, or standard output for ``-``."""
    if str(out) != "-":
        return Journal(out, resume=resume, overwrite=overwrite)
    if resume:
        raise InputError("--resume needs a results file to continue, not '-' (standard output)")
    return StdoutJournal()


def encode(record: dict[str, Any]) -> bytes:
    """One JSON line in UTF-8; text that UTF-8 cannot carry (lone surrogates) is escaped."""
    try:
        return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(record, ensure_ascii=True) + "\n").encode("ascii")


def cut_partial_line(fd: int) -> int:
    """Truncate the file after its last newline (a record cut off by a kill); the new size."""
    end = os.lseek(fd, 0, os.SEEK_END)
    pos = end
    while pos > 0:
        start = max(0, pos - _BLOCK)
        block = os.pread(fd, pos - start, start)
        newline = block.rfind(b"\n")
        if newline >= 0:
            pos = start + newline + 1
            break
        pos = start
    if pos != end:
        os.ftruncate(fd, pos)
        os.fsync(fd)
    return pos


def count_lines(fd: int, size: int) -> int:
    """The number of newline-ended lines in the first ``size`` bytes."""
    count = 0
    for offset in range(0, size, _BLOCK):
        count += os.pread(fd, min(_BLOCK, size - offset), offset).count(b"\n")
    return count


def skip_done(items: Iterable[Any], done_ids: Iterable[str], path: str | Path) -> Iterator[Any]:
    """The items after those already in the results file, checking that they match in order."""
    done = iter(done_ids)
    position = 0
    for item in items:
        expected = next(done, None)
        if expected is None:
            yield item
            continue
        position += 1
        if expected != item.id:
            raise InputError(
                f"{path}: record {position} is for {expected!r} but input item {position} is "
                f"{item.id!r}; resume with the same inputs in the same order, or use a new --out"
            )
    if next(done, None) is not None:
        raise InputError(
            f"{path} has more records than the inputs have items; "
            "resume with the same inputs, or use a new --out"
        )
