"""Changes a reader can trust: one change per moved word, both sides' words named.

Run last on a comparison's changes:

- A word dropped in one sentence and added in another (a hedge, a name, a number,
  a quotation that moved) is one ``moved`` change (``low``), naming where it went;
  listing it as removed and as added would count one edit twice.
- Each change's description names the words of both sides: where a detector
  describes only one side ("hedge “reportedly” dropped"), the other side's aligned
  words are appended ("; B: “The Financial Times reported on Sunday”").

Spelling variants ("neighbouring"/"neighboring") are folded earlier, where words are
judged (``according.words.same_spelling``).
"""

from __future__ import annotations

from according import words
from according.analysis import Span
from according.versions.model import Change

CLIP = 70
_DROPPED = {"entity_removed", "hedge_dropped", "quote_removed"}
_ADDED = {"entity_added", "hedge_added", "quote_added"}


def _key(span: Span | None) -> str:
    return words.spelling(" ".join((span.text if span else "").split()).strip(" \"'\u201c\u201d"))


def _dropped(change: Change) -> str | None:
    """The word a change says is gone from A's place, if it is that kind of change."""
    if change.kind in _DROPPED or (
        change.kind == "number" and change.description.endswith("dropped")
    ):
        return _key(change.a)
    return None


def _added(change: Change) -> str | None:
    if change.kind in _ADDED or (change.kind == "number" and change.description.endswith("added")):
        return _key(change.b)
    return None


def _family(kind: str) -> str:
    return kind.rsplit("_", 1)[0]


def fold_moved(changes: list[Change]) -> list[Change]:
    """One change for each word dropped in one place and added in another."""
    out: list[Change] = []
    used: set[int] = set()
    for i, gone in enumerate(changes):
        word = _dropped(gone)
        if i in used or not word:
            continue
        for j, came in enumerate(changes):
            if j in used or j == i or _added(came) != word:
                continue
            if _family(came.kind) != _family(gone.kind):
                continue
            used |= {i, j}
            moved = Change(
                "moved",
                "low",
                f"\u201c{words.clip(gone.a.text, CLIP)}\u201d moved: dropped from one sentence, "
                f"added to another (as \u201c{words.clip(came.b.text, CLIP)}\u201d)",
                gone.a,
                came.b,
                gone.alignment,
            )
            out.append(moved)
            break
    return [c for k, c in enumerate(changes) if k not in used] + out


def name_both_sides(change: Change) -> Change:
    """Append the words of a side the description does not name."""
    for label, span in (("A", change.a), ("B", change.b)):
        if span is None or not span.text.strip():
            continue
        text = " ".join(span.text.split())
        if text[:40] in change.description:
            continue
        change.description += f"; {label}: \u201c{words.clip(text, CLIP)}\u201d"
    return change


def calm(changes: list[Change]) -> list[Change]:
    folded = fold_moved(changes)
    folded.sort(key=lambda c: (c.a.start if c.a else -1, c.kind))
    return [name_both_sides(c) for c in folded]
