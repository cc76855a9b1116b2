"""Write the shipped transformer tagger as ONNX for ONNX Runtime (int8 linear layers).

    python tools/export_onnx.py [--folder DIR] [--plain] [--out FILE]

Reads ``tagger.safetensors`` and ``tagger.json`` from the model folder (default: the
shipped ``according/models/minilm-polnear/``) and writes ``tagger.onnx`` beside them,
recording its size, sha256 and the weights it was made from in the folder's card.json
(the tagger uses it only while those match). Needs torch, onnx and onnxruntime
(``pip install 'according[export]'``); the same file for the same weights and versions.
``according train`` runs the same export itself when the ``onnx`` package is installed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from according.learned.card import sha256
from according.learned.model import shipped_path
from according.learned.ort import export, export_with_card


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=shipped_path(), help="model folder")
    parser.add_argument("--plain", action="store_true", help="float32, not quantised")
    parser.add_argument("--out", type=Path, help="file to write (default: FOLDER/tagger.onnx)")
    args = parser.parse_args()
    if args.out is not None:
        out = export(args.folder, quantize=not args.plain, out=args.out)
        print(f"{out}: {out.stat().st_size} bytes, sha256 {sha256(out)}")
        return 0
    made_by = "python tools/export_onnx.py" + (" --plain" if args.plain else "")
    section = export_with_card(args.folder, quantize=not args.plain, made_by=made_by)
    out = args.folder / section["file"]
    print(f"{out}: {section['size_bytes']} bytes, sha256 {section['sha256']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
