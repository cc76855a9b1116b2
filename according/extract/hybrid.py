"""The default extractor: learned spans, with the rules' acts and the cases the rules see better.

The tagger gives cue, source and content spans (PolNeAR's conventions). The
rules add what the tagger was never taught: the act a cue names (denial,
refusal, belief...), polarity and recipient ("told CNN"); requests for
comment and refusals without content; and quotations with no speaker, which
must be reported, not dropped. A rule record is kept only where no learned
record holds its cue or content.
"""

from __future__ import annotations

from spacy.tokens import Doc

from according.extract import learned, rules
from according.extract.found import Found, Offsets
from according.learned.model import Model

RULE_ONLY_ACTS = frozenset({"request", "refusal", "denial"})


def find(doc: Doc, model: Model | None = None) -> list[Found]:
    """Learned attributions enriched by the rules, plus the rule records no learned one covers."""
    found = learned.find(doc, model)
    ruled = rules.find(doc)
    for record in found:
        match = _same_cue(record, ruled)
        if match is not None:
            _enrich(record, match)
    return found + [r for r in ruled if _keep_rule(r, found)]


def _overlaps(a: Offsets | None, b: Offsets | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _same_cue(record: Found, ruled: list[Found]) -> Found | None:
    return next((r for r in ruled if _overlaps(r.cue, record.cue)), None)


def _enrich(record: Found, rule: Found) -> None:
    """Act, polarity and recipient from the rule record that shares the cue."""
    record.act, record.polarity = rule.act, rule.polarity
    record.recipient = rule.recipient
    if record.source is None and rule.source and not _inside(rule.source, record):
        record.source = rule.source


def _inside(span: Offsets, record: Found) -> bool:
    return any(_overlaps(span, piece) for piece in record.content)


def _keep_rule(rule: Found, found: list[Found]) -> bool:
    """A rule record the learned ones do not already account for."""
    taken = [s for f in found for s in (f.cue, f.source, *f.content) if s]
    spans = [s for s in (rule.cue, *rule.content) if s]
    if any(_overlaps(s, t) for s in spans for t in taken):
        return False
    return rule.act in RULE_ONLY_ACTS or rule.cue is None
