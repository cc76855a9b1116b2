"""Tags from per-token scores: argmax, or BIO-constrained Viterbi.

Argmax takes each token's best tag on its own; a stray ``I-`` after ``O`` (or
after another role) is then read as the start of a span. Viterbi finds the best
sequence of tags under log-softmax scores in which every ``I-X`` follows
``B-X`` or ``I-X``: only well-formed spans come out.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import torch

DECODINGS = ("argmax", "viterbi")
FORBIDDEN = -1e4  # a transition's score when the BIO scheme forbids it


def transitions(tags: Sequence[str]) -> tuple[torch.Tensor, torch.Tensor]:
    """(start scores (tags,), transition scores (previous, next)): 0 where allowed."""
    n = len(tags)
    start = torch.zeros(n)
    moves = torch.zeros(n, n)
    for j, tag in enumerate(tags):
        kind, _, role = tag.partition("-")
        if kind != "I":
            continue
        start[j] = FORBIDDEN
        for i, prev in enumerate(tags):
            if prev.partition("-")[2] != role or prev == "O":
                moves[i, j] = FORBIDDEN
    return start, moves


def log_softmax(scores: np.ndarray) -> np.ndarray:
    """Row-wise log-softmax of (tokens, tags) scores, in numpy: torch's kernel woke its
    thread pool on every article (about 6 ms of CPU against 0.1), which the parse beside
    it needs; within 1e-6 of torch's, the same tags on 284 PolNeAR articles (docs/model.md)."""
    shifted = scores - scores.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def viterbi(scores: torch.Tensor, tags: Sequence[str]) -> list[int]:
    """The best well-formed tag sequence (indices) for ``scores`` (tokens, tags) of logits."""
    if not len(scores):
        return []
    emit = log_softmax(scores.float().numpy())
    start, moves = (x.numpy() for x in transitions(tags))
    best = start + emit[0]
    back = np.zeros(emit.shape, dtype=np.int64)
    for t in range(1, emit.shape[0]):
        total = best[:, None] + moves  # (previous, next)
        back[t] = total.argmax(0)
        best = total[back[t], np.arange(len(best))] + emit[t]
    path = [int(best.argmax())]
    for t in range(emit.shape[0] - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return path[::-1]


def decode(scores: torch.Tensor, tags: Sequence[str], how: str = "argmax") -> list[str]:
    """One tag per row of ``scores`` by ``how`` (``DECODINGS``)."""
    if how == "viterbi":
        best = viterbi(scores, tags)
    elif how == "argmax":
        best = scores.argmax(1).tolist() if len(scores) else []
    else:
        raise ValueError(f"unknown decoding {how!r}; choose one of {', '.join(DECODINGS)}")
    return [tags[i] for i in best]
