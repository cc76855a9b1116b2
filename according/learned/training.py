"""Rebuild the CRF tagger from a PolNeAR-format JSONL file; deterministic for a given input."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import pycrfsuite
from spacy.tokens import Doc

from according.learned.cue_lexicon import cue_lexicon
from according.learned.features import token_features
from according.learned.labels import bio_tags, role_spans
from according.learned.model import LEXICON, TAGGER


@dataclass(frozen=True)
class CRFSettings:
    """CRF training settings (L-BFGS with elastic-net regularisation)."""

    c1: float = 0.05
    c2: float = 0.01
    max_iterations: int = 150
    min_freq: int = 2


def read_articles(path: str | Path, limit: int | None = None) -> list[dict]:
    """Articles from a PolNeAR-format JSONL file (at most ``limit``)."""
    articles = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                articles.append(json.loads(line))
            if limit is not None and len(articles) >= limit:
                break
    return articles


def parse(texts: Iterable[str]) -> Iterator[Doc]:
    """The texts parsed by the project's spaCy pipeline."""
    from according.nlp import load

    yield from load().pipe(texts, batch_size=16)


def labelled(docs: Iterable[Doc], articles: Iterable[dict]) -> list[tuple[Doc, list[str]]]:
    """(doc, BIO tags) pairs from parsed docs and their gold articles."""
    return [
        (doc, bio_tags(doc, [rs for a in art["attributions"] for rs in role_spans(a)]))
        for doc, art in zip(docs, articles, strict=True)
    ]


def train(
    pairs: list[tuple[Doc, list[str]]], folder: str | Path, settings: CRFSettings = CRFSettings()
) -> dict:
    """Fit the tagger on (doc, tags) pairs and write it with its lexicon into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    lexicon = cue_lexicon(pairs)
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for doc, tags in pairs:
        trainer.append(token_features(doc, lexicon), tags)
    trainer.set_params(
        {
            "c1": settings.c1,
            "c2": settings.c2,
            "max_iterations": settings.max_iterations,
            "feature.minfreq": settings.min_freq,
            "feature.possible_transitions": True,
        }
    )
    trainer.train(str(folder / TAGGER))
    (folder / LEXICON).write_text(json.dumps(lexicon, indent=0, sort_keys=True), encoding="utf-8")
    return {
        "settings": asdict(settings),
        "documents": len(pairs),
        "tokens": sum(len(d) for d, _ in pairs),
        "seconds": round(time.perf_counter() - started, 1),
    }
