"""Which language an article is in: py3langid (a maintained langid.py), from the text alone.

``according add`` stores articles in every language; only English is analysed
for attributions, the others are placed in their stories by names, numbers and dates.
"""

from __future__ import annotations

from according.analysis import Analysis
from according.article import Article

SUPPORTED = frozenset({"en"})
PROSE_WORDS = 50  # English prose this long has its stop words; a list of names may not


def detect(text: str) -> str:
    """The ISO 639-1 code of the text's language (from its first 5,000 characters)."""
    import py3langid

    lang, _ = py3langid.classify(" ".join(text[:5000].split()))
    return lang


def unsupported_warning(lang: str) -> str:
    return (
        f"language {lang!r} is not supported for attribution analysis: the article is "
        "stored and placed in its story, but no sources or attributions were extracted"
    )


def article_language(text: str) -> str:
    """The language ``according add`` files an article under: English unless both
    py3langid and the input check's stop-word count see another language (a short
    or mixed text is given the benefit of the doubt and analysed). A text of at least
    ``PROSE_WORDS`` words in which no listed language's stop words are common is not
    English prose either (Estonian, Finnish...): py3langid's answer stands."""
    from according.validate import guess_language

    lang = detect(text)
    if lang in SUPPORTED:
        return lang
    guess = guess_language(text)
    if guess is None and len(text.split()) >= PROSE_WORDS:
        return lang
    return "en" if guess in (None, "en") else lang


def unanalysed(article: Article) -> Analysis:
    """The stored analysis of an article in an unsupported language: empty, and marked so."""
    return Analysis(article=article, warnings=[unsupported_warning(article.lang or "?")])
