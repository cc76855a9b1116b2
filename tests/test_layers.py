"""Layers only point down (docs/architecture.md): no import of a higher layer anywhere."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

import import_graph  # noqa: E402


def test_no_import_points_up():
    assert import_graph.violations(import_graph.graph()) == []


def test_learned_is_a_leaf_below_extract():
    edges = import_graph.graph()
    learned = {m: t for m, t in edges.items() if m.startswith("according.learned")}
    assert learned
    assert not [t for targets in learned.values() for t in targets if "extract" in t]


def test_every_module_has_a_layer():
    for module in import_graph.graph():
        import_graph.layer_of(module)
