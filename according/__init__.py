"""according: who says what in a news article, through whom, and how surely.

>>> import according
>>> analysis = according.analyze("The minister said the plan would likely fail.")
"""

from according.analysis import (
    SCHEMA,
    Analysis,
    Attribution,
    Certainty,
    Claim,
    Profile,
    Source,
    Span,
)
from according.article import Article
from according.errors import AccordingError, FetchError, InputError, StoreError
from according.pipeline import analyze, analyze_doc, analyze_many
from according.settings import DEFAULTS, Options, load_options
from according.version import __version__

__all__ = [
    "__version__",
    "SCHEMA",
    "AccordingError",
    "Analysis",
    "Article",
    "Attribution",
    "Certainty",
    "Claim",
    "DEFAULTS",
    "FetchError",
    "InputError",
    "Options",
    "Profile",
    "Source",
    "Span",
    "StoreError",
    "analyze",
    "analyze_doc",
    "analyze_many",
    "load_options",
]
