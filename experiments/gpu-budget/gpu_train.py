import gzip
import json
import math
import os
import random
import sys
import time

import numpy as np
import torch
from transformers import AutoModel

OUT = os.environ.get("OUT", "/tmp/out")
torch.manual_seed(0)
random.seed(0)
np.random.seed(0)
dev_ = "cuda" if torch.cuda.is_available() else "cpu"
with gzip.open("scratch/train.json.gz") as f:
    train = json.load(f)
with gzip.open("scratch/dev.json.gz") as f:
    dev = json.load(f)
CLS, SEP = 101, 102
L, STRIDE = 510, 255


def windows(row, stride=None):
    stride = stride or STRIDE
    ids = row["ids"]
    n = len(ids)
    out = []
    s = 0
    while True:
        out.append((s, min(n, s + L)))
        if s + L >= n:
            break
        s += stride
    return out


def train_items(rows):
    items = []
    for r in rows:
        piece_label = np.full(len(r["ids"]), -100)
        for w, p in enumerate(r["first"]):
            if p >= 0:
                piece_label[p] = r["tags"][w]
        for s, e in windows(r):
            items.append(
                ([CLS] + r["ids"][s:e] + [SEP], [-100] + piece_label[s:e].tolist() + [-100])
            )
    return items


class Tagger(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = AutoModel.from_pretrained("scratch", torch_dtype=torch.float32)
        self.drop = torch.nn.Dropout(0.1)
        self.head = torch.nn.Linear(384, 7)

    def forward(self, ids, mask):
        h = self.enc(input_ids=ids, attention_mask=mask).last_hidden_state
        return self.head(self.drop(h))


def batches(items, bs, shuffle):
    order = list(range(len(items)))
    if shuffle:
        random.shuffle(order)
    for i in range(0, len(order), bs):
        chunk = [items[j] for j in order[i : i + bs]]
        m = max(len(c[0]) for c in chunk)
        ids = torch.tensor([c[0] + [0] * (m - len(c[0])) for c in chunk])
        lab = torch.tensor([c[1] + [-100] * (m - len(c[1])) for c in chunk])
        mask = (torch.arange(m)[None, :] < torch.tensor([len(c[0]) for c in chunk])[:, None]).long()
        yield ids.to(dev_), mask.to(dev_), lab.to(dev_)


@torch.no_grad()
def predict(model, rows):
    model.eval()
    res = {}
    for r in rows:
        n = len(r["ids"])
        logits = np.zeros((n, 7), np.float32)
        best = np.full(n, -1.0)
        for s, e in windows(r, L - L // 4):
            ids = torch.tensor([[CLS] + r["ids"][s:e] + [SEP]], device=dev_)
            with torch.autocast(dev_, dtype=torch.bfloat16, enabled=dev_ == "cuda"):
                lg = model(ids, torch.ones_like(ids)).float()[0, 1:-1].log_softmax(-1).cpu().numpy()
            pos = np.arange(s, e)
            central = np.minimum(pos - s, e - 1 - pos)
            take = central > best[s:e]
            logits[s:e][take] = lg[take]
            best[s:e][take] = central[take]
        wl = np.zeros((len(r["first"]), 7), np.float16)
        for w, p in enumerate(r["first"]):
            wl[w] = logits[p] if p >= 0 else np.array([0] + [-30] * 6)
        res[r["id"]] = wl
    model.train()
    return res


def run(name, lr, epochs, bs, dumps, freeze=0, layers=6, seq=510, stride=255, save=False):
    global L, STRIDE
    L, STRIDE = seq, stride
    torch.manual_seed(0)
    random.seed(0)
    items = train_items(train)
    model = Tagger()
    model.enc.encoder.layer = model.enc.encoder.layer[:layers]
    model = model.to(dev_)
    model.enc.embeddings.word_embeddings.weight.requires_grad = False
    for layer in model.enc.encoder.layer[:freeze]:
        for p in layer.parameters():
            p.requires_grad = False
    opt = torch.optim.AdamW(
        [
            {"params": [p for p in model.enc.parameters() if p.requires_grad], "lr": lr},
            {"params": model.head.parameters(), "lr": 1e-3},
        ],
        weight_decay=0.01,
    )
    steps = epochs * math.ceil(len(items) / bs)
    warm = max(1, int(0.06 * steps))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt,
        lambda s: (
            min(1, (s + 1) / warm) * max(0.0, (steps - s) / (steps - warm))
            if s >= warm
            else (s + 1) / warm
        ),
    )
    t = time.time()
    for ep in range(1, epochs + 1):
        tot = 0
        for ids, mask, lab in batches(items, bs, True):
            with torch.autocast(dev_, dtype=torch.bfloat16, enabled=dev_ == "cuda"):
                lg = model(ids, mask)
            loss = torch.nn.functional.cross_entropy(
                lg.float().reshape(-1, 7), lab.reshape(-1), ignore_index=-100
            )
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            tot += loss.item()
        print(
            name,
            len(items),
            "windows",
            "epoch",
            ep,
            "loss",
            round(tot, 2),
            "time",
            round(time.time() - t, 1),
            flush=True,
        )
        if ep in dumps:
            res = predict(model, dev)
            np.savez_compressed(f"{OUT}/{name}_e{ep}.npz", **res)
    if save:
        sd = {
            k: v.half().cpu() for k, v in model.state_dict().items() if "word_embeddings" not in k
        }
        keys = sorted(sd)
        half = len(keys) // 2
        from safetensors.torch import save_file

        save_file({k: sd[k] for k in keys[:half]}, f"{OUT}/{name}_w1.safetensors")
        save_file({k: sd[k] for k in keys[half:]}, f"{OUT}/{name}_w2.safetensors")
    return model


for cfg in json.loads(sys.argv[1]):
    print(cfg, flush=True)
    cfg["dumps"] = set(cfg["dumps"])
    run(**cfg)
