"""Import articles into the story store: each new one analysed (through the batch
engine, so a large import can use every core or a Dask cluster) and stored, one
transaction per article, in input order; one already stored is not analysed again, and
one in a language the analysis does not support is stored unanalysed and placed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from according.article import Article
from according.batch import analyze_stream
from according.ingest import Item, read_inputs
from according.pipeline import Failure
from according.settings import DEFAULTS, Options
from according.stories import language
from according.stories.store import Added, Store


@dataclass
class Stored(Item):
    """An input the store already holds: reported in its place, not analysed again."""

    stored_id: int = 0


@dataclass
class Unsupported(Item):
    """An article in a language the analysis does not support: stored and placed in its
    story (by names, numbers and dates), its analysis marked unsupported, never guessed."""

    unanalysed: Article | None = None


def marked(items: Iterable[Item], store: Store) -> Iterator[Item]:
    """The items, with those already in the store replaced by ``Stored`` markers."""
    for item in items:
        if item.article is not None:
            found = store.find(item.article.url, item.article.text)
            if found is not None:
                yield Stored(id=item.id, stored_id=found)
                continue
            lang = language.article_language(item.article.text)
            if lang not in language.SUPPORTED:
                item.article.lang = lang
                yield Unsupported(id=item.id, unanalysed=item.article)
                continue
        yield item


def import_articles(
    inputs: Iterable[str],
    store: Store,
    options: Options = DEFAULTS,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    dask_local: bool = False,
) -> Iterator[tuple[Item, Added | Failure]]:
    """Each input article with where the store put it (``Added``) or its ``Failure``."""
    stream = analyze_stream(
        marked(read_inputs(inputs, options), store),
        options,
        workers=workers,
        scheduler=scheduler,
        dask_local=dask_local,
    )
    for item, result in stream:
        if isinstance(item, Stored):
            yield item, Added(item.stored_id, store.article(item.stored_id).story_id, True)
        elif isinstance(item, Unsupported):
            yield item, store.add(language.unanalysed(item.unanalysed))
        elif isinstance(result, Failure):
            yield item, result
        else:
            yield item, store.add(result)
