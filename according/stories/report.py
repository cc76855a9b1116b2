"""Plain-text reports for the story commands: the story list and a trace."""

from __future__ import annotations

import textwrap

from according.stories.store import Added, StoryRow
from according.stories.trace import Trace
from according.words import clip

_WIDTH = 100


def added_line(name: str, added: Added) -> str:
    """One line for an article ``according add`` stored, or found already stored."""
    if added.duplicate:
        return f"{name}: already stored as article {added.article_id} (story {added.story_id})"
    lang = f" [{added.lang}: stored, not analysed]" if added.lang not in (None, "en") else ""
    if added.new_story:
        return f"{name}: article {added.article_id}, new story {added.story_id}{lang}"
    how = {
        "near-duplicate": f"near-duplicate of article {added.nearest}, Jaccard {added.score}",
        "embedding": f"mean opening similarity {added.score}; nearest article {added.nearest}",
    }.get(
        added.joined_via,
        f"shares names and numbers with article {added.nearest}, weight {added.score}",
    )
    line = f"{name}: article {added.article_id}, joins story {added.story_id} ({how}){lang}"
    if added.merged:
        line += "; merges story " + ", ".join(str(s) for s in added.merged)
    if added.split:
        line += "; splits off story " + ", ".join(str(s) for s in added.split) + " (another date)"
    return line


def stories_text(rows: list[StoryRow], path: str) -> str:
    """The story list: id, size, dates, outlets, headline."""
    if not rows:
        return f"no stories in {path}\n"
    lines = [f"{'story':>6} {'size':>5}  {'first':<10}  {'outlets':<24}  headline"]
    for r in rows:
        outlets = clip(", ".join(r.outlets) or "-", 24)
        first = (r.first or r.created or "-")[:10]
        lines.append(f"{r.id:>6} {r.size:>5}  {first:<10}  {outlets:<24}  {clip(r.headline, 60)}")
    return "\n".join(lines) + "\n"


def trace_text(trace: Trace) -> str:
    """A story's trace: summary, then each article's relays and role."""
    lines = [f"story {trace.story_id}: {clip(trace.headline, 90)}", ""]
    lines += [textwrap.fill(s, _WIDTH, subsequent_indent="  ") for s in trace.summary]
    lines += [f"warning: {w}" for w in trace.warnings]
    lines += [textwrap.fill(f"history: {h}", _WIDTH, subsequent_indent="  ") for h in trace.history]
    lines.append("")
    for a in trace.articles:
        name = a.outlet or a.title or ""
        lang = f" [{a.lang}]" if a.lang and a.lang != "en" else ""
        lines.append(
            f"article {a.id}  {a.role}  {clip(name, 50)}{lang}  {a.published or ''}".rstrip()
        )
        if a.evidence:
            lines.append(f"    ({a.evidence})")
        for key in a.cites:
            node = trace.node(key)
            if node:
                lines.append(f"    cites {node.kind}: {clip(node.name, 80)}")
        for change in a.changes:
            lines.append(
                f"    changed [{change['severity']}] {change['kind']}: "
                f"{clip(change['description'], 80)}"
            )
    lines.append("")
    lines.append("relay graph (citer -> cited, articles):")
    for e in trace.edges:
        citer = trace.node(e.citer)
        cited = trace.node(e.cited)
        left = citer.name if citer else e.citer
        right = cited.name if cited else e.cited
        ids = ",".join(str(i) for i in e.articles)
        lines.append(f"    {clip(left, 40)} -> {clip(right, 40)}  [{ids}]")
    return "\n".join(lines) + "\n"
