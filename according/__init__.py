"""according: who says what in a news article, through whom, and how surely.

>>> import according
>>> analysis = according.analyze("The minister said the plan would likely fail.")

The names below mirror the command line (``according analyze``, ``compare``,
``add``, ``trace``, ``batch`` as ``run_batch``, the output formats as ``render_as``:
``according.batch`` and ``according.render`` are the subpackages); they load on
first use, so ``import according`` and ``according --help`` stay fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from according.version import __version__

# name -> (module, attribute): loaded on first access (PEP 562).
_EXPORTS = {
    "SCHEMA": ("according.analysis", "SCHEMA"),
    "Analysis": ("according.analysis", "Analysis"),
    "Attribution": ("according.analysis", "Attribution"),
    "Certainty": ("according.analysis", "Certainty"),
    "Claim": ("according.analysis", "Claim"),
    "Profile": ("according.analysis", "Profile"),
    "Source": ("according.analysis", "Source"),
    "Span": ("according.analysis", "Span"),
    "Article": ("according.article", "Article"),
    "AccordingError": ("according.errors", "AccordingError"),
    "FetchError": ("according.errors", "FetchError"),
    "InputError": ("according.errors", "InputError"),
    "StoreError": ("according.errors", "StoreError"),
    "DEFAULTS": ("according.settings", "DEFAULTS"),
    "Options": ("according.settings", "Options"),
    "load_options": ("according.settings", "load_options"),
    "analyze": ("according.api", "analyze"),
    "analyze_many": ("according.api", "analyze_many"),
    "analyze_doc": ("according.pipeline", "analyze_doc"),
    "analyze_one": ("according.pipeline", "analyze_one"),
    "read": ("according.api", "read"),
    "compare": ("according.api", "compare"),
    "trace": ("according.api", "trace"),
    "Store": ("according.stories.store", "Store"),
    "add": ("according.store_import", "import_articles"),
    "run_batch": ("according.batch", "run_batch"),
    "render_as": ("according.render", "render"),
    "displacy": ("according.render", "displacy"),
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'according' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:  # for type checkers and IDEs: the same names, imported eagerly
    from according.analysis import (  # noqa: F401
        SCHEMA,
        Analysis,
        Attribution,
        Certainty,
        Claim,
        Profile,
        Source,
        Span,
    )
    from according.api import analyze, analyze_many, compare, read, trace  # noqa: F401
    from according.article import Article  # noqa: F401
    from according.batch import run_batch  # noqa: F401
    from according.errors import AccordingError, FetchError, InputError, StoreError  # noqa: F401
    from according.pipeline import analyze_doc, analyze_one  # noqa: F401
    from according.render import displacy  # noqa: F401
    from according.render import render as render_as  # noqa: F401
    from according.settings import DEFAULTS, Options, load_options  # noqa: F401
    from according.store_import import import_articles as add  # noqa: F401
    from according.stories.store import Store  # noqa: F401
