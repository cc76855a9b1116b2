"""A story's trace as one self-contained HTML page (``according trace ID --format html``):
summary, relay graph (SVG) and each version's role and changes against the original."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from according.render.html import environment
from according.render.story_graph import story_svg


def page_context(trace: Any) -> dict[str, Any]:
    """What the story templates need: the trace, its versions with named sources, the SVG."""
    names = {n.key: f"{n.name} ({_kind(n.kind)})" for n in trace.nodes}
    data = asdict(trace)  # a stories.trace.Trace
    for article in data["articles"]:
        article["cites_named"] = [names.get(k, k) for k in article["cites"]]
    data["story_id"], data["headline"] = trace.story_id, trace.headline
    return {"trace": data, "svg": story_svg(trace)}


def _kind(kind: str) -> str:
    return {"organization": "organisation", "person": "named person"}.get(kind, kind)


def render(trace: Any) -> str:
    return environment().get_template("story.html.j2").render(**page_context(trace))
