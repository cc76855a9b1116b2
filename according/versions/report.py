"""Plain-text report of a comparison of two versions (``according compare``)."""

from __future__ import annotations

from according.versions.compare import Comparison
from according.words import clip


def comparison_text(c: Comparison) -> str:
    """Every change in meaning from A to B, most severe first within each sentence."""
    name_a = c.a.id or c.a.title or "A"
    name_b = c.b.id or c.b.title or "B"
    aligned = sum(1 for al in c.alignments if al.a and al.b)
    lines = [
        f"A: {name_a} ({len(c.a.sentences)} sentences)   B: {name_b} ({len(c.b.sentences)} "
        f"sentences)   aligned groups: {aligned}   similarity: {c.similarity}",
    ]
    lines += [f"warning: {w}" for w in c.warnings]
    if c.related and not c.changes:
        lines.append("no change in meaning")
    counts = c.counts()
    if counts:
        lines.append("changes: " + ", ".join(f"{k} {n}" for k, n in counts.items()))
    for change in c.changes:
        lines.append("")
        lines.append(f"[{change.severity}] {change.kind}: {change.description}")
        if change.a is not None:
            lines.append(f"    A {change.a.start}-{change.a.end}: {clip(change.a.text, 88)}")
        if change.b is not None:
            lines.append(f"    B {change.b.start}-{change.b.end}: {clip(change.b.text, 88)}")
    return "\n".join(lines) + "\n"
