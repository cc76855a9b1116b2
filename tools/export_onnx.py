"""Write the shipped transformer tagger as ONNX for ONNX Runtime (int8 linear layers).

    python tools/export_onnx.py [--folder DIR] [--plain] [--out FILE]

Reads ``tagger.safetensors`` and ``tagger.json`` from the model folder (default: the
shipped ``according/models/minilm-polnear/``) and writes ``tagger.onnx`` beside them,
recording its size, sha256 and the weights it was made from in the folder's card.json
(the tagger uses it only while those match). Needs torch, onnx and onnxruntime
(``pip install 'according[export]'``); the same file for the same weights and versions.
Run it after every ``according train``.
"""

from __future__ import annotations

import argparse
import sys
from importlib import metadata
from pathlib import Path

from according.learned.card import read_card, sha256, write_card
from according.learned.model import shipped_path, weights_file
from according.learned.ort import export


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=shipped_path(), help="model folder")
    parser.add_argument("--plain", action="store_true", help="float32, not quantised")
    parser.add_argument("--out", type=Path, help="file to write (default: FOLDER/tagger.onnx)")
    args = parser.parse_args()
    out = export(args.folder, quantize=not args.plain, out=args.out)
    print(f"{out}: {out.stat().st_size} bytes, sha256 {sha256(out)}")
    if args.out is None:
        card = read_card(args.folder)
        card["onnx"] = {
            "file": out.name,
            "int8": not args.plain,
            "made_by": "python tools/export_onnx.py" + (" --plain" if args.plain else ""),
            "sha256": sha256(out),
            "size_bytes": out.stat().st_size,
            "source_sha256": sha256(weights_file(args.folder)),
            "versions": {p: metadata.version(p) for p in ("torch", "onnx", "onnxruntime")},
        }
        write_card(args.folder, card)
    return 0


if __name__ == "__main__":
    sys.exit(main())
