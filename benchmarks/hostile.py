"""Time and peak memory of ``according`` on each hostile input of issue #16, as a table.

Every case runs the real command line in a subprocess with a time cap; a case that
runs past the cap is killed and shown as ``>CAP``. Peak memory is the subprocess's
own maximum resident set and CPU its user + system time (``wait4``; on a shared
machine CPU time says more than wall time). The command line's own start-up
(importing spaCy and torch, loading the model) is in every figure. Inputs come from ``tests/data/hostile/generate.py``;
the two fetch cases use a server on 127.0.0.1 that this script starts (a URL that
never answers, and one that drips a byte a second forever).

    python benchmarks/hostile.py [--cap SECONDS] [--only NAME ...]

Target (issue #16): every case under 10 s and under 1.5 GB on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "data" / "hostile"))

import generate  # noqa: E402


def run_capped(
    args: list[str], cap: float, cwd: Path
) -> tuple[float, float, int | None, str, float]:
    """(seconds, peak MB, exit code or None if capped, a note on the output, CPU seconds)."""
    started = time.monotonic()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "according.cli", *args],
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        code: int | None = None
        usage = None
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                code = os.waitstatus_to_exitcode(status)
                break
            if time.monotonic() - started > cap:
                os.killpg(proc.pid, signal.SIGKILL)
                _, _, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        proc.returncode = -9 if code is None else code
        elapsed = time.monotonic() - started
        out.seek(0)
        lines = [line for line in out.read().decode("utf-8", "replace").splitlines() if line]
    peak = usage.ru_maxrss / 1024 if usage else 0.0
    cpu = usage.ru_utime + usage.ru_stime if usage else 0.0
    return elapsed, peak, code, summarise(lines), cpu


def summarise(lines: list[str]) -> str:
    """A short note on the output: how many JSON records, and the first error line."""
    records = sum(1 for line in lines if line.startswith("{"))
    errors = [line for line in lines if "error" in line.lower()]
    note = f"{records} records" if records else ""
    text = "\n".join(lines)
    if "<img src=x" in text:
        note += "; RAW <img> IN HTML"
    if "\x1b" in text or "\x07" in text:
        note += "; RAW ESCAPES ON TERMINAL"
    note = note.lstrip("; ")
    if errors:
        first = errors[0]
        first = first if len(first) < 90 else first[:87] + "..."
        note = (note + "; " if note else "") + first.replace("|", "/")
    return note or (lines[-1][:90] if lines else "")


class Hanging:
    """A loopback HTTP server: ``/never`` never answers; ``/drip`` sends a byte a second."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self.handle, args=(conn,), daemon=True).start()

    def handle(self, conn: socket.socket) -> None:
        try:
            request = conn.recv(4096)
            if b"/drip" in request.split(b"\r\n", 1)[0]:
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>")
                while not self.stop.is_set():
                    conn.sendall(b"a")
                    time.sleep(1)
            else:
                self.stop.wait()
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


def cases(work: Path, server: Hanging) -> list[tuple[str, list[str]]]:
    """(name, command-line arguments) for every hostile input."""
    config = work / "fetch.cfg"
    config.write_text("[according]\nfetch_allow_private = True\n", encoding="utf-8")
    (work / "punct10k.txt").write_text(generate.punctuation(10_000), encoding="utf-8")
    (work / "punct20k.txt").write_text(generate.punctuation(20_000), encoding="utf-8")
    (work / "mixed20k.txt").write_text(generate.punctuation_mixed(20_000), encoding="utf-8")
    (work / "huge1m.txt").write_text(generate.huge_text(1_000_000), encoding="utf-8")
    (work / "big200k.txt").write_text(generate.huge_text(200_000), encoding="utf-8")
    (work / "limit40k.txt").write_text(generate.huge_text(40_000), encoding="utf-8")
    generate.oversized_warc(work / "oversized.warc")
    generate.xss_folder(work / "xss")
    generate.symlink_loops(work / "loops")
    generate.self_link(work / "selflink")
    generate.fifo(work / "p.txt")
    generate.hostile_jsonl(work / "escape.jsonl")
    base = f"http://127.0.0.1:{server.port}"
    return [
        ("1 punctuation 10k", ["analyze", "punct10k.txt", "--json"]),
        ("1 punctuation 20k", ["analyze", "punct20k.txt", "--json"]),
        ("1 mixed marks 20k", ["analyze", "mixed20k.txt", "--json"]),
        ("2 text 40k chars", ["analyze", "limit40k.txt", "--json"]),
        ("2 text 200k chars", ["analyze", "big200k.txt", "--json"]),
        ("2 text 1M chars", ["analyze", "huge1m.txt", "--json"]),
        ("3 WARC 10.5MB+5", ["analyze", "oversized.warc", "--json"]),
        ("4 xss file name", ["analyze", "xss", "--format", "html"]),
        ("6 symlink loops", ["analyze", "loops", "--json"]),
        ("6 self link", ["analyze", "selflink", "--json"]),
        ("7 FIFO p.txt", ["analyze", "p.txt", "--json"]),
        ("8 URL never answers", ["--config", str(config), "analyze", f"{base}/never"]),
        ("8 URL drips forever", ["--config", str(config), "analyze", f"{base}/drip"]),
        ("9 escapes in JSONL", ["analyze", "escape.jsonl"]),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cap", type=float, default=60.0, help="seconds per case (default 60)")
    parser.add_argument("--only", nargs="*", help="run the cases whose name contains any of these")
    args = parser.parse_args()
    server = Hanging()
    with tempfile.TemporaryDirectory(prefix="according-hostile-") as tmp:
        work = Path(tmp)
        print(
            "| case | time (s) | CPU (s) | peak MB | exit | outcome |\n"
            "|---|---:|---:|---:|---:|---|"
        )
        for name, argv in cases(work, server):
            if args.only and not any(word in name for word in args.only):
                continue
            elapsed, peak, code, note, cpu = run_capped(argv, args.cap, work)
            shown = f">{args.cap:g}" if code is None else f"{elapsed:.1f}"
            exit_code = "-" if code is None else code
            print(
                f"| {name} | {shown} | {cpu:.1f} | {peak:,.0f} | {exit_code} | {note} |",
                flush=True,
            )
    server.close()


if __name__ == "__main__":
    main()
