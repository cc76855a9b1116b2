"""A bounded load run against ``according serve`` on loopback, with attacks running.

Starts its own server on a free 127.0.0.1 port (nothing else is contacted), waits until
its workers are ready, then sends ``--requests`` normal analyses (the seed article) at
``--concurrency`` while ``--attackers`` clients post the punctuation attack of issue #16
(a 40 KB run of quotes) in a loop and ``--slowloris`` connections send headers that
never end. Prints the normal requests' latency (p50, p95, max) and status counts, and
what the attacks got. Everything stops after ``--max-seconds``.

    python benchmarks/load.py [--requests 60] [--concurrency 4] [--attackers 2]
                              [--slowloris 300] [--workers 2] [--max-seconds 180]

Target (issue #16): normal requests' p95 under 3 s while the attacks run.
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
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "examples" / "iran-bounties-reworded.txt").read_text(encoding="utf-8")
ATTACK = "Officials said so. " + '"' * 40_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(tmp: Path, workers: int, open_files: int = 0) -> tuple[subprocess.Popen, str]:
    port = free_port()
    config = tmp / "serve.cfg"
    config.write_text(
        f"[according]\nserve_host = 127.0.0.1\nserve_port = {port}\nworkers = {workers}\n",
        encoding="utf-8",
    )
    log = (tmp / "server.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "according.cli", "--config", str(config), "serve"],
        cwd=tmp,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        preexec_fn=(lambda: limit_open_files(open_files)) if open_files else None,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {(tmp / 'server.log').read_text()[-2000:]}")
        try:
            if httpx.get(url + "/api/health", timeout=2).json().get("ready"):
                return proc, url
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGKILL)
    raise SystemExit("server did not become ready in 180 s")


def limit_open_files(n: int) -> None:
    """The server's open-files limit, soft and hard (the common default is 1,024)."""
    import resource

    resource.setrlimit(resource.RLIMIT_NOFILE, (n, n))


def health_during(url: str, stop: threading.Event, results: list) -> None:
    """``/api/health`` once a second on a fresh connection, while the attacks run."""
    while not stop.is_set():
        started = time.monotonic()
        try:
            status = str(httpx.get(url + "/api/health", timeout=10).status_code)
        except httpx.HTTPError as exc:
            status = type(exc).__name__
        results.append((time.monotonic() - started, status))
        stop.wait(1.0)


def timed_post(client: httpx.Client, text: str) -> tuple[float, str]:
    started = time.monotonic()
    try:
        status = str(client.post("/api/analyze", json={"text": text}).status_code)
    except httpx.HTTPError as exc:
        status = type(exc).__name__
    return time.monotonic() - started, status


def attacker(url: str, stop: threading.Event, results: list) -> None:
    with httpx.Client(base_url=url, timeout=60) as client:
        while not stop.is_set():
            results.append(timed_post(client, ATTACK))


def slowloris(url: str, count: int, stop: threading.Event, held: list) -> None:
    port = int(url.rsplit(":", 1)[1])
    socks = []
    for _ in range(count):
        if stop.is_set():
            break
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=2)
            s.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            socks.append(s)
        except OSError:
            time.sleep(0.05)
    held.append(len(socks))
    while not stop.is_set():  # re-open those the server closed, keep the pressure on
        time.sleep(1)
    for s in socks:
        s.close()


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--attackers", type=int, default=2)
    parser.add_argument("--slowloris", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--max-seconds", type=float, default=180)
    parser.add_argument(
        "--server-open-files", type=int, default=0, help="the server's open-files limit (0: as is)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="according-load-") as tmp:
        proc, url = start_server(Path(tmp), args.workers, args.server_open_files)
        stop = threading.Event()
        attacks: list = []
        held: list = []
        health: list = []
        threads = [
            threading.Thread(target=attacker, args=(url, stop, attacks), daemon=True)
            for _ in range(args.attackers)
        ]
        if args.slowloris:
            threads.append(
                threading.Thread(
                    target=slowloris, args=(url, args.slowloris, stop, held), daemon=True
                )
            )
        threads.append(
            threading.Thread(target=health_during, args=(url, stop, health), daemon=True)
        )
        for t in threads:
            t.start()
        time.sleep(1.0)  # let the attacks take hold first
        started = time.monotonic()
        normal: list[tuple[float, str]] = []
        limits = httpx.Limits(max_connections=64)
        client = httpx.Client(base_url=url, timeout=30, limits=limits)
        pool = ThreadPoolExecutor(args.concurrency)
        futures = [pool.submit(timed_post, client, SEED) for _ in range(args.requests)]
        for f in futures:
            left = args.max_seconds - (time.monotonic() - started)
            try:
                normal.append(f.result(timeout=max(0.1, left)))
            except Exception:  # noqa: BLE001 - past the run's time cap
                normal.append((float("inf"), "capped"))
        pool.shutdown(wait=False, cancel_futures=True)
        elapsed = time.monotonic() - started
        stop.set()
        for t in threads:
            t.join(5)
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log_size = (Path(tmp) / "server.log").stat().st_size
    ok = [t for t, s in normal if s == "200"]
    print(
        f"according serve, {args.workers} workers; {args.requests} normal requests at concurrency "
        f"{args.concurrency}; {args.attackers} punctuation attackers; "
        f"{held[0] if held else 0} slow-header connections opened"
        + (f" (server open-files limit {args.server_open_files})" if args.server_open_files else "")
        + f"; {elapsed:.1f} s"
    )
    print("| requests | count | p50 (s) | p95 (s) | max (s) | statuses |")
    print("|---|---:|---:|---:|---:|---|")
    for name, rows in (("normal", normal), ("attack", attacks), ("health", health)):
        times = [t for t, _ in rows if t != float("inf")]
        statuses = ", ".join(f"{k}: {v}" for k, v in Counter(s for _, s in rows).most_common())
        print(
            f"| {name} | {len(rows)} | {percentile(times, 0.5):.2f} | {percentile(times, 0.95):.2f} "
            f"| {max(times) if times else float('nan'):.2f} | {statuses} |"
        )
    p95 = percentile([t for t, _ in normal], 0.95)
    print(f"server log: {log_size:,} bytes")
    verdict = "PASS" if len(ok) == len(normal) and p95 < 3.0 else "FAIL"
    print(f"{verdict}: normal p95 {p95:.2f} s (target < 3 s), {len(ok)}/{len(normal)} answered 200")


if __name__ == "__main__":
    main()
