"""Attributions as CSV for spreadsheets: one row per attribution, a header first.

A cell that a spreadsheet would read as a formula (=, +, -, @ first) gets a leading
apostrophe, so article text cannot run in the user's spreadsheet.
"""

from __future__ import annotations

import csv
import io

from according.analysis import Analysis

COLUMNS = (
    "article",
    "attribution",
    "source",
    "source_kind",
    "cue",
    "content",
    "act",
    "polarity",
    "band",
    "confidence",
    "chain",
)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """A CSV cell: text as is, None empty, a formula-like start defused."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def rows(analysis: Analysis, article: str | None = None) -> list[list[str]]:
    """One row per attribution of ``analysis``, named ``article`` (its id by default)."""
    name = article if article is not None else (analysis.article.id or "")
    out = []
    for a in analysis.attributions:
        source = analysis.source(a.source)
        values = (
            name,
            a.id,
            source.name if source else None,
            source.kind if source else None,
            a.cue.text if a.cue else None,
            " ... ".join(c.text for c in a.content),
            a.act,
            a.polarity,
            a.certainty.band,
            a.certainty.confidence,
            " -> ".join(analysis.chain_names(a)),
        )
        out.append([cell(v) for v in values])
    return out


def render(analysis: Analysis, header: bool = True, article: str | None = None) -> str:
    """The CSV text: the header (unless ``header`` is false) and one row per attribution."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if header:
        writer.writerow(COLUMNS)
    writer.writerows(rows(analysis, article))
    return buffer.getvalue()
