"""ingest -> check -> parse -> extract -> resolve -> enrich -> profile, in one direction.

``analyze`` is the whole job for one article; ``analyze_many`` streams many
through ``nlp.pipe`` so the parse is batched.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from according import nlp
from according.analysis import Analysis
from according.article import Article
from according.extract import DEFAULT_EXTRACTOR, assemble
from according.settings import DEFAULTS, Options
from according.validate import check_text


def as_article(item: str | Article) -> Article:
    """Accept plain text or an ``Article``."""
    return item if isinstance(item, Article) else Article(text=item)


def analyze(
    item: str | Article, options: Options = DEFAULTS, extractor: str | None = None
) -> Analysis:
    """Who says what in one article, through whom, and how surely (``options.extractor``)."""
    article = as_article(item)
    article.lang = check_text(article.text, options)
    return analyze_doc(nlp.load()(article.text), article, extractor or options.extractor)


def analyze_many(
    items: Iterable[str | Article],
    options: Options = DEFAULTS,
    batch_size: int = 16,
    extractor: str | None = None,
) -> Iterator[Analysis]:
    """``analyze`` over many articles, parsing in batches; raises on the first bad one."""
    articles = []
    for item in items:
        article = as_article(item)
        article.lang = check_text(article.text, options)
        articles.append(article)
    docs = nlp.load().pipe((a.text for a in articles), batch_size=batch_size)
    for article, doc in zip(articles, docs, strict=True):
        yield analyze_doc(doc, article, extractor or options.extractor)


def analyze_doc(doc: Doc, article: Article, extractor: str = DEFAULT_EXTRACTOR) -> Analysis:
    """The analysis of an already parsed article (``doc.text == article.text``).

    ``extractor`` names the span extractor (``assemble.EXTRACTORS``): the default
    hybrid of the learned tagger and the rules, or either alone for comparison.
    """
    return assemble.build(doc, article, extractor)


WARM_UP_TEXT = 'Officials said on Monday that "the roads are open."'


def warm_up(options: Options = DEFAULTS, one_thread: bool = False) -> None:
    """Load spaCy and what ``options.extractor`` needs now, not on the first article.

    A short analysis does the loading, so a worker loads the tagger its extractor uses
    and no other. ``one_thread``: torch takes one math thread, for a worker process
    that shares the cores with others (their threads would fight over them).
    """
    if one_thread:
        import torch

        torch.set_num_threads(1)
    analyze_doc(nlp.load()(WARM_UP_TEXT), Article(text=WARM_UP_TEXT), options.extractor)
