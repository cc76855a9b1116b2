"""A self-contained HTML report of one analysis: highlighted text, sources, relay graph.

One file, no external requests: CSS and JS are inline and allowed by hash in the
page's own Content-Security-Policy, so nothing the article text smuggles in can run.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from functools import cache

from jinja2 import Environment, PackageLoader
from markupsafe import Markup, escape

from according.analysis import Analysis, Attribution, Source, Span
from according.render import graph

# Highlight roles, in the order their classes are written (most specific last wins in CSS).
ROLES = ("content", "recipient", "mention", "source", "cue", "certainty")


@dataclass(frozen=True)
class Mark:
    """One highlighted role span: an attribution's (``attr``) or a source mention's."""

    start: int
    end: int
    role: str
    attr: int | None = None
    source: int | None = None


@dataclass
class Segment:
    """A stretch of text between two mark boundaries, with every mark covering it."""

    start: int
    end: int
    marks: list[Mark] = field(default_factory=list)


@cache
def environment() -> Environment:
    """The Jinja environment for the report templates, autoescaping everything."""
    return Environment(
        loader=PackageLoader("according.render", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def asset(name: str) -> str:
    """The text of a packaged template asset (CSS or JS), read once."""
    return environment().loader.get_source(environment(), name)[0]


def csp_hash(text: str) -> str:
    """The CSP source expression allowing exactly this inline script or style."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def inline_hashes() -> dict[str, list[str]]:
    """Hashes of every inline style and script the HTML renderers emit, by directive."""
    return {
        "style-src": [csp_hash(asset(name)) for name in ("report.css", "compare.css")],
        "script-src": [csp_hash(asset(name)) for name in ("report.js", "compare.js")],
    }


def page_csp(css: str, js: str) -> str:
    """A strict policy for a standalone page allowing only its own inline CSS and JS."""
    return (
        "default-src 'none'; img-src data:; base-uri 'none'; form-action 'none'; "
        f"style-src {csp_hash(asset(css))}; script-src {csp_hash(asset(js))}"
    )


def report_csp() -> str:
    """The strict policy a standalone report carries in its ``<meta>`` tag."""
    return page_csp("report.css", "report.js")


def collect_marks(analysis: Analysis) -> list[Mark]:
    """Every span worth highlighting, tied to its attribution (by index) or source."""
    index = {s.id: i for i, s in enumerate(analysis.sources)}
    marks: list[Mark] = []
    used: set[tuple[int, int]] = set()
    for i, attr in enumerate(analysis.attributions):
        src = index.get(attr.source) if attr.source else None
        roles: list[tuple[str, Span | None]] = [("source", attr.source_mention), ("cue", attr.cue)]
        roles += [("content", s) for s in attr.content]
        roles += [("recipient", attr.recipient)]
        roles += [("certainty", s) for s in attr.certainty.cues]
        for role, span in roles:
            if span is not None:
                marks.append(Mark(span.start, span.end, role, i, src))
        if attr.source_mention:
            used.add((attr.source_mention.start, attr.source_mention.end))
    for j, source in enumerate(analysis.sources):
        for m in source.mentions:
            if (m.start, m.end) not in used:
                marks.append(Mark(m.start, m.end, "mention", None, j))
    return marks


def segments(text: str, marks: list[Mark]) -> list[Segment]:
    """Split the text at every mark boundary; overlapping and nested marks are fine."""
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text)} | {m.start for m in valid} | {m.end for m in valid})
    out = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [m for m in valid if m.start <= start and end <= m.end]
        out.append(Segment(start, end, covering))
    return out


def _segment_markup(text: str, seg: Segment) -> Markup:
    piece = escape(text[seg.start : seg.end])
    if not seg.marks:
        return piece
    roles = {m.role for m in seg.marks}
    classes = " ".join(["hl"] + [f"r-{r}" for r in ROLES if r in roles])
    attrs = sorted({m.attr for m in seg.marks if m.attr is not None})
    sources = sorted({m.source for m in seg.marks if m.source is not None})
    described = [f"card-{a}" for a in attrs] or [f"source-{s}" for s in sources]
    parts = [f'class="{classes}"']
    if attrs:
        parts.append(f'data-a="{" ".join(map(str, attrs))}"')
        pairs = sorted({(m.attr, ROLES.index(m.role)) for m in seg.marks if m.attr is not None})
        parts.append(f'data-r="{" ".join(f"{a}:{ROLES[r]}" for a, r in pairs)}"')
    if sources:
        parts.append(f'data-s="{" ".join(map(str, sources))}"')
    parts.append(f'aria-describedby="{" ".join(described)}"')
    if any(m.start == seg.start for m in seg.marks):
        parts.append('tabindex="0"')
    return Markup(f"<mark {' '.join(parts)}>") + piece + Markup("</mark>")


def highlight(text: str, marks: list[Mark]) -> Markup:
    """The article text as HTML with every mark highlighted and every piece escaped."""
    return Markup("").join(_segment_markup(text, seg) for seg in segments(text, marks))


def _band_text(attr: Attribution) -> str:
    c = attr.certainty
    words = ", ".join(dict.fromkeys(s.text for s in c.cues))
    parts = [c.band.replace("_", " ")]
    if c.low is not None and c.high is not None:
        parts.append(f"({c.low:.0%}–{c.high:.0%})")
    if words:
        parts.append(f"“{words}”")
    if c.hedged:
        parts.append("hedged")
    if c.confidence:
        parts.append(f"{c.confidence} confidence")
    return " ".join(parts)


def _card(analysis: Analysis, i: int, attr: Attribution, index: dict[str, int]) -> dict:
    source = analysis.source(attr.source)
    return {
        "i": i,
        "id": attr.id,
        "source": source,
        "source_index": index.get(attr.source) if attr.source else None,
        "cue": attr.cue.text if attr.cue else None,
        "content": " … ".join(s.text for s in attr.content),
        "recipient": attr.recipient.text if attr.recipient else None,
        "chain": analysis.chain_names(attr),
        "certainty": _band_text(attr),
        "attr": attr,
    }


def _source_row(analysis: Analysis, j: int, source: Source) -> dict:
    attrs = [a for a in analysis.attributions if a.source == source.id]
    return {
        "j": j,
        "source": source,
        "mentions": list(dict.fromkeys(m.text for m in source.mentions)),
        "mention_count": len(source.mentions),
        "attributions": len(attrs),
        "relays": sum(1 for a in analysis.attributions if source.id in a.chain[1:]),
    }


def profile_bars(analysis: Analysis) -> list[dict]:
    """The sourcing profile as labelled bars (value and width in percent of the longest)."""
    p = analysis.profile
    rows = [
        ("Attributed claims", p.attributed_claims, "claims"),
        ("Unattributed claims", p.unattributed_claims, "claims"),
        ("Relayed claims", p.relayed_claims, "claims"),
        ("Hedged claims", p.hedged_claims, "claims"),
        ("Persons", p.persons, "sources"),
        ("Anonymous sources", p.anonymous_sources, "sources"),
        ("Documents", p.documents, "sources"),
        ("Organizations", p.organizations, "sources"),
        ("Outlets cited", p.cited_outlets, "sources"),
        ("Sources of unknown kind", p.unknown_sources, "sources"),
        ("Denials", p.denials, "acts"),
        ("Refusals to comment", p.refusals, "acts"),
        ("Quotes without speaker", p.quotes_without_speaker, "acts"),
    ]
    top = max([v for _, v, _ in rows] + [1])
    return [
        {"label": label, "value": v, "group": g, "width": round(200 * v / top)}
        for label, v, g in rows
    ]


def context(analysis: Analysis, home: str | None = None) -> dict:
    """Everything the report template needs, computed from the analysis."""
    index = {s.id: j for j, s in enumerate(analysis.sources)}
    marks = collect_marks(analysis)
    return {
        "a": analysis,
        "article": analysis.article,
        "body": highlight(analysis.article.text, marks),
        "cards": [_card(analysis, i, a, index) for i, a in enumerate(analysis.attributions)],
        "sources": [_source_row(analysis, j, s) for j, s in enumerate(analysis.sources)],
        "graph": graph.layout(analysis),
        "bars": profile_bars(analysis),
        "profile": analysis.profile,
        "css": Markup(asset("report.css")),
        "js": Markup(asset("report.js")),
        "csp": report_csp(),
        "home": home,
    }


def render(analysis: Analysis, home: str | None = None, label: str | None = None) -> str:
    """The whole report as one HTML document; ``home`` adds a link back (web app);
    ``label`` names the input (a file name, an id), shown escaped like all text."""
    values = context(analysis, home)
    values["label"] = label
    return environment().get_template("report.html.j2").render(values)
