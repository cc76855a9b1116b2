"""Re-key benchmark: how long ``Store.reindex`` takes per stored article.

PolNeAR train texts (read at run time from ``../shared/data/polnear/train.jsonl``,
never copied into the repository) are stored unanalysed, keyed the way according did
before names were transliterated and skeletons kept (``spelling.latin`` and
``spelling.skeleton`` switched off, as ``tests/test_store_reindex.py`` does), with a
given random embedding (an embedding is not recomputed by a re-key). The store's index
version is then set back to 0 and ``Store.reindex`` timed: wall-clock and CPU seconds,
milliseconds per article, and keys changed. Run: ``python benchmarks/reindex.py``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from unittest import mock

import numpy as np

from according.article import Article
from according.stories import cluster, spelling
from according.stories.language import unanalysed
from according.stories.store import Store

DATA = Path(__file__).resolve().parent.parent.parent / "shared/data/polnear/train.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=840, help="articles stored (default 840)")
    args = parser.parse_args()
    texts = [json.loads(line)["text"] for line in DATA.open(encoding="utf-8")][: args.limit]
    rng = np.random.default_rng(0)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "s.db") as store:
        with (
            mock.patch.object(spelling, "latin", lambda key: key),
            mock.patch.object(spelling, "skeleton", lambda key: None),
        ):
            for i, text in enumerate(texts):
                vector = rng.standard_normal(384).astype(np.float32)
                article = Article(text=text, lang="en", published=f"2016-{i % 12 + 1:02d}")
                store.add(unanalysed(article), cluster.features(text, "en", None, vector=vector))
        store.db.execute("UPDATE articles SET keyed = 0")
        wall, cpu = time.perf_counter(), time.process_time()
        done = store.reindex()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        chars = sum(map(len, texts)) / len(texts)
    print(f"{done.articles:,} articles re-keyed ({chars:,.0f} characters each on average)")
    print(f"{done.keys:,} keys changed, {done.left} left")
    print(f"wall {wall:.2f} s, CPU {cpu:.2f} s: {1000 * cpu / done.articles:.2f} ms CPU an article")


if __name__ == "__main__":
    main()
