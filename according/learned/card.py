"""The model card beside the shipped tagger: checksum, data provenance, settings, figures."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

CARD = "card.json"


def sha256(path: str | Path) -> str:
    """Hex sha256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_card(folder: str | Path, card: dict) -> Path:
    """Write ``card`` as ``card.json`` in ``folder`` (sorted keys, so rebuilds diff cleanly)."""
    path = Path(folder) / CARD
    path.write_text(json.dumps(card, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def read_card(folder: str | Path) -> dict:
    """The card of a model folder."""
    return json.loads((Path(folder) / CARD).read_text(encoding="utf-8"))
