"""Wordpieces for a spaCy ``Doc``: ids, each token's first piece, and fixed-length windows.

The tagger labels a token through its first wordpiece; a line-break token
becomes a [SEP] piece so paragraph breaks stay visible to the encoder.
"""

from __future__ import annotations

from tokenizers import Tokenizer

CLS, SEP = "[CLS]", "[SEP]"
MAX_PIECES_PER_TOKEN = 8


def word_pieces(words: list[str], tokenizer: Tokenizer) -> tuple[list[int], list[int]]:
    """Piece ids of ``words`` and, per word, the index of its first piece (-1 if none)."""
    sep = tokenizer.token_to_id(SEP)
    ids: list[int] = []
    first: list[int] = []
    encoded_words = tokenizer.encode_batch(words, add_special_tokens=False)
    for word, encoded in zip(words, encoded_words, strict=True):
        pieces = encoded.ids or ([sep] if "\n" in word else [])
        first.append(len(ids) if pieces else -1)
        ids.extend(pieces[:MAX_PIECES_PER_TOKEN])
    return ids, first


def windows(length: int, size: int, stride: int) -> list[tuple[int, int]]:
    """(start, end) windows of at most ``size`` pieces, ``stride`` apart, covering ``length``."""
    spans, start = [], 0
    while True:
        spans.append((start, min(length, start + size)))
        if start + size >= length:
            return spans
        start += stride
