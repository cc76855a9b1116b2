"""Checkpoints of a fine-tuning run, so a long run can stop and resume to the same weights.

A checkpoint is one file per saved step in a folder beside the model
(``OUT.checkpoints/step-0000040.pt``): the trainable weights, the optimiser's and
scheduler's state, the RNG states, the epoch's data order and position, the losses so
far, and a fingerprint (settings, data, versions) a resume must match. Each is written
to a temporary file, synced and renamed, so a kill at any moment leaves the previous one.
"""

from __future__ import annotations

import os
import random
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy
import torch

from according.errors import InputError

PREFIX = "step-"
KEEP = 2  # the newest two: if the last cannot be read, the run resumes from the one before


@dataclass(frozen=True)
class Checkpoints:
    """Where a run saves its state, how often (0: never by that measure), and whether it
    continues from the newest state found there."""

    folder: Path
    every_steps: int = 0
    every_minutes: float = 0.0
    resume: bool = False

    def due(self, steps_since: int, seconds_since: float) -> bool:
        """Whether a checkpoint is due after ``steps_since`` steps and ``seconds_since`` s."""
        by_steps = self.every_steps > 0 and steps_since >= self.every_steps
        return by_steps or (self.every_minutes > 0 and seconds_since >= 60 * self.every_minutes)


def saved(folder: str | Path) -> list[Path]:
    """The checkpoint files in ``folder``, newest first (none if it does not exist)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{PREFIX}*.pt"), reverse=True)


def rng_states() -> dict:
    """The states of torch's, numpy's and Python's random generators (plain types)."""
    kind, keys, pos, has_gauss, gauss = numpy.random.get_state()
    return {
        "torch": torch.get_rng_state(),
        "numpy": [kind, keys.tolist(), pos, has_gauss, gauss],
        "random": list(random.getstate()),
    }


def set_rng_states(states: dict) -> None:
    """Restore what ``rng_states`` returned."""
    torch.set_rng_state(states["torch"])
    kind, keys, pos, has_gauss, gauss = states["numpy"]
    numpy.random.set_state((kind, numpy.array(keys, dtype=numpy.uint32), pos, has_gauss, gauss))
    version, internal, gauss_next = states["random"]
    random.setstate((version, tuple(internal), gauss_next))


def write(folder: str | Path, step: int, state: dict) -> Path:
    """Write ``state`` as the checkpoint of ``step`` atomically; keep only the newest ``KEEP``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{PREFIX}{step:07d}.pt"
    temporary = folder / f".{path.name}.{os.getpid()}.tmp"
    with open(temporary, "wb") as handle:
        torch.save(state, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    _sync(folder)
    for old in saved(folder)[KEEP:]:
        old.unlink(missing_ok=True)
    return path


def _sync(folder: Path) -> None:
    """Make a rename in ``folder`` durable (where the system allows opening a folder)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def read(
    folder: str | Path, fingerprint: dict, log: Callable[[str], None] = lambda line: None
) -> tuple[Path, dict] | None:
    """The newest readable checkpoint in ``folder`` and its state, or None if there is none;
    refuses one written with other settings, data or versions, or none readable
    (``InputError`` naming what differs)."""
    files = saved(folder)
    for path in files:
        try:
            state = torch.load(path, map_location="cpu", weights_only=True)
        except Exception as exc:  # a damaged file: fall back to the one before
            log(f"checkpoint {path.name} unreadable ({type(exc).__name__}); trying the one before")
            continue
        _check(path, state.get("fingerprint", {}), fingerprint)
        return path, state
    if files:
        raise InputError(f"no readable checkpoint in {folder}; delete it to start again")
    return None


def _differences(found: dict, expected: dict, prefix: str = "") -> list[str]:
    """``KEY: THERE there, NOW now`` for each value that differs (nested dicts by key)."""
    out = []
    for key in sorted(set(found) | set(expected)):
        there, now = found.get(key), expected.get(key)
        if isinstance(there, dict) and isinstance(now, dict):
            out += _differences(there, now, f"{prefix}{key} ")
        elif there != now:
            out.append(f"{prefix}{key}: {there!r} there, {now!r} now")
    return out


def _check(path: Path, found: dict, expected: dict) -> None:
    differences = _differences(found, expected)
    if differences:
        raise InputError(
            f"{path} was written by a run with other settings or data ("
            + "; ".join(differences)
            + f"); resume with the same ones, or delete {path.parent} to start again"
        )


def remove(folder: str | Path) -> int:
    """Delete a finished run's checkpoints (and temporary files); the folder too if empty."""
    folder = Path(folder)
    if not folder.is_dir():
        return 0
    files = saved(folder) + list(folder.glob(f".{PREFIX}*.tmp"))
    for path in files:
        path.unlink(missing_ok=True)
    if not any(folder.iterdir()):
        folder.rmdir()
    return len(files)


@contextmanager
def stop_requests() -> Iterator[threading.Event]:
    """An event set by the first SIGINT or SIGTERM (a second one acts as usual), so a run
    can finish its step and write a checkpoint before stopping."""
    requested = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield requested
        return
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}

    def handler(signum: int, frame: object) -> None:
        requested.set()
        for sig, old in previous.items():
            signal.signal(sig, old)

    for sig in previous:
        signal.signal(sig, handler)
    try:
        yield requested
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
