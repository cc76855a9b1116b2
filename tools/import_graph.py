"""The package's import graph by layer, and every import that points up (or sideways).

    python tools/import_graph.py            # layers, arrows between them, violations
    python tools/import_graph.py --check    # only the violations; exit 1 if any (CI)
    python tools/import_graph.py --root DIR # another checkout (e.g. an older commit)

Every ``import`` in ``according/`` counts, at module level or inside a function, so a
lazy import cannot hide an upward arrow. The layers are those of docs/architecture.md:
a module may import its own layer and the layers below it, never one above; packages
that share a layer (``ingest``, ``versions``, ``stories``, ``render``) do not import
each other. Standard library and third-party imports are not shown.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (layer name, module prefixes), bottom first. A module belongs to the first layer with
# the longest matching prefix.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    (
        "model",
        (
            "according.version",
            "according.errors",
            "according.article",
            "according.analysis",
            "according.settings",
            "according.lexicon",
            "according.words",
            "according.deadline",
            "according.progress",
            "according.validate",
            "according.pools",
            "according.controls",
        ),
    ),
    ("nlp", ("according.nlp",)),
    ("learned", ("according.learned",)),
    ("extract", ("according.extract",)),
    ("pipeline", ("according.pipeline",)),
    (
        "services",
        ("according.ingest", "according.versions", "according.stories", "according.render"),
    ),
    (
        "engines",
        (
            "according.batch",
            "according.web",
            "according.evaluate",
            "according.evaluate_real",
            "according.component",
            "according.api",
            "according.rebuild",
            "according.store_import",
            "according.story_report",
        ),
    ),
    ("interface", ("according.commands", "according.cli", "according")),
]
# Layers whose packages stay independent of each other (one package may not import another).
SEPARATE = {"services"}


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> tuple[int, str]:
    """(layer index, the prefix that matched) of an ``according`` module."""
    best: tuple[int, str] | None = None
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            inside = prefix != "according" and module.startswith(prefix + ".")
            if (module == prefix or inside) and (best is None or len(prefix) > len(best[1])):
                best = (index, prefix)
    if best is None:
        raise SystemExit(f"{module}: in no layer; add it to LAYERS in {__file__}")
    return best


def imports(path: Path, modules: set[str], root: Path = ROOT) -> set[str]:
    """The ``according`` modules a file imports (submodules resolved), anywhere in it."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    here = module_name(path, root)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "according"}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([base] if base else [])])
            if base.split(".")[0] != "according":
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in modules else base)
    return found - {here}


def graph(root: Path = ROOT) -> dict[str, set[str]]:
    files = sorted((root / "according").rglob("*.py"))
    modules = {module_name(f, root) for f in files}
    return {module_name(f, root): imports(f, modules, root) for f in files}


def violations(edges: dict[str, set[str]]) -> list[str]:
    found = []
    for source, targets in sorted(edges.items()):
        s_layer, s_prefix = layer_of(source)
        for target in sorted(targets):
            t_layer, t_prefix = layer_of(target)
            if t_layer > s_layer:
                found.append(
                    f"{source} ({LAYERS[s_layer][0]}) imports {target} ({LAYERS[t_layer][0]}): up"
                )
            elif t_layer == s_layer and LAYERS[s_layer][0] in SEPARATE and t_prefix != s_prefix:
                found.append(
                    f"{source} imports {target}: sideways between {s_prefix} and {t_prefix}"
                )
    return found


def summary(edges: dict[str, set[str]]) -> list[str]:
    """One line per layer: its modules' prefixes, and the layers it imports."""
    used: dict[int, set[str]] = defaultdict(set)
    for source, targets in edges.items():
        for target in targets:
            s, t = layer_of(source)[0], layer_of(target)[0]
            if s != t:
                used[s].add(LAYERS[t][0])
    lines = []
    for index in reversed(range(len(LAYERS))):
        name, prefixes = LAYERS[index]
        arrows = ", ".join(n for n, _ in LAYERS if n in used[index]) or "-"
        short = " ".join(p.removeprefix("according.") for p in prefixes)
        lines.append(f"{index} {name:<9} -> {arrows:<40} {short}")
    return lines


def main(argv: list[str]) -> int:
    root = Path(argv[argv.index("--root") + 1]).resolve() if "--root" in argv else ROOT
    edges = graph(root)
    bad = violations(edges)
    if "--check" not in argv:
        print("layer       imports (below it)                          modules")
        print("\n".join(summary(edges)))
        print()
    edge_count = sum(len(t) for t in edges.values())
    print(f"{len(edges)} modules, {edge_count} imports between them, {len(bad)} pointing up")
    print("\n".join(bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
