"""Which language an article is in: py3langid (a maintained langid.py), from the text alone.

``according add`` stores articles in every language; only English is analysed
for attributions, the others are placed in their stories by names, numbers and dates.
"""

from __future__ import annotations

from according.analysis import Analysis
from according.article import Article
from according.validate import detect, text_language

SUPPORTED = frozenset({"en"})


def unsupported_warning(lang: str) -> str:
    return (
        f"language {lang!r} is not supported for attribution analysis: the article is "
        "stored and placed in its story, but no sources or attributions were extracted"
    )


def article_language(text: str) -> str:
    """The language ``according add`` files an article under: English unless both
    py3langid and the input check (``validate.text_language``) see another language (a
    short or mixed text is given the benefit of the doubt and analysed)."""
    lang = detect(text)
    if lang in SUPPORTED:
        return lang
    return "en" if text_language(text) in (None, "en") else lang


def unanalysed(article: Article) -> Analysis:
    """The stored analysis of an article in an unsupported language: empty, and marked so."""
    return Analysis(article=article, warnings=[unsupported_warning(article.lang or "?")])
