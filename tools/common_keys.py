"""Build ``according/lexicons/common_keys.json``: the names and numbers found in at least a
fifth of ordinary English news articles ("US", "Trump" in 2016 politics), with their share,
so that story assignment does not take them for rare evidence while its store is small.

    python tools/common_keys.py                      # from ../shared/data/polnear/train.jsonl
    python tools/common_keys.py --data FILE.jsonl    # any JSONL with a "text" field

The keys are those story assignment indexes (``according.stories.cluster.key_set``:
folded names, numbers of two or more digits). Only the most common are kept: a small
corpus's middling frequencies reflect its topics (China, Boeing), not news in general.
Never build it from a dev or test set.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from according.stories.cluster import key_set  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "polnear" / "train.jsonl"
OUT = ROOT / "according" / "lexicons" / "common_keys.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="JSONL with a 'text' field")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--share", type=float, default=0.2, help="keep keys in at least this share of articles"
    )
    args = parser.parse_args()
    df: Counter[str] = Counter()
    articles = 0
    with args.data.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                df.update(key_set(json.loads(line)["text"]))
                articles += 1
    table = {
        "source": args.data.name if args.data != DATA else "PolNeAR train (polnear/train.jsonl)",
        "articles": articles,
        "min_share": args.share,
        "share": {
            k: round(n / articles, 3) for k, n in sorted(df.items()) if n >= args.share * articles
        },
    }
    args.out.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(table['share'])} keys from {articles} articles -> {args.out}")


if __name__ == "__main__":
    main()
