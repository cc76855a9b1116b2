"""A cue inside a quotation belongs to the quotation's speaker.

"“It's not what we see at all,” said the official. “The race has tightened the way
that we thought ...”": "we thought" is the official's own wording, so a record whose
cue lies inside a quotation and whose source is missing or "I"/"we" gets as its
``speaker`` the source of the record that quotes it, or of the quotation just before it
when nothing but the attribution ("said the official.", "X told Y.") stands between them;
then what it says was told to the same recipient. The
source span stays as written ("we"); the speaker is the source it resolves to.
"""

from __future__ import annotations

from dataclasses import replace

from according.extract.found import Found, Offsets
from according.extract.quotes import find_quotes

FIRST_PERSON = frozenset({"i", "we", "me", "us"})
SEPARATORS = " \n\t.,;:—–-"


def quoted_speakers(text: str, found: list[Found]) -> list[Found]:
    """Each record with a cue inside a quotation given that quotation's speaker."""
    quotes = find_quotes(text)
    return [_speaker_of(text, record, quotes, found) for record in found]


def _speaker_of(text: str, record: Found, quotes: list[Offsets], found: list[Found]) -> Found:
    if record.cue is None or not _unnamed(text, record.source):
        return record
    quote = next((q for q in quotes if q[0] < record.cue[0] < q[1]), None)
    if quote is None:
        return record
    for other in found:
        if other is record or other.cue is None or _unnamed(text, other.source):
            continue
        if _inside(other.cue, quote):
            continue
        if any(_inside(quote, c) for c in other.content):
            return replace(record, speaker=other.source)
        if _just_before(text, other, quote):  # told to the same person: "X told Y. “...”"
            return replace(
                record, speaker=other.source, recipient=record.recipient or other.recipient
            )
    return record


def _unnamed(text: str, source: Offsets | None) -> bool:
    return source is None or text[source[0] : source[1]].strip().lower() in FIRST_PERSON


def _inside(a: Offsets, b: Offsets) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


def _just_before(text: str, other: Found, quote: Offsets) -> bool:
    """ "“...,” said the official. “<quote>": only the attribution stands between them."""
    if other.cue is None or other.source is None:
        return False
    end = max(other.cue[1], other.source[1], other.recipient[1] if other.recipient else 0)
    if end > quote[0] or not other.content or other.content[-1][1] > other.cue[0]:
        return False
    return all(ch in SEPARATORS for ch in text[end : quote[0]])
