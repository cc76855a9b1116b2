"""Certainty: where a claim sits on the ICD 203 estimative scale, and why.

Bands and the words that set them are data (``lexicons/certainty.json``).
Analytic confidence ("moderate confidence") is a separate axis.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc

from according import lexicon
from according.analysis import Certainty, Span

MODALS = frozenset({"may", "might", "could", "should", "would"})


@cache
def _phrases() -> list[tuple[str, re.Pattern[str], str, float, float]]:
    """(phrase, pattern, band, low, high), longest first so "very likely" beats "likely"."""
    table = []
    for band in lexicon.load("certainty")["bands"]:
        for phrase in band["phrases"]:
            pattern = re.compile(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])", re.IGNORECASE)
            table.append((phrase.lower(), pattern, band["name"], band["low"], band["high"]))
    table.sort(key=lambda row: -len(row[0]))
    return table


@cache
def _confidence() -> list[tuple[re.Pattern[str], str]]:
    rows = []
    for level, phrases in lexicon.load("certainty")["confidence"].items():
        for phrase in phrases:
            rows.append((re.compile(r"\b" + re.escape(phrase) + r"\b", re.IGNORECASE), level))
    rows.sort(key=lambda row: -len(row[0].pattern))
    return rows


def assess(doc: Doc, spans: list[Span]) -> Certainty:
    """The estimative band of the claim made by ``spans`` (content, and the cue if any)."""
    hits: list[tuple[Span, str, float, float]] = []
    taken: list[tuple[int, int]] = []
    for span in spans:
        lowered = span.text.lower()
        for phrase, pattern, band, low, high in _phrases():
            if phrase not in lowered:
                continue  # a plain substring test spares most regex scans
            for match in pattern.finditer(span.text):
                start, end = span.start + match.start(), span.start + match.end()
                if any(s < end and start < e for s, e in taken) or not _real_use(doc, start, end):
                    continue
                taken.append((start, end))
                hits.append(
                    (
                        Span(start, end, span.text[start - span.start : end - span.start]),
                        band,
                        low,
                        high,
                    )
                )
    hedges = lexicon.words("certainty", "hedges")
    certainty = Certainty(
        hedged=any(
            w in hedges for h in hits for w in (h[0].text.lower(), *h[0].text.lower().split())
        )
    )
    if hits:
        hits.sort(key=lambda h: h[0].start)
        _, band, low, high = _most_telling(hits)
        certainty.band, certainty.low, certainty.high = band, low, high
        certainty.cues = [h[0] for h in hits]
    certainty.confidence = _stated_confidence(spans)
    return certainty


def _most_telling(hits: list[tuple[Span, str, float, float]]) -> tuple[Span, str, float, float]:
    """Prefer explicit likelihood words over bare modals and belief verbs."""
    weak = lexicon.words("certainty", "weak_words")
    strong = [h for h in hits if h[0].text.lower() not in weak]
    return (strong or hits)[0]


def _real_use(doc: Doc, start: int, end: int) -> bool:
    """Skip "May" the month, "certain officials", and other non-estimative uses."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    token = span[0]
    word = token.lower_
    if word in MODALS:
        return token.tag_ == "MD"
    return not (word == "certain" and token.dep_ == "amod")


def _stated_confidence(spans: list[Span]) -> str | None:
    for span in spans:
        for pattern, level in _confidence():
            if pattern.search(span.text):
                return level
    return None
