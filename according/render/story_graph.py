"""A story's relay graph as SVG: sources on the left, outlets they pass through, the
story's versions on the right; an edge for each credit (who cites whom), its width
growing with the number of versions that make it.

The SVG is self-contained (presentation attributes, no stylesheet), so the web app's
story page and the HTML report (``according trace ID --format html``) embed the same
drawing. It takes a ``stories.trace.Trace`` (or anything of its shape: ``render``
does not import ``stories``).
"""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import Any

from according.render.graph import COLUMN, LABEL_CHARS, MARGIN, NODE_H, ROW, Edge, Graph, Node

MAX_SOURCES = 14  # source nodes drawn (the most cited); the rest are listed, not drawn
COLOURS = {
    "article": "#444b55",
    "outlet": "#1f77b4",
    "document": "#8c564b",
    "organization": "#2ca02c",
    "person": "#9467bd",
    "anonymous": "#d62728",
}
ROLE_FILL = {
    "original": "#fff3c4",
    "copy": "#eef0f3",
    "machine-reworded": "#fde2e2",
    "translation": "#e4f1fb",
    "independent": "#e6f5e6",
}


def article_key(article_id: int) -> str:
    """The key of a version's node (as ``stories.trace`` names it)."""
    return f"article:{article_id}"


def _label(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "\u2026"


def story_layout(trace: Any) -> tuple[Graph, dict[str, str]]:
    """The graph with coordinates, and each article node's role (for its fill)."""
    outlets = {n.key for n in trace.nodes if n.kind == "outlet"}  # every credited outlet
    counts = Counter({n.key: len(n.articles) for n in trace.nodes if n.key not in outlets})
    shown = outlets | {k for k, _ in counts.most_common(max(0, MAX_SOURCES - len(outlets)))}
    nodes: dict[str, Node] = {}
    roles: dict[str, str] = {}
    for n in trace.nodes:
        if n.key in shown:
            nodes[n.key] = Node(n.key, _label(n.name), n.name, n.kind, claims=len(n.articles))
    for a in trace.articles:
        key = article_key(a.id)
        name = f"{a.id}. {a.outlet or a.title or 'article'}"
        nodes[key] = Node(key, _label(f"{name} \u00b7 {a.role}"), name, "article")
        roles[key] = a.role
    pairs: Counter = Counter()
    for e in trace.edges:
        if e.citer in nodes and e.cited in nodes and e.citer != e.cited:
            pairs[(e.cited, e.citer)] += len(e.articles)
    return _place(nodes, pairs), roles


def _column(node: Node) -> int:
    """Three columns: the sources, the outlets that pass them on, the story's versions."""
    return {"article": 2, "outlet": 1}.get(node.kind, 0)


def _place(nodes: dict[str, Node], pairs: Counter) -> Graph:
    columns: dict[int, list[Node]] = {}
    for node in sorted(nodes.values(), key=lambda n: (-n.claims, n.kind, n.name.lower())):
        columns.setdefault(_column(node), []).append(node)
    for node in columns.get(2, []):
        node.claims = 0
    columns[2] = sorted(columns.get(2, []), key=lambda n: int(n.id.split(":")[1]))
    rows = max(len(c) for c in columns.values())
    used = sorted(columns)
    for index, col in enumerate(used):
        members = columns[col]
        offset = (rows - len(members)) * ROW // 2
        for r, node in enumerate(members):
            node.width = min(COLUMN + 40, 16 + 7 * len(node.label))
            node.x = MARGIN + index * (COLUMN + 90)
            node.y = MARGIN + offset + r * ROW
    edges = []
    for (a, b), n in sorted(pairs.items()):
        source, target = nodes[a], nodes[b]
        x1, y1 = source.x + source.width, source.y + NODE_H // 2
        x2, y2 = target.x, target.y + NODE_H // 2
        if x2 <= x1:  # an outlet that cites another outlet: drawn below, not across
            continue
        bend = max(40, (x2 - x1) // 2)
        edges.append(
            Edge(source, target, n, f"M{x1},{y1} C{x1 + bend},{y1} {x2 - bend},{y2} {x2 - 6},{y2}")
        )
    width = MARGIN * 2 + len(used) * (COLUMN + 90)
    height = MARGIN * 2 + rows * ROW
    return Graph(list(nodes.values()), edges, width, height)


def story_svg(trace: Any) -> str:
    """The relay graph of a story as one self-contained ``<svg>`` element ("" if empty)."""
    graph, roles = story_layout(trace)
    if not graph.nodes:
        return ""
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="story-graph" viewBox="0 0 '
        f'{graph.width} {graph.height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        'role="img" aria-labelledby="story-graph-title">',
        '<title id="story-graph-title">Relay graph: sources on the left, the story\'s '
        "versions on the right; each line is a credit</title>",
        '<defs><marker id="story-arrow" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#8a929c"/></marker></defs>',
    ]
    for e in graph.edges:
        width = min(1 + e.count, 6)
        out.append(
            f'<path d="{e.path}" fill="none" stroke="#8a929c" stroke-width="{width}" '
            f'stroke-opacity="0.7" marker-end="url(#story-arrow)"><title>'
            f"{escape(e.source.name)} \u2192 {escape(e.target.name)}</title></path>"
        )
    for n in graph.nodes:
        colour = COLOURS.get(n.kind, "#7f7f7f")
        fill = ROLE_FILL.get(roles.get(n.id, ""), "#ffffff")
        kind = roles.get(n.id, n.kind)
        out.append(
            f'<g class="node kind-{escape(n.kind)}" transform="translate({n.x},{n.y})">'
            f"<title>{escape(n.name)} ({escape(kind)})</title>"
            f'<rect width="{n.width}" height="{NODE_H}" rx="6" fill="{fill}" '
            f'stroke="{colour}" stroke-width="2"/>'
            f'<text x="8" y="21" font-size="12" font-family="sans-serif" fill="#1d232b">'
            f"{escape(n.label)}</text></g>"
        )
    out.append("</svg>")
    return "".join(out)
