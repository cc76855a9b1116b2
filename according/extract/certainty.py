"""Certainty: where a claim sits on the ICD 203 estimative scale, and why.

Bands and the words that set them are data (``lexicons/certainty.json``): ICD 203's
own terms ("likely", "remote", "almost certainly") and stated numbers ("a 40 percent
chance", kept in ``probability``). A negated term moves down ("isn't very likely" is
unlikely). Modals and belief verbs ("may", "suggests", "expected to") are hedges, not
bands. Analytic confidence ("moderate confidence") is a separate axis.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc

from according import lexicon
from according.analysis import Certainty, Span
from according.extract import odds

NEGATION_REACH = 3  # words between a "not" and the term it negates ("isn't very likely")
SKIPPABLE = frozenset({"very", "so", "that", "all", "too", "be", "been", "being", "seem"})
Hit = tuple[Span, str, float, float]


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
def _bands() -> dict[str, tuple[float, float]]:
    return {b["name"]: (b["low"], b["high"]) for b in lexicon.load("certainty")["bands"]}


@cache
def _hedges() -> re.Pattern[str]:
    words = sorted(lexicon.words("certainty", "hedges"), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])", re.I)


@cache
def _confidence() -> list[tuple[re.Pattern[str], str]]:
    rows = []
    for level, phrases in lexicon.load("certainty")["confidence"].items():
        for phrase in phrases:
            rows.append((re.compile(r"\b" + re.escape(phrase) + r"\b", re.IGNORECASE), level))
    rows.sort(key=lambda row: -len(row[0].pattern))
    return rows


def assess(doc: Doc, spans: list[Span], anchor: int | None = None) -> Certainty:
    """The estimative band of the claim made by ``spans`` (content, and the cue if any).

    ``anchor`` (the source's place in the text) picks the nearest stated confidence
    when a sentence gives two ("the FBI had high confidence, the NSA moderate").
    """
    stated = [o for span in spans for o in odds.stated(doc, span.start, span.end)]
    hits = _word_hits(doc, spans)
    certainty = Certainty(hedged=any(_hedges().search(s.text) for s in spans) or bool(hits))
    if stated:
        first = min(stated, key=lambda o: o.start)
        certainty.band = band_of(first.value)
        certainty.low, certainty.high = _bands()[certainty.band]
        certainty.probability = round(first.value, 6)
        certainty.cues = [Span.of(doc.text, first.start, first.end)]
    elif hits:
        hits.sort(key=lambda h: h[0].start)
        _, band, low, high = _most_telling(hits)
        certainty.band, certainty.low, certainty.high = band, low, high
        certainty.cues = [h[0] for h in hits]
    certainty.confidence = _stated_confidence(spans, anchor)
    return certainty


def band_of(value: float) -> str:
    """The ICD 203 band of a probability (a boundary goes to the band above it)."""
    for name, (_, high) in _bands().items():
        if value < high:
            return name
    return "almost certain"


def _word_hits(doc: Doc, spans: list[Span]) -> list[Hit]:
    hits: list[Hit] = []
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
                if phrase in lexicon.words("certainty", "negatable") and _negated(doc, start):
                    band = "unlikely"
                    low, high = _bands()[band]
                hits.append((Span.of(doc.text, start, end), band, low, high))
    return hits


def _negated(doc: Doc, start: int) -> bool:
    """A "not" shortly before the term: "isn't very likely", "not probable"."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return False
    negators = lexicon.words("certainty", "negators")
    first = span[0]
    for i in range(first.i - 1, max(first.sent.start, first.i - NEGATION_REACH) - 1, -1):
        word = doc[i].lower_
        if word in negators:
            return True
        if word not in SKIPPABLE and doc[i].pos_ not in ("AUX", "ADV"):
            return False
    return False


def _most_telling(hits: list[Hit]) -> Hit:
    """Prefer explicit likelihood words over words that are estimative only sometimes."""
    weak = lexicon.words("certainty", "weak_words")
    strong = [h for h in hits if h[0].text.lower() not in weak]
    return (strong or hits)[0]


def _real_use(doc: Doc, start: int, end: int) -> bool:
    """Skip "a remote area" and other non-estimative uses."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    token = span[0]
    following = doc[span.end : span.end + 1].text.lower()
    if f"{span.text.lower()} {following}" in lexicon.words("certainty", "not_estimative"):
        return False  # "likely voters": a kind of voter, not a likelihood
    if token.lower_ in ("remote", "remotely") and len(span) == 1:
        heads = lexicon.words("certainty", "remote_heads")
        near = [token.head, *token.head.children, *token.children]
        return any(t.lemma_.lower() in heads for t in near)
    return True


def _stated_confidence(spans: list[Span], anchor: int | None) -> str | None:
    found: list[tuple[int, int, str]] = []
    for span in spans:
        for pattern, level in _confidence():  # longest first: "low to moderate confidence"
            for match in pattern.finditer(span.text):
                start, end = span.start + match.start(), span.start + match.end()
                if not any(s < end and start < e for s, e, _ in found):
                    found.append((start, end, level))
    if not found:
        return None
    if anchor is None:
        return min(found)[2]
    return min(found, key=lambda f: abs(f[0] - anchor))[2]
