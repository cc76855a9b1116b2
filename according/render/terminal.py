"""A readable plain-text report of one analysis, for the terminal."""

from __future__ import annotations

import textwrap

from according.analysis import Analysis, Attribution
from according.words import clip

_WIDTH = 88


def _attribution_lines(analysis: Analysis, attribution: Attribution) -> list[str]:
    source = analysis.source(attribution.source)
    who = source.name if source else "(no identifiable speaker)"
    cue = attribution.cue.text if attribution.cue else "-"
    content = " … ".join(s.text for s in attribution.content)
    lines = [f"{attribution.id}  {who}  [{cue}]  {attribution.kind}, {attribution.polarity}"]
    if content:
        lines.append(textwrap.indent(textwrap.fill(clip(content, 160), _WIDTH - 6), "      "))
    details = []
    if attribution.recipient:
        details.append(f"to {attribution.recipient.text}")
    if len(attribution.chain) > 1:
        details.append("chain: " + " <- ".join(analysis.chain_names(attribution)))
    cert = attribution.certainty
    if cert.band != "unmarked":
        words = ", ".join(c.text for c in cert.cues)
        details.append(f"certainty: {cert.band} ({words})")
    if cert.confidence:
        details.append(f"confidence: {cert.confidence}")
    if details:
        lines.append("      " + "; ".join(details))
    return lines


def _source_line(source) -> str:
    extra = [
        f"{label} {value}"
        for label, value in (
            ("role:", source.role),
            ("rank:", source.rank),
            ("of", source.affiliation),
            ("count:", source.count),
            ("basis:", source.basis),
        )
        if value
    ]
    mentions = ", ".join(dict.fromkeys(m.text for m in source.mentions))
    tail = f" ({'; '.join(extra)})" if extra else ""
    head = f"{source.id:>4}  {source.kind:<12} {source.name}{tail}"
    return f"{head}\n      mentions: {clip(mentions, 120)}"


def render(analysis: Analysis) -> str:
    """The report: sources, attributions with chains and certainty, profile, warnings."""
    a = analysis.article
    out = [a.title or "Article", "=" * min(_WIDTH, len(a.title or "Article"))]
    meta = [x for x in (a.outlet, a.published, a.byline, a.url) if x]
    if meta:
        out.append(" · ".join(meta))
    out += ["", f"SOURCES ({len(analysis.sources)})"]
    out += [_source_line(s) for s in analysis.sources]
    out += ["", f"ATTRIBUTIONS ({len(analysis.attributions)})"]
    for attribution in analysis.attributions:
        out += _attribution_lines(analysis, attribution)
    out += ["", f"UNATTRIBUTED CLAIMS ({len(analysis.unattributed)})"]
    for claim in analysis.unattributed:
        band = "" if claim.certainty.band == "unmarked" else f"  [{claim.certainty.band}]"
        out.append(f"  - {clip(claim.span.text, 120)}{band}")
    p = analysis.profile
    out += [
        "",
        "PROFILE",
        f"  claims: {p.attributed_claims} attributed, {p.unattributed_claims} unattributed",
        f"  sources: {p.sources} distinct ({source_parts(p)})",
        f"  claims resting on anonymous sources: {round(100 * p.anonymous_share)}%; "
        f"relayed claims: {p.relayed_claims}",
        f"  outlets relayed through: {', '.join(p.outlets) or 'none'}"
        + (f" (all relayed claims via {p.single_relay_outlet})" if p.single_relay_outlet else ""),
        f"  denials: {p.denials}; refusals: {p.refusals}; hedged claims: {p.hedged_claims}; "
        f"quotations without a speaker: {p.quotes_without_speaker}",
    ]
    if analysis.warnings:
        out += ["", "WARNINGS"] + [f"  - {w}" for w in analysis.warnings]
    return "\n".join(out) + "\n"


def source_parts(p) -> str:
    """The kinds of the distinct sources, each source in one: they add up to the whole."""
    parts = [
        (p.persons, "person", "persons"),
        (p.anonymous_sources, "anonymous", "anonymous"),
        (p.documents, "document", "documents"),
        (p.organizations, "organization", "organizations"),
        (p.cited_outlets, "outlet", "outlets"),
        (p.unknown_sources, "of unknown kind", "of unknown kind"),
    ]
    shown = [
        f"{n} {one if n == 1 else many}" for n, one, many in parts if n or many != "of unknown kind"
    ]
    return ", ".join(shown)
