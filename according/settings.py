"""One options object; every default lives in ``settings.cfg`` alone.

Library functions take an ``Options``; the CLI and the web app build one from the
packaged ``settings.cfg`` (``load_options``), a settings file given with ``--config``
and their flags. ``Options`` declares the names and types; ``settings.cfg`` holds the
values (a name missing from the file is an error at import). Nothing else holds
configuration.
"""

from __future__ import annotations

import configparser
from dataclasses import dataclass, fields, replace
from importlib import resources
from typing import Any

_CONVERT = {"int": int, "float": float, "str": str}


def _packaged() -> configparser.ConfigParser:
    parser = configparser.ConfigParser()
    parser.read_string(resources.files("according").joinpath("settings.cfg").read_text("utf-8"))
    return parser


def _value(section: configparser.SectionProxy, name: str, kind: str) -> Any:
    if kind == "bool":
        return section.getboolean(name)
    return _CONVERT[kind](section[name])


def _defaults_from_file(cls: type) -> type:
    """Each annotated name of ``cls`` gets its default from the packaged settings.cfg."""
    section = _packaged()["according"]
    for name, kind in cls.__annotations__.items():
        if name not in section:
            raise RuntimeError(f"according/settings.cfg has no value for {name!r}")
        setattr(cls, name, _value(section, name, kind))
    return cls


@dataclass(frozen=True)
@_defaults_from_file
class Options:
    """Limits and switches for analysis, ingestion, fetching, serving, batches and training
    (defaults and what each means: ``according/settings.cfg``)."""

    max_chars: int
    min_chars: int
    max_mark_run: int
    require_english: bool
    fetch_urls: bool
    fetch_max_bytes: int
    fetch_connect_timeout: float
    fetch_read_timeout: float
    fetch_max_redirects: int
    fetch_total_timeout: float
    fetch_threads: int
    fetch_allow_private: bool
    ingest_max_bytes: int
    text_encoding: str
    user_agent: str
    store_path: str
    store_timeout: float
    serve_host: str
    serve_port: int
    serve_max_body: int
    serve_timeout: float
    serve_fetch_urls: bool
    serve_allowed_hosts: str
    serve_header_timeout: float
    serve_body_timeout: float
    serve_max_connections: int
    serve_recycle_after: int
    workers: int
    item_timeout: float
    item_max_memory: int
    extractor: str
    tagger_engine: str
    overlap_tagger: bool
    story_window: int
    story_similarity: float
    story_subject_margin: float
    story_key_weight: float
    story_english_key_weight: float
    story_max_days: int
    story_members: int
    story_copy_ratio: float
    story_copy_run: float
    story_own_sources: int
    train_checkpoint_steps: int
    train_checkpoint_minutes: float

    def with_(self, **changes: Any) -> Options:
        """A copy with some options changed (unknown names raise TypeError)."""
        return replace(self, **changes)


def load_options(path: str | None = None) -> Options:
    """Options from the packaged settings.cfg, overridden by the file ``path`` if given."""
    parser = _packaged()
    if path:
        parser.read(path, encoding="utf-8")
    section = parser["according"]
    return Options(**{f.name: _value(section, f.name, f.type) for f in fields(Options)})


DEFAULTS = Options()
