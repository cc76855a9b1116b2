"""Runs the extraction steps in order and builds the ``Analysis``."""

from __future__ import annotations

from spacy.tokens import Doc

from according.analysis import Analysis
from according.article import Article


def build(doc: Doc, article: Article) -> Analysis:
    """All extraction steps over one parsed article."""
    return Analysis(article=article)
