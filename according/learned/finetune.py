"""Fine-tune the transformer tagger on labelled articles, on the CPU, deterministically.

Each article's wordpieces are cut into windows; the loss is taken at each
token's first piece. Seeds, thread count and data order are fixed, so the
same data and versions give the same weights.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path

import torch
from torch.nn import functional as F

from according.learned import encoder as enc
from according.learned.pieces import CLS, SEP, windows, word_pieces
from according.learned.tagger import TAGS, Network, TaggerSettings, save

IGNORE = -100
Example = tuple[list[int], list[int]]  # piece ids with [CLS]/[SEP], a label per piece


def examples(
    articles: list[tuple[list[str], list[str]]], settings: TaggerSettings
) -> list[Example]:
    """Training windows from (words, BIO tags) pairs: labels on first pieces only."""
    tok = enc.tokenizer()
    cls, sep = tok.token_to_id(CLS), tok.token_to_id(SEP)
    index = {tag: i for i, tag in enumerate(settings.tags)}
    out = []
    for words, tags in articles:
        ids, first = word_pieces(words, tok)
        labels = [IGNORE] * len(ids)
        for word, piece in enumerate(first):
            if piece >= 0:
                labels[piece] = index[tags[word]]
        for s, e in windows(len(ids), settings.window, settings.window):
            if e > s:
                out.append(([cls, *ids[s:e], sep], [IGNORE, *labels[s:e], IGNORE]))
    return out


def batches(
    items: list[Example], size: int, generator: torch.Generator
) -> Iterator[tuple[torch.Tensor, ...]]:
    """Shuffled, padded batches: (ids, mask, labels)."""
    order = torch.randperm(len(items), generator=generator).tolist()
    for i in range(0, len(order), size):
        chunk = [items[j] for j in order[i : i + size]]
        width = max(len(ids) for ids, _ in chunk)
        ids = torch.zeros(len(chunk), width, dtype=torch.long)
        mask = torch.zeros(len(chunk), width, dtype=torch.long)
        labels = torch.full((len(chunk), width), IGNORE, dtype=torch.long)
        for row, (piece_ids, piece_labels) in enumerate(chunk):
            ids[row, : len(piece_ids)] = torch.tensor(piece_ids)
            mask[row, : len(piece_ids)] = 1
            labels[row, : len(piece_labels)] = torch.tensor(piece_labels)
        yield ids, mask, labels


def _schedule(steps: int, warmup: float) -> Callable[[int], float]:
    """Linear warm-up then linear decay to zero."""
    warm = max(1, int(warmup * steps))

    def factor(step: int) -> float:
        if step < warm:
            return (step + 1) / warm
        return max(0.0, (steps - step) / max(1, steps - warm))

    return factor


def train(
    articles: list[tuple[list[str], list[str]]],
    folder: str | Path,
    settings: TaggerSettings | None = None,
    log: Callable[[str], None] = lambda line: None,
) -> dict:
    """Fine-tune from the base weights on (words, tags) pairs; write the tagger into ``folder``."""
    settings = settings or TaggerSettings()
    started = time.perf_counter()
    torch.manual_seed(settings.seed)
    torch.set_num_threads(settings.threads)
    torch.use_deterministic_algorithms(True)
    items = examples(articles, settings)
    network = Network(settings.layers, len(settings.tags))
    network.enc.load_state_dict(enc.load_base(settings.layers).state_dict())
    network.enc.embeddings.word_embeddings.weight.requires_grad = False
    encoder_params = [p for p in network.enc.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(
        [
            {"params": encoder_params, "lr": settings.lr},
            {"params": network.head.parameters(), "lr": settings.head_lr},
        ],
        weight_decay=settings.weight_decay,
    )
    steps = settings.epochs * math.ceil(len(items) / settings.batch)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, _schedule(steps, settings.warmup))
    generator = torch.Generator().manual_seed(settings.seed)
    network.train()
    losses = []
    for epoch in range(1, settings.epochs + 1):
        total = 0.0
        for ids, mask, labels in batches(items, settings.batch, generator):
            logits = network(ids, mask)
            loss = F.cross_entropy(
                logits.reshape(-1, logits.shape[-1]), labels.reshape(-1), ignore_index=IGNORE
            )
            loss.backward()
            torch.nn.utils.clip_grad_norm_(network.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            total += loss.item()
        losses.append(round(total, 3))
        seconds = time.perf_counter() - started
        log(f"epoch {epoch}/{settings.epochs}: loss {total:.2f}, {seconds:.0f} s")
    save(network.eval(), settings, folder)
    return {
        "settings": asdict(settings),
        "documents": len(articles),
        "windows": len(items),
        "tokens": sum(len(words) for words, _ in articles),
        "epoch_losses": losses,
        "seconds": round(time.perf_counter() - started, 1),
    }


__all__ = ["TAGS", "examples", "train"]
