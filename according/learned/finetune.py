"""Fine-tune the transformer tagger on labelled articles, on the CPU, deterministically.

Each article's wordpieces are cut into windows; the loss is taken at each
token's first piece. Seeds, thread count and data order are fixed, so the
same data and versions give the same weights.
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
import time
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field
from pathlib import Path

import torch
from torch.nn import functional as F

from according.errors import InputError
from according.learned import card, checkpoint
from according.learned import encoder as enc
from according.learned.checkpoint import Checkpoints
from according.learned.pieces import CLS, SEP, windows, word_pieces
from according.learned.tagger import FROZEN, TAGS, Network, TaggerSettings, save

IGNORE = -100
Example = tuple[list[int], list[int]]  # piece ids with [CLS]/[SEP], a label per piece


def examples(
    articles: list[tuple[list[str], list[str]]], settings: TaggerSettings
) -> list[Example]:
    """Training windows from (words, BIO tags) pairs: labels on first pieces only."""
    tok = enc.tokenizer()
    cls, sep = tok.token_to_id(CLS), tok.token_to_id(SEP)
    index = {tag: i for i, tag in enumerate(settings.tags)}
    out = []
    for words, tags in articles:
        ids, first = word_pieces(words, tok)
        labels = [IGNORE] * len(ids)
        for word, piece in enumerate(first):
            if piece >= 0:
                labels[piece] = index[tags[word]]
        for s, e in windows(len(ids), settings.window, settings.window):
            if e > s:
                out.append(([cls, *ids[s:e], sep], [IGNORE, *labels[s:e], IGNORE]))
    return out


def _batch(chunk: list[Example]) -> tuple[torch.Tensor, ...]:
    """One padded batch: (ids, mask, labels)."""
    width = max(len(ids) for ids, _ in chunk)
    ids = torch.zeros(len(chunk), width, dtype=torch.long)
    mask = torch.zeros(len(chunk), width, dtype=torch.long)
    labels = torch.full((len(chunk), width), IGNORE, dtype=torch.long)
    for row, (piece_ids, piece_labels) in enumerate(chunk):
        ids[row, : len(piece_ids)] = torch.tensor(piece_ids)
        mask[row, : len(piece_ids)] = 1
        labels[row, : len(piece_labels)] = torch.tensor(piece_labels)
    return ids, mask, labels


def _schedule(steps: int, warmup: float) -> Callable[[int], float]:
    """Linear warm-up then linear decay to zero."""
    warm = max(1, int(warmup * steps))

    def factor(step: int) -> float:
        if step < warm:
            return (step + 1) / warm
        return max(0.0, (steps - step) / max(1, steps - warm))

    return factor


@dataclass
class Progress:
    """Where a run stands: what a checkpoint holds besides weights, optimiser and RNGs."""

    epoch: int = 1
    position: int = 0  # windows of this epoch's order trained on
    order: list[int] | None = None  # this epoch's window order (drawn at its start)
    total: float = 0.0  # this epoch's loss so far
    losses: list[float] = field(default_factory=list)
    step: int = 0
    seconds: float = 0.0  # training time of the sessions before this one
    resumed: list[dict] = field(default_factory=list)  # where each later session began

    def next_epoch(self) -> None:
        """Move to the start of the next epoch (its order is drawn when it begins)."""
        self.epoch, self.order, self.position, self.total = self.epoch + 1, None, 0, 0.0


@dataclass
class Run:
    """The objects a step changes, and the generator that orders each epoch's windows."""

    network: Network
    optimizer: torch.optim.Optimizer
    scheduler: torch.optim.lr_scheduler.LRScheduler
    generator: torch.Generator
    steps: int


def fingerprint(articles: list[tuple[list[str], list[str]]], settings: TaggerSettings) -> dict:
    """What a resumed run must share with the run that wrote the checkpoint."""
    data = json.dumps(articles, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return {
        "settings": json.loads(json.dumps(asdict(settings))),
        "data_sha256": hashlib.sha256(data).hexdigest(),
        "base_sha256": card.sha256(enc.base_folder() / "model.safetensors"),
        "torch": str(torch.__version__),
        "cpu": torch.backends.cpu.get_cpu_capability(),  # kernels differ by instruction set
    }


def _setup(settings: TaggerSettings, windows: int) -> Run:
    """The network from the base weights, AdamW and the warm-up/decay schedule."""
    network = Network(settings.layers, len(settings.tags))
    network.enc.load_state_dict(enc.load_base(settings.layers).state_dict())
    network.enc.embeddings.word_embeddings.weight.requires_grad = False
    encoder_params = [p for p in network.enc.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(
        [
            {"params": encoder_params, "lr": settings.lr},
            {"params": network.head.parameters(), "lr": settings.head_lr},
        ],
        weight_decay=settings.weight_decay,
    )
    steps = settings.epochs * math.ceil(windows / settings.batch)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, _schedule(steps, settings.warmup))
    generator = torch.Generator().manual_seed(settings.seed)
    return Run(network, optimizer, scheduler, generator, steps)


def _state(run: Run, progress: Progress, fingerprint: dict) -> dict:
    """Everything the next step depends on (the frozen word embeddings come from the base)."""
    weights = {k: v for k, v in run.network.state_dict().items() if k != FROZEN}
    return {
        "fingerprint": fingerprint,
        "weights": weights,
        "optimizer": run.optimizer.state_dict(),
        "scheduler": run.scheduler.state_dict(),
        "generator": run.generator.get_state(),
        "rng": checkpoint.rng_states(),
        "progress": asdict(progress),
    }


def _restore(run: Run, state: dict) -> Progress:
    missing, unexpected = run.network.load_state_dict(state["weights"], strict=False)
    if missing != [FROZEN] or unexpected:
        raise InputError(f"checkpoint weights do not fit the network ({missing}, {unexpected})")
    run.optimizer.load_state_dict(state["optimizer"])
    run.scheduler.load_state_dict(state["scheduler"])
    run.generator.set_state(state["generator"])
    checkpoint.set_rng_states(state["rng"])
    return Progress(**state["progress"])


def _step(run: Run, batch: tuple[torch.Tensor, ...]) -> float:
    """One optimiser step on a batch; its loss."""
    ids, mask, labels = batch
    logits = run.network(ids, mask)
    loss = F.cross_entropy(
        logits.reshape(-1, logits.shape[-1]), labels.reshape(-1), ignore_index=IGNORE
    )
    loss.backward()
    torch.nn.utils.clip_grad_norm_(run.network.parameters(), 1.0)
    run.optimizer.step()
    run.scheduler.step()
    run.optimizer.zero_grad()
    return loss.item()


class _Saver:
    """Checkpoints of one session: the resume point, what is due after a step, the time."""

    def __init__(
        self, checkpoints: Checkpoints, run: Run, fingerprint: dict, log: Callable[[str], None]
    ) -> None:
        self.checkpoints, self.run, self.fingerprint, self.log = checkpoints, run, fingerprint, log
        self.before, self.started = 0.0, time.perf_counter()
        self.last_step, self.last_time = 0, self.started

    def seconds(self) -> float:
        """Training time so far, earlier sessions included."""
        return self.before + time.perf_counter() - self.started

    def start(self) -> Progress:
        """A fresh run's progress, or the newest checkpoint's when resuming; a fresh run
        is refused where an unfinished one left checkpoints."""
        folder = self.checkpoints.folder
        if not self.checkpoints.resume:
            if checkpoint.saved(folder):
                raise InputError(
                    f"{folder} holds the checkpoints of an unfinished run: resume it "
                    "(according train --resume) or delete that folder to start again"
                )
            return Progress()
        found = checkpoint.read(folder, self.fingerprint, self.log)
        if found is None:
            self.log(f"no checkpoint in {folder}: starting from the base weights")
            return Progress()
        path, state = found
        progress = _restore(self.run, state)
        self.before, self.last_step = progress.seconds, progress.step
        where = {"step": progress.step, "of_steps": self.run.steps, "epoch": progress.epoch}
        progress.resumed.append({**where, "checkpoint": path.name})
        self.log(f"resuming from {path} (step {progress.step} of {self.run.steps})")
        return progress

    def after_step(self, progress: Progress, stopping: bool) -> None:
        """Write a checkpoint when one is due, at the last step, or before stopping."""
        since = time.perf_counter() - self.last_time
        due = self.checkpoints.due(progress.step - self.last_step, since)
        if not (due or stopping or progress.step == self.run.steps):
            return
        progress.seconds = self.seconds()
        state = _state(self.run, progress, self.fingerprint)
        path = checkpoint.write(self.checkpoints.folder, progress.step, state)
        self.last_step, self.last_time = progress.step, time.perf_counter()
        self.log(f"step {progress.step}/{self.run.steps}: checkpoint {path}")


def _epoch(
    run: Run, items: list[Example], batch: int, progress: Progress, after: Callable[[], None]
) -> None:
    """Train the rest of the current epoch (its order is drawn when it starts)."""
    if progress.order is None:
        progress.order = torch.randperm(len(items), generator=run.generator).tolist()
    while progress.position < len(progress.order):
        chunk = progress.order[progress.position : progress.position + batch]
        progress.total += _step(run, _batch([items[j] for j in chunk]))
        progress.position += len(chunk)
        progress.step += 1
        after()


def train(
    articles: list[tuple[list[str], list[str]]],
    folder: str | Path,
    settings: TaggerSettings | None = None,
    log: Callable[[str], None] = lambda line: None,
    checkpoints: Checkpoints | None = None,
    on_step: Callable[[int], None] | None = None,
) -> dict:
    """Fine-tune from the base weights on (words, tags) pairs; write the tagger into ``folder``.

    With ``checkpoints`` the run saves its state as it goes (and on SIGINT or SIGTERM,
    after the step under way) and, told to resume, continues from the newest saved state
    to the same weights an uninterrupted run gives. ``on_step(step)`` follows each step."""
    settings = settings or TaggerSettings()
    torch.manual_seed(settings.seed)
    torch.set_num_threads(settings.threads)
    torch.use_deterministic_algorithms(True)
    items = examples(articles, settings)
    run = _setup(settings, len(items))
    saver = _Saver(checkpoints, run, fingerprint(articles, settings), log) if checkpoints else None
    started = time.perf_counter()
    # signals are caught from here: a stop asked for while resuming waits for one step
    with checkpoint.stop_requests() if saver else nullcontext(threading.Event()) as stop:
        progress = saver.start() if saver else Progress()

        def after() -> None:
            if saver:
                saver.after_step(progress, stop.is_set())
            if stop.is_set():
                raise KeyboardInterrupt
            if on_step:
                on_step(progress.step)

        run.network.train()
        for epoch in range(progress.epoch, settings.epochs + 1):
            _epoch(run, items, settings.batch, progress, after)
            progress.losses.append(round(progress.total, 3))
            seconds = saver.seconds() if saver else time.perf_counter() - started
            log(f"epoch {epoch}/{settings.epochs}: loss {progress.total:.2f}, {seconds:.0f} s")
            progress.next_epoch()
    save(run.network.eval(), settings, folder)
    info = {
        "settings": asdict(settings),
        "documents": len(articles),
        "windows": len(items),
        "tokens": sum(len(words) for words, _ in articles),
        "epoch_losses": progress.losses,
        "seconds": round(saver.seconds() if saver else time.perf_counter() - started, 1),
    }
    if checkpoints:
        every = {"every_steps": checkpoints.every_steps, "every_minutes": checkpoints.every_minutes}
        info["checkpoints"] = {**every, "resumed": progress.resumed}
    return info


__all__ = ["TAGS", "Checkpoints", "examples", "fingerprint", "train"]
