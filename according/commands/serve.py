"""`according serve`: the web app and JSON API on 127.0.0.1:8000 (uvicorn)."""

from __future__ import annotations

import argparse
import sys

from according.commands import SUMMARIES, add_extractor_option, options_from
from according.errors import AccordingError


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("serve", help=SUMMARIES["serve"])
    p.add_argument("--host", help="address to listen on (default: serve_host, 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default: serve_port, 8000)")
    p.add_argument(
        "--fetch-urls", action="store_true", help="allow fetching URLs (serve_fetch_urls)"
    )
    p.add_argument("--workers", type=int, help="analysis worker processes (default: per core)")
    p.add_argument("--db", metavar="PATH", help="the story store (default: store_path)")
    add_extractor_option(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn  # noqa: F401

        from according.web import create_app, server
    except ImportError as exc:
        raise AccordingError(
            f"the web app needs the 'web' extra ({exc.name} is missing): "
            "pip install 'according[web]'"
        ) from None
    options = options_from(args)
    changes = {
        "serve_host": args.host,
        "serve_port": args.port,
        "serve_fetch_urls": True if args.fetch_urls else None,
        "workers": args.workers,
        "store_path": args.db,
    }
    options = options.with_(**{k: v for k, v in changes.items() if v is not None})
    if not 0 < options.serve_port < 65536:
        raise AccordingError(f"port {options.serve_port} is out of range (1-65535)")
    print(
        f"according: serving on http://{options.serve_host}:{options.serve_port}/ (Ctrl-C to stop)",
        file=sys.stderr,
    )
    try:
        server.run(create_app(options), options)
    except OSError as exc:
        raise AccordingError(
            f"cannot listen on {options.serve_host}:{options.serve_port}: {exc.strerror}"
        ) from None
    return 0
