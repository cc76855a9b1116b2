"""The relay graph of an analysis laid out for SVG: origins left, publisher right.

Nodes are the sources named in the attributions' ``chain`` lists; an edge joins
each source to the next one in a chain (who passed the claim to whom), weighted
by how many attributions use it. Columns are longest-path layers to the sink.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from according.analysis import Analysis

COLUMN = 210
ROW = 54
NODE_H = 34
MARGIN = 12
LABEL_CHARS = 26


@dataclass
class Node:
    """A source in the graph, with its place in the drawing."""

    id: str
    label: str
    name: str
    kind: str
    layer: int = 0
    x: int = 0
    y: int = 0
    width: int = 0
    claims: int = 0


@dataclass
class Edge:
    """Claims passed from one source to the next, and the path drawing it."""

    source: Node
    target: Node
    count: int
    path: str = ""


@dataclass
class Graph:
    """Nodes, edges and the drawing's size; empty when no attribution has a chain."""

    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    width: int = 0
    height: int = 0


def _nodes(analysis: Analysis) -> dict[str, Node]:
    nodes: dict[str, Node] = {}
    for attr in analysis.attributions:
        for sid in attr.chain:
            if sid not in nodes:
                source = analysis.source(sid)
                name = source.name if source else sid
                kind = source.kind if source else "unknown"
                label = name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…"
                nodes[sid] = Node(sid, label, name, kind)
        if attr.chain:
            nodes[attr.chain[0]].claims += 1
    return nodes


def _layers(nodes: dict[str, Node], pairs: Counter) -> None:
    """Longest path to a sink, bounded so a cycle in bad data cannot loop forever."""
    for _ in range(len(nodes)):
        changed = False
        for a, b in pairs:
            if nodes[a].layer < nodes[b].layer + 1 <= len(nodes):
                nodes[a].layer = nodes[b].layer + 1
                changed = True
        if not changed:
            break


def layout(analysis: Analysis) -> Graph:
    """The relay graph with coordinates, ready for the SVG template."""
    nodes = _nodes(analysis)
    if not nodes:
        return Graph()
    pairs: Counter = Counter()
    for attr in analysis.attributions:
        for a, b in zip(attr.chain, attr.chain[1:], strict=False):
            if a != b:
                pairs[(a, b)] += 1
    return place(nodes, pairs)


def place(nodes: dict[str, Node], pairs: Counter) -> Graph:
    """Coordinates for nodes joined by ``pairs`` (a, b): a drawn left of b, in layers."""
    _layers(nodes, pairs)
    top = max(n.layer for n in nodes.values())
    columns: dict[int, list[Node]] = {}
    for node in sorted(nodes.values(), key=lambda n: (n.kind, n.name.lower())):
        columns.setdefault(top - node.layer, []).append(node)
    rows = max(len(c) for c in columns.values())
    for col, members in columns.items():
        offset = (rows - len(members)) * ROW // 2
        for r, node in enumerate(members):
            node.width = min(COLUMN - 30, 16 + 7 * len(node.label))
            node.x = MARGIN + col * COLUMN
            node.y = MARGIN + offset + r * ROW
    edges = [Edge(nodes[a], nodes[b], n) for (a, b), n in sorted(pairs.items())]
    for e in edges:
        x1, y1 = e.source.x + e.source.width, e.source.y + NODE_H // 2
        x2, y2 = e.target.x, e.target.y + NODE_H // 2
        bend = max(40, abs(x2 - x1) // 2)
        e.path = f"M{x1},{y1} C{x1 + bend},{y1} {x2 - bend},{y2} {x2 - 6},{y2}"
    width = MARGIN * 2 + (top + 1) * COLUMN
    height = MARGIN * 2 + rows * ROW
    return Graph(list(nodes.values()), edges, width, height)
