"""A stored story as a reader sees it: its trace (``stories.trace``) with what each
English version changed against the original (``versions.compare``), rendered as the
HTML report or the web page's body (``render.story_html``).

It lives above ``stories`` and ``versions`` because it joins them: those packages do
not import each other (docs/architecture.md).
"""

from __future__ import annotations

from according.settings import DEFAULTS, Options
from according.stories.store import Store
from according.stories.trace import Trace, trace_story

# the kinds of change listed per version, in this order within a severity
SHOWN_KINDS = (
    "number",
    "hedge_added",
    "hedge_dropped",
    "attribution_changed",
    "attribution_dropped",
    "role",
    "quote_altered",
    "negation",
    "entity_changed",
    "word",
    "agent_dropped",
)
_RANK = {"high": 0, "medium": 1, "low": 2}


def add_changes(trace: Trace, store: Store, options: Options = DEFAULTS, limit: int = 8) -> None:
    """Each English version's changes of meaning against the original (most severe first:
    numbers, hedges, speakers, roles, quotations, negation, words), in ``changes``."""
    from according.versions.compare import compare

    original = next((a for a in trace.articles if a.role == "original"), None)
    if original is None or (original.lang or "en") != "en":
        return
    source = store.analysis(original.id)
    for entry in trace.articles:
        if entry is original or (entry.lang or "en") != "en":
            continue
        try:
            found = compare(source, store.analysis(entry.id), options)
        except Exception as exc:  # one unreadable version must not hide the others
            trace.warnings.append(f"article {entry.id}: not compared ({exc})")
            continue
        if not found.related:
            continue
        kept = [c for c in found.changes if c.kind in SHOWN_KINDS]
        kept.sort(key=lambda c: (_RANK.get(c.severity, 3), SHOWN_KINDS.index(c.kind)))
        entry.changes = [
            {"kind": c.kind, "severity": c.severity, "description": c.description}
            for c in kept[:limit]
        ]


def story_trace(
    store: Store, story_id: int, changes: bool = True, options: Options = DEFAULTS
) -> Trace:
    """The trace of a stored story, with each version's changes if ``changes``."""
    result = trace_story(store, story_id)
    if changes:
        add_changes(result, store, options)
    return result


def html_report(trace: Trace) -> str:
    """The story as one self-contained HTML page: summary, relay graph, versions."""
    from according.render.story_html import render

    return render(trace)


def page_body(trace: Trace) -> str:
    """The story page's body for the web app (summary, relay graph, versions table)."""
    from according.render.html import environment
    from according.render.story_html import page_context

    return environment().get_template("story_body.html.j2").render(**page_context(trace))
