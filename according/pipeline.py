"""check -> parse -> extract -> resolve -> enrich -> profile: the one road for an article.

``analyze_one(article, options)`` is the whole job for one article and never raises:
it returns the ``Analysis`` or a ``Failure`` record. Every caller goes through it
(the CLI, ``batch``, ``add``, ``versions.compare`` and the web app's workers);
``analyze_chunk`` does the same for a chunk, parsing the good articles in one batch.
``analyze`` and ``analyze_many`` are the library's raising forms of the same job.
Where a process has a core to spare, every one of them runs the transformer tagger (it
needs only the tokens) in a second thread while spaCy parses (``overlap_tagger``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc

from according import nlp
from according.analysis import Analysis
from according.article import Article
from according.deadline import ArticleTimeout, time_limit
from according.errors import AccordingError, FetchError, InputError, StoreError
from according.extract import assemble, registry
from according.learned import model as learned_model
from according.settings import DEFAULTS, Options
from according.validate import check_text

if TYPE_CHECKING:
    from according.learned.tagger import Tagger

ERROR_KINDS = {
    InputError: "input",
    FetchError: "fetch",
    StoreError: "store",
    ArticleTimeout: "timeout",
}


@dataclass(frozen=True)
class Failure:
    """Why one item has no analysis.

    ``kind``: input, fetch, store, timeout, error (another ``AccordingError``),
    internal (a bug), crash (the worker process died).
    """

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

    @property
    def user_error(self) -> bool:
        """Whether the input is at fault (not a bug, a crash or a time limit)."""
        return self.kind in ("input", "fetch", "error")

    def exception(self) -> AccordingError:
        """The failure as an exception, for a caller that raises (``versions.compare``)."""
        kinds = {kind: error_type for error_type, kind in ERROR_KINDS.items()}
        error_type = kinds.get(self.kind, AccordingError)
        if not issubclass(error_type, AccordingError):
            error_type = AccordingError
        return error_type(self.error)

    def record(self, item_id: str | None = None) -> dict[str, Any]:
        """The error record every interface writes: ``{"id", "error", "error_kind"}``."""
        return {"id": item_id, "error": self.error, "error_kind": self.kind}


Result = Analysis | Failure

# extractors whose ``model`` argument is the shipped tagger (``learned_model.load()``)
TAGGER_EXTRACTORS = frozenset({"hybrid", "learned"})


def as_article(item: str | Article) -> Article:
    """Accept plain text or an ``Article``."""
    return item if isinstance(item, Article) else Article(text=item)


def check(article: Article, options: Options = DEFAULTS) -> Article:
    """The article, checked (size, content, language; ``InputError`` if unfit), its
    ``lang`` set."""
    article.lang = check_text(article.text, options)
    return article


def analyze_doc(
    doc: Doc,
    article: Article,
    extractor: str = DEFAULTS.extractor,
    tagging: learned_model.Tagging | None = None,
) -> Analysis:
    """The analysis of an already checked and parsed article (``doc.text == article.text``).

    ``extractor`` names the span extractor (``extract.registry``): the default
    hybrid of the learned tagger and the rules, or another one for comparison.
    ``tagging``: the tags of ``doc`` computed ahead, for a ``TAGGER_EXTRACTORS`` one.
    """
    find = registry.get(extractor)
    return assemble.build(doc, article, find if tagging is None else partial(find, model=tagging))


def analyze_one(
    article: Article,
    options: Options = DEFAULTS,
    doc: Doc | None = None,
    tagging: learned_model.Tagging | None = None,
) -> Result:
    """One article, checked, parsed and analysed with ``options.extractor`` within
    ``options.item_timeout`` seconds: its ``Analysis``, or the ``Failure`` that stopped it.

    ``doc``: the article already parsed (a caller that needs the parse too);
    ``tagging``: its tags computed ahead (``analyze_doc``).
    """
    try:
        with time_limit(options.item_timeout):
            check(article, options)
            if doc is None:
                doc, tagging = parse_one(article.text, options, options.extractor)
            return analyze_doc(doc, article, options.extractor, tagging)
    except Exception as exc:  # noqa: BLE001 - a failure is a result, not an exception
        return Failure.of(exc)


def parse_one(
    text: str, options: Options, extractor: str
) -> tuple[Doc, learned_model.Tagging | None]:
    """One text parsed, with its tags computed beside the parse where ``tagger_ahead``
    says so (the CLI's and the library's single articles, not one-thread workers')."""
    tagger = tagger_ahead(options, extractor)
    if tagger is None:
        return nlp.load()(text), None
    pool = ThreadPoolExecutor(1, thread_name_prefix="according-tagger")
    try:
        return next(parse([text], None, tagger, pool))
    finally:  # the tags are awaited in the analysis, within the article's time limit
        pool.shutdown(wait=False)


def tagger_ahead(options: Options, extractor: str) -> Tagger | None:
    """The transformer tagger to run beside the parse, or None: not for this extractor,
    ``overlap_tagger`` off, or one math thread only (a batch or web worker: the other
    cores are other workers', so a second thread would only take turns with the parse)."""
    if not options.overlap_tagger or extractor not in TAGGER_EXTRACTORS:
        return None
    from according.learned import ort, tagger

    found = learned_model.load()
    return found if isinstance(found, tagger.Tagger) and ort.threads() > 1 else None


def parse(
    texts: Iterable[str],
    batch_size: int | None = None,
    tagger: Tagger | None = None,
    pool: Executor | None = None,
) -> Iterator[tuple[Doc, learned_model.Tagging | None]]:
    """Each text parsed (in batches of ``batch_size``, spaCy's default if None), with its
    tags when ``tagger`` runs in ``pool``: each doc's token texts go to the tagger as soon
    as it is tokenized, before its parse."""
    language = nlp.load()
    if tagger is None or pool is None:
        for doc in language.pipe(texts, batch_size=batch_size):
            yield doc, None
        return
    from according.learned import ort
    from according.learned.tagger import Ahead

    threads = max(1, ort.threads() - 1)  # one core is the parse's
    ahead: deque[Ahead] = deque()

    def tokenized() -> Iterator[Doc]:
        for text in texts:
            doc = language.make_doc(text)
            ahead.append(Ahead(pool.submit(tagger.tags_of, [t.text for t in doc], threads)))
            yield doc

    try:
        for doc in language.pipe(tokenized(), batch_size=batch_size):
            yield doc, ahead.popleft()
    finally:
        for waiting in ahead:  # a caller that stops early: tags no one will read
            waiting.pending.cancel()


def analyze_chunk(articles: list[Article], options: Options = DEFAULTS) -> list[Result]:
    """``analyze_one`` for each article, in order, parsing the good ones in one batch.

    What a batch worker runs (in this process, a local worker or a Dask worker), so
    every engine gives the same result for the same chunk.
    """
    results: list[Result | None] = [None] * len(articles)
    good: list[int] = []
    for i, article in enumerate(articles):
        try:
            check(article, options)
            good.append(i)
        except Exception as exc:  # noqa: BLE001
            results[i] = Failure.of(exc)
    tagger = tagger_ahead(options, options.extractor)
    with ThreadPoolExecutor(1, thread_name_prefix="according-tagger") as pool:
        parsed: list[tuple[Doc | None, learned_model.Tagging | None]]
        try:
            with time_limit(options.item_timeout * len(good)):
                texts = [articles[i].text for i in good]
                parsed = list(parse(texts, None, tagger, pool))
        except Exception:  # noqa: BLE001 - the batched parse failed: redo these one by one
            parsed = [(None, None)] * len(good)
        for (doc, tagging), i in zip(parsed, good, strict=True):
            results[i] = analyze_one(articles[i], options, doc, tagging)
    return [r if r is not None else Failure("no result", "internal") for r in results]


def analyze(
    item: str | Article, options: Options = DEFAULTS, extractor: str | None = None
) -> Analysis:
    """Who says what in one article, through whom, and how surely; raises on a bad input.

    The library's form of ``analyze_one``: no time limit, and an exception (an
    ``InputError`` for an unfit text) instead of a ``Failure``.
    """
    article = check(as_article(item), options)
    extractor = extractor or options.extractor
    doc, tagging = parse_one(article.text, options, extractor)
    return analyze_doc(doc, article, extractor, tagging)


def analyze_many(
    items: Iterable[str | Article],
    options: Options = DEFAULTS,
    batch_size: int = 16,
    extractor: str | None = None,
) -> Iterator[Analysis]:
    """``analyze`` over many articles, parsing in batches; raises on the first bad one.
    The tagger runs beside the parse where ``tagger_ahead`` says so."""
    articles = [check(as_article(item), options) for item in items]
    extractor = extractor or options.extractor
    tagger = tagger_ahead(options, extractor)
    with ThreadPoolExecutor(1, thread_name_prefix="according-tagger") as pool:
        parsed = parse((a.text for a in articles), batch_size, tagger, pool)
        for article, (doc, tagging) in zip(articles, parsed, strict=True):
            yield analyze_doc(doc, article, extractor, tagging)


WARM_UP_TEXT = 'Officials said on Monday that "the roads are open."'


def warm_up(options: Options = DEFAULTS, one_thread: bool = False) -> None:
    """Load spaCy and what ``options.extractor`` needs now, not on the first article.

    A short analysis does the loading, so a worker loads the tagger its extractor uses
    and no other. ``one_thread``: torch takes one math thread, for a worker process
    that shares the cores with others (their threads would fight over them).
    """
    if one_thread:
        import torch  # only a worker that shares the cores needs torch's settings

        torch.set_num_threads(1)
    analyze_doc(nlp.load()(WARM_UP_TEXT), Article(text=WARM_UP_TEXT), options.extractor)
