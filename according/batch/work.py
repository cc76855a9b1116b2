"""What a batch worker does with one chunk of articles: check, parse in one ``pipe``, extract.

The same function runs in the parent (one worker), in a local process and on a Dask
worker, so every engine gives the same result for the same chunk. It never raises:
a failure becomes a ``Failure`` record for its own item and the others go on.
"""

from __future__ import annotations

from dataclasses import dataclass

from according import nlp, pipeline
from according.analysis import Analysis
from according.article import Article
from according.batch.deadline import ArticleTimeout, time_limit
from according.errors import AccordingError, FetchError, InputError, StoreError
from according.pipeline import analyze_doc
from according.settings import DEFAULTS, Options
from according.validate import check_text

ERROR_KINDS = {
    InputError: "input",
    FetchError: "fetch",
    StoreError: "store",
    ArticleTimeout: "timeout",
}


@dataclass(frozen=True)
class Failure:
    """Why one item has no analysis; ``kind``: input, fetch, store, timeout, internal, crash."""

    error: str
    kind: str

    @classmethod
    def of(cls, exc: BaseException) -> Failure:
        """The failure record for an exception raised while analysing one item."""
        for error_type, kind in ERROR_KINDS.items():
            if isinstance(exc, error_type):
                return cls(str(exc), kind)
        if isinstance(exc, AccordingError):
            return cls(str(exc), "error")
        return cls(f"{type(exc).__name__}: {exc}", "internal")


Result = Analysis | Failure


def warm_up(options: Options = DEFAULTS, one_thread: bool = True) -> None:
    """A worker's start-up: ``pipeline.warm_up``, with one torch thread by default."""
    pipeline.warm_up(options, one_thread)


def analyze_one(article: Article, options: Options = DEFAULTS) -> Result:
    """One article, on its own: its analysis or its failure."""
    try:
        with time_limit(options.item_timeout):
            article.lang = check_text(article.text, options)
            return analyze_doc(nlp.load()(article.text), article, options.extractor)
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop a batch
        return Failure.of(exc)


def analyze_chunk(articles: list[Article], options: Options = DEFAULTS) -> list[Result]:
    """Each article's analysis or failure, in order, parsing the good ones in one batch.

    Each article gets ``options.item_timeout`` seconds (in a process's main thread).
    """
    results: list[Result | None] = [None] * len(articles)
    good: list[int] = []
    for i, article in enumerate(articles):
        try:
            article.lang = check_text(article.text, options)
            good.append(i)
        except Exception as exc:  # noqa: BLE001
            results[i] = Failure.of(exc)
    try:
        with time_limit(options.item_timeout * len(good)):
            docs = list(nlp.load().pipe([articles[i].text for i in good]))
    except Exception:  # noqa: BLE001 - the batched parse failed: redo these one by one
        docs = None
    for n, i in enumerate(good):
        if docs is None:
            results[i] = analyze_one(articles[i], options)
            continue
        try:
            with time_limit(options.item_timeout):
                results[i] = analyze_doc(docs[n], articles[i], options.extractor)
        except Exception as exc:  # noqa: BLE001
            results[i] = Failure.of(exc)
    return [r if r is not None else Failure("no result", "internal") for r in results]
