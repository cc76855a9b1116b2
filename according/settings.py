"""One options object with every default in one place (read from settings.cfg).

Library functions take an ``Options``; the CLI and the web app build one from
their flags. Nothing else holds configuration.
"""

from __future__ import annotations

import configparser
from dataclasses import dataclass, fields, replace
from importlib import resources
from typing import Any

from according.errors import InputError
from according.extract import EXTRACTOR_NAMES


@dataclass(frozen=True)
class Options:
    """Limits and switches for analysis, ingestion, fetching, serving and batches."""

    max_chars: int = 50_000
    min_chars: int = 1
    max_mark_run: int = 100
    require_english: bool = True
    fetch_urls: bool = True
    fetch_max_bytes: int = 5_000_000
    fetch_connect_timeout: float = 5.0
    fetch_read_timeout: float = 15.0
    fetch_max_redirects: int = 5
    fetch_total_timeout: float = 10.0
    fetch_threads: int = 4
    fetch_allow_private: bool = False
    ingest_max_bytes: int = 10_000_000
    text_encoding: str = "utf-8"
    user_agent: str = "according/0.1 (+attribution analysis; polite single fetch)"
    store_path: str = "according.db"
    store_timeout: float = 5.0
    serve_host: str = "127.0.0.1"
    serve_port: int = 8000
    serve_max_body: int = 6_000_000
    serve_timeout: float = 60.0
    serve_fetch_urls: bool = False
    serve_allowed_hosts: str = ""
    serve_header_timeout: float = 10.0
    serve_body_timeout: float = 30.0
    serve_max_connections: int = 200
    serve_recycle_after: int = 500
    workers: int = 0
    item_timeout: float = 60.0
    item_max_memory: int = 2000
    extractor: str = "hybrid"

    def with_(self, **changes: Any) -> Options:
        """A copy with some options changed (unknown names raise TypeError)."""
        return replace(self, **changes)


def load_options(path: str | None = None) -> Options:
    """Options from the packaged settings.cfg, overridden by ``path`` if given."""
    parser = configparser.ConfigParser()
    parser.read_string(resources.files("according").joinpath("settings.cfg").read_text("utf-8"))
    if path:
        parser.read(path, encoding="utf-8")
    values: dict[str, Any] = {}
    section = parser["according"]
    for f in fields(Options):
        if f.name not in section:
            continue
        raw = section[f.name]
        kind = type(getattr(Options, f.name))
        values[f.name] = section.getboolean(f.name) if kind is bool else kind(raw)
    options = Options(**values)
    if options.extractor not in EXTRACTOR_NAMES:
        names = ", ".join(EXTRACTOR_NAMES)
        raise InputError(
            f"settings: unknown extractor {options.extractor!r}; choose one of {names}"
        )
    return options


DEFAULTS = Options()
