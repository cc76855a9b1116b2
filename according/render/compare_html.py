"""Two versions of an article side by side in one self-contained HTML page.

Aligned sentences share a row; every change in meaning is highlighted in both
texts and explained beside them. Works from ``Comparison.to_dict()`` so the web
app can render what its workers send back.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from according.render.html import Mark, asset, environment, page_csp, segments

SEVERITIES = ("high", "medium", "low")


def _cell(text: str, sentences: list[dict], indices: list[int], marks: list[Mark]) -> Markup:
    """The sentences of one side of a row, with the change marks that fall inside them."""
    pieces = []
    for i in indices:
        if not 0 <= i < len(sentences):
            continue
        start, end = sentences[i]["start"], sentences[i]["end"]
        inside = [
            Mark(max(m.start, start) - start, min(m.end, end) - start, m.role, m.attr)
            for m in marks
            if m.start < end and start < m.end
        ]
        pieces.append(_marked(text[start:end], inside))
    return Markup(" ").join(pieces)


def _marked(text: str, marks: list[Mark]) -> Markup:
    out = []
    for seg in segments(text, marks):
        piece = escape(text[seg.start : seg.end])
        if not seg.marks:
            out.append(piece)
            continue
        worst = min(SEVERITIES.index(m.role) if m.role in SEVERITIES else 2 for m in seg.marks)
        ids = " ".join(str(m.attr) for m in seg.marks)
        first = sorted({m.attr for m in seg.marks})
        described = " ".join(f"change-{c}" for c in first)
        opener = (
            f'<mark class="chg sev-{SEVERITIES[worst]}" data-c="{ids}" tabindex="0" '
            f'aria-describedby="{described}">'
        )
        out.append(Markup(opener) + piece + Markup("</mark>"))
    return Markup("").join(out)


def _marks(changes: list[dict], side: str) -> list[Mark]:
    return [
        Mark(c[side]["start"], c[side]["end"], c.get("severity", "low"), i)
        for i, c in enumerate(changes)
        if c.get(side)
    ]


def rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per alignment: both cells' markup, its kind, and the changes it holds."""
    changes = data.get("changes", [])
    a, b = data["a"], data["b"]
    marks_a, marks_b = _marks(changes, "a"), _marks(changes, "b")
    out = []
    for n, al in enumerate(data.get("alignments", [])):
        mine = [(i, c) for i, c in enumerate(changes) if c.get("alignment") == n]
        out.append(
            {
                "n": n,
                "kind": al["kind"],
                "similarity": al.get("similarity"),
                "a": _cell(a["text"], a["sentences"], al["a"], marks_a),
                "b": _cell(b["text"], b["sentences"], al["b"], marks_b),
                "changes": mine,
            }
        )
    return out


def render_dict(data: dict[str, Any], home: str | None = None) -> str:
    """The comparison page from ``Comparison.to_dict()`` output."""
    changes = data.get("changes", [])
    loose = [(i, c) for i, c in enumerate(changes) if c.get("alignment") is None]
    by_severity = {s: sum(c.get("severity") == s for c in changes) for s in SEVERITIES}
    return (
        environment()
        .get_template("compare.html.j2")
        .render(
            d=data,
            rows=rows(data),
            changes=changes,
            loose=loose,
            counts=data.get("counts", {}),
            by_severity=by_severity,
            css=Markup(asset("compare.css")),
            js=Markup(asset("compare.js")),
            csp=page_csp("compare.css", "compare.js"),
            home=home,
        )
    )


def render(comparison: Any, home: str | None = None) -> str:
    """The comparison page for a ``according.versions.compare.Comparison``."""
    return render_dict(comparison.to_dict(), home)


def render_result(result: dict[str, Any], home: str | None = None) -> str:
    """The page for a web worker's compare result (``{"comparison": {...}}``)."""
    return render_dict(result["comparison"], home)
