"""The JSON form of an analysis (schema ``according/1``, see docs/schema.md)."""

from __future__ import annotations

import json

from according.analysis import Analysis


def render(analysis: Analysis, indent: int | None = 2) -> str:
    """The analysis as a JSON document."""
    return json.dumps(analysis.to_dict(), ensure_ascii=False, indent=indent)


def render_line(analysis: Analysis) -> str:
    """The analysis as one JSON line (for JSONL streams)."""
    return render(analysis, indent=None)
