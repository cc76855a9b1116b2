"""Attributions drawn with displaCy's ``span`` style, for notebooks and quick looks.

Works on a Doc the spaCy component has run on, or on any ``Analysis`` (its text is
cut at whitespace for display). displaCy escapes the article text.
"""

from __future__ import annotations

from spacy import displacy as spacy_displacy
from spacy.tokens import Doc

from according.analysis import DISPLAY_COLORS, Analysis

SPANS_KEY = "according"


def displacy(target: Doc | Analysis, jupyter: bool | None = None) -> str:
    """HTML of the attributions in ``target`` (shown inline in a notebook when ``jupyter``)."""
    options = {"colors": DISPLAY_COLORS, "spans_key": SPANS_KEY}
    if isinstance(target, Analysis):
        data = target.display_data()
        return spacy_displacy.render(
            data, style="span", manual=True, options=options, jupyter=jupyter
        )
    return spacy_displacy.render(target, style="span", options=options, jupyter=jupyter)
