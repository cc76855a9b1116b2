"""Relay chains: who passed each claim on, from its origin to the publisher.

"A document said X, CNN reported" gives X <- document <- CNN <- publisher.
A claim told to an outlet ("told the network") goes through that outlet, and
a source first heard of inside an outlet's report is known through it.
"""

from __future__ import annotations

import re
from functools import cache

from according import lexicon
from according.analysis import Attribution, Source, Span

SHORTEST_ALIAS = 6  # characters: "sunjournal" ends "lewistonsunjournal"; "times" is too short


def link_parents(attributions: list[Attribution]) -> None:
    """Set ``parent`` to the innermost attribution whose content holds this one's cue."""
    for inner in attributions:
        anchor = inner.cue or inner.source_mention
        if anchor is None:
            continue
        holders = [
            outer
            for outer in attributions
            if outer is not inner
            and any(c.contains(anchor) for c in outer.content)
            and not _holds_cue(inner, outer)
        ]
        if holders:
            inner.parent = min(holders, key=lambda a: sum(c.end - c.start for c in a.content)).id


def _holds_cue(inner: Attribution, outer: Attribution) -> bool:
    """Each holds the other's cue (a content run on past a cue): only the one with the
    longer content can be the outer one ("Maxar said it discovered" is Maxar's)."""
    if outer.cue is None or not any(c.contains(outer.cue) for c in inner.content):
        return False
    return _length(outer) <= _length(inner)


def _length(attribution: Attribution) -> int:
    return sum(c.end - c.start for c in attribution.content)


def build_chains(
    attributions: list[Attribution],
    sources: list[Source],
    publisher: Source,
    relayed_by: dict[str, Span] | None = None,
) -> None:
    """Fill every attribution's ``chain`` with source ids, origin first, publisher last.

    ``relayed_by`` maps an attribution id to the mention of who passed it on
    ("the Journal reported, citing ...", "seen by Reuters"), whatever its kind.
    """
    by_id = {a.id: a for a in attributions}
    kinds = {s.id: s.kind for s in sources}
    aliases = {
        s.id for s in sources if s.kind != "publisher" and same_outlet(s.name, publisher.name)
    }
    for source_id in aliases:
        kinds[source_id] = "publisher"
    recipients = {
        a: s
        for a, s in _recipient_sources(attributions, sources, publisher).items()
        if s not in aliases
    }
    relays = {
        a: relay
        for a, span in (relayed_by or {}).items()
        if (relay := _relay_source(span, sources, by_id[a].source if a in by_id else None))
        and relay not in aliases
    }
    via = _introduced_through(attributions, kinds, recipients)
    for attribution in attributions:
        chain: list[str] = []
        current: Attribution | None = attribution
        seen: set[str] = set()
        while current is not None and current.id not in seen:
            seen.add(current.id)
            if current.source not in aliases:
                _extend(chain, current.source)
            for relay in (recipients.get(current.id), relays.get(current.id)):
                _extend(chain, relay)
            parent = by_id.get(current.parent) if current.parent else None
            if parent is None and current.source in via:
                _extend(chain, via[current.source])
            current = parent
        _extend(chain, publisher.id)
        attribution.chain = chain


def _relay_source(span: Span, sources: list[Source], own: str | None) -> str | None:
    """The source named by the relay's words: one whose mention lies within them first,
    not the record's own source ("a copy of the report obtained by the newspaper")."""
    named = [
        s
        for s in sources
        if s.id != own and s.kind != "publisher" and any(span.overlaps(m) for m in s.mentions)
    ]
    inner = [s for s in named if any(span.contains(m) for m in s.mentions)]
    return (inner or named)[0].id if named else None


def same_outlet(name: str, publisher: str) -> bool:
    """ "TIME" on a page of "Time", "the Sun Journal" on "Lewiston Sun Journal"; a wire
    named on a page that reprints it ("Reuters" on "X (Reuters copy)") is not the publisher."""
    key, own = _outlet_key(name), _outlet_key(publisher)
    if not key or not own:
        return False
    short, long = sorted((key, own), key=len)
    return key == own or (len(short) >= SHORTEST_ALIAS and long.endswith(short))


def _outlet_key(name: str) -> str:
    name = re.sub(r"\(.*?\)", "", name.lower()).strip()
    name = name.removeprefix("the ").replace("’s", "").replace("'s", "")
    return re.sub(r"[^a-z0-9]", "", name)


def _extend(chain: list[str], source_id: str | None) -> None:
    if source_id and source_id not in chain:
        chain.append(source_id)


def _recipient_sources(
    attributions: list[Attribution], sources: list[Source], publisher: Source
) -> dict[str, str]:
    """Attribution id -> outlet source id, for claims told to an outlet or to another
    outlet's reporter ("sources told ESPN's Adam Schefter" on theScore)."""
    result = {}
    for attribution in attributions:
        if attribution.recipient is None:
            continue
        for source in sources:
            relays = _is_outlet(source) or _other_outlets_reporter(source, publisher)
            if relays and attribution.recipient in source.mentions:
                result[attribution.id] = source.id
    return result


def _other_outlets_reporter(source: Source, publisher: Source) -> bool:
    """A reporter of an outlet that is not the publisher: the claim goes through them."""
    outlet = source.affiliation or ""
    return (
        source.kind == "person"
        and source.role == "reporter"
        and bool(outlet)
        and not same_outlet(outlet, publisher.name)
    )


def _is_outlet(source: Source) -> bool:
    """An outlet, or a source named as one ("Bloomberg business news", "the paper") that
    was typed otherwise."""
    if source.kind == "outlet":
        return True
    name = source.name.lower().removeprefix("the ").strip()
    known = _outlet_names()  # the whole name, or the words before any of its spaces
    return name in known or any(name[:i] in known for i, c in enumerate(name) if c == " ")


@cache
def _outlet_names() -> frozenset[str]:
    """Outlets and the words that stand for one ("the paper"), joined once."""
    return frozenset(
        lexicon.words("outlets", "outlets") | lexicon.words("sources", "outlet_anaphors")
    )


def _introduced_through(
    attributions: list[Attribution], kinds: dict[str, str], recipients: dict[str, str]
) -> dict[str, str]:
    """Source id -> the outlet inside whose report the source's first attribution lies.

    Only a report: a source that once told an outlet something ("told Reuters") does
    not relay through it what it says later ("the official said").
    """
    via: dict[str, str] = {}
    by_id = {a.id: a for a in attributions}
    for attribution in attributions:
        source = attribution.source
        if not source or source in via or kinds.get(source) in ("outlet", "publisher"):
            continue
        if attribution.id in recipients:
            via[source] = ""
            continue
        outlet = None
        parent = by_id.get(attribution.parent) if attribution.parent else None
        seen = {attribution.id}
        while outlet is None and parent is not None and parent.id not in seen:
            seen.add(parent.id)  # parents can form a cycle: stop where one closes
            if kinds.get(parent.source or "") == "outlet":
                outlet = parent.source
            parent = by_id.get(parent.parent) if parent.parent else None
        if outlet:
            via[source] = outlet
        else:
            via.setdefault(source, "")
    return {k: v for k, v in via.items() if v}
