"""Where a story's claims came from: who cites whom, who came first, who copied whom.

Built from the relay chains of the stored analyses (origin first, publisher
last): each chain ``X <- CNN <- article`` adds the edges article -> CNN -> X.
The common origin is the outlet (or, failing one, the document or organisation)
that most articles relay; an article that cites a source no other article has
is independent reporting, one stored as a near-duplicate is a copy.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from according.analysis import Analysis, Source
from according.stories.store import Store, StoredArticle
from according.words import normal

ORIGIN_KINDS = ("outlet", "document", "organization", "person", "anonymous")
_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


@dataclass
class Node:
    """A source as the whole story knows it: one node per outlet, document, person..."""

    key: str
    name: str
    kind: str
    articles: list[int] = field(default_factory=list)  # articles whose chains include it
    count: int | None = None  # people behind an anonymous source, where stated


@dataclass
class Edge:
    """``citer`` relays or cites ``cited`` in the given articles (keys of nodes or articles)."""

    citer: str
    cited: str
    articles: list[int] = field(default_factory=list)


@dataclass
class ArticleTrace:
    """One article of the story: what it cites and how it relates to the others."""

    id: int
    title: str | None
    outlet: str | None
    published: str | None
    added: str | None
    cites: list[str] = field(default_factory=list)  # node keys, nearest first
    relays: list[str] = field(default_factory=list)  # outlets it relays
    unique: list[str] = field(default_factory=list)  # node keys no other article cites
    role: str = "relay"  # original, copy, relay, independent
    copy_of: int | None = None
    similarity: float | None = None


@dataclass
class Origin:
    """The source most articles relay, and what that source itself cites."""

    key: str
    name: str
    kind: str
    articles: int
    total: int
    cites: list[str] = field(default_factory=list)  # node keys


@dataclass
class Trace:
    """The relay graph of one story, its earliest article and its common origin."""

    story_id: int | None
    headline: str | None
    articles: list[ArticleTrace] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    earliest: int | None = None
    origin: Origin | None = None
    summary: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def node(self, key: str) -> Node | None:
        return next((n for n in self.nodes if n.key == key), None)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def node_key(source: Source) -> str:
    """One key for the same source across articles: kind plus folded name."""
    return f"{source.kind}:{normal(source.name)}"


def article_key(article_id: int) -> str:
    return f"article:{article_id}"


def trace_story(store: Store, story_id: int) -> Trace:
    """The trace of a stored story; StoreError if there is no such story."""
    story = store.story(story_id)
    items = [(meta, store.analysis(meta.id)) for meta in store.articles(story_id)]
    result = trace(items)
    result.story_id, result.headline = story.id, story.headline
    return result


def trace(items: list[tuple[StoredArticle, Analysis]]) -> Trace:
    """The relay graph of articles given with their store metadata and analyses."""
    result = Trace(None, None)
    nodes: dict[str, Node] = {}
    edges: dict[tuple[str, str], Edge] = {}
    for meta, analysis in items:
        entry = ArticleTrace(
            meta.id,
            meta.title or analysis.article.title,
            meta.outlet or analysis.article.outlet,
            meta.published,
            meta.added,
        )
        _walk_chains(entry, analysis, nodes, edges)
        result.articles.append(entry)
    result.nodes = sorted(nodes.values(), key=lambda n: (-len(n.articles), n.key))
    result.edges = sorted(edges.values(), key=lambda e: (-len(e.articles), e.citer, e.cited))
    _roles(result, {m.id: m for m, _ in items})
    result.origin = _origin(result)
    result.summary = _summary(result)
    if not any(a.cites for a in result.articles):
        result.warnings.append("no attributions found in these articles: nothing to trace")
    return result


def _walk_chains(entry: ArticleTrace, analysis: Analysis, nodes, edges) -> None:
    """Add one article's chains to the graph (nodes and edges shared across articles)."""
    seen: list[str] = []
    for attribution in analysis.attributions:
        chain = [s for s in (analysis.source(i) for i in attribution.chain) if s]
        chain = [s for s in chain if s.kind != "publisher"]
        citer = article_key(entry.id)
        for source in reversed(chain):  # nearest to the publisher first
            key = node_key(source)
            node = nodes.setdefault(key, Node(key, source.name, source.kind, count=source.count))
            if entry.id not in node.articles:
                node.articles.append(entry.id)
            edge = edges.setdefault((citer, key), Edge(citer, key))
            if entry.id not in edge.articles:
                edge.articles.append(entry.id)
            if key not in seen:
                seen.append(key)
            if source.kind == "outlet" and key not in entry.relays:
                entry.relays.append(key)
            citer = key
    entry.cites = seen


def _roles(result: Trace, metas: dict[int, StoredArticle]) -> None:
    """Earliest article (the original); copies (near-duplicates); independent reporting."""
    dated = [a for a in result.articles if a.published]
    order = sorted(dated, key=lambda a: a.published) or result.articles
    result.earliest = order[0].id if order else None
    _copies(result, metas)
    for entry in result.articles:
        others = set().union(*(set(o.cites) for o in result.articles if o is not entry))
        entry.unique = [k for k in entry.cites if k not in others and len(result.articles) > 1]
        if entry.id == result.earliest:
            entry.role, entry.copy_of, entry.similarity = "original", None, None
        elif entry.copy_of is not None:
            entry.role = "copy"
        elif entry.unique:
            entry.role = "independent"


def _copies(result: Trace, metas: dict[int, StoredArticle]) -> None:
    """For each stored near-duplicate pair, the later-published article is the copy."""
    by_id = {a.id: a for a in result.articles}
    for entry in result.articles:
        meta = metas[entry.id]
        other = by_id.get(meta.nearest) if meta.joined_via == "near-duplicate" else None
        if other is None:
            continue
        copy, source = entry, other
        if entry.published and other.published and entry.published < other.published:
            copy, source = other, entry
        if copy.similarity is None or (meta.score or 0) > copy.similarity:
            copy.copy_of, copy.similarity = source.id, meta.score


def _origin(result: Trace) -> Origin | None:
    """The source the most articles relay: outlets first, then documents and the rest."""
    total = len(result.articles)
    for kind in ORIGIN_KINDS:
        candidates = [n for n in result.nodes if n.kind == kind and len(n.articles) >= 2]
        if kind == "outlet":
            relayed = {k for a in result.articles for k in a.relays}
            candidates = [n for n in candidates if n.key in relayed] or candidates
        if candidates:
            cited_by = Counter(e.citer for e in result.edges)
            top = max(candidates, key=lambda n: (len(n.articles), cited_by[n.key]))
            cited = Counter(e.cited for e in result.edges if e.citer == top.key)
            cites = [k for k, _ in cited.most_common()]
            return Origin(top.key, top.name, top.kind, len(top.articles), total, cites)
    return None


def describe(nodes: list[Node]) -> str:
    """Cited sources in words: "a document (Pentagon briefing document) and two anonymous
    sources (...)"."""
    parts = []
    groups: dict[str, list[Node]] = {}
    for n in nodes:
        groups.setdefault(n.kind, []).append(n)
    for kind, members in groups.items():
        names = "; ".join(n.name for n in members)
        if kind == "anonymous":
            people = sum(n.count or 1 for n in members)
            parts.append(f"{_number(people)} anonymous source{'s' * (people != 1)} ({names})")
        else:
            label = {"organization": "organisation", "person": "named person"}.get(kind, kind)
            plural = "s" if len(members) > 1 else ""
            count = _number(len(members)) if len(members) > 1 else "a"
            parts.append(f"{count} {label}{plural} ({names})")
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return parts[0] if parts else "no one"


def _number(n: int) -> str:
    return _NUMBERS[n] if n < len(_NUMBERS) else str(n)


def _copy(result: Trace, a: ArticleTrace) -> str:
    text = f"article {a.id} (near-duplicate of {a.copy_of}, Jaccard {a.similarity}"
    if a.unique:
        names = ", ".join(n.name for n in (result.node(k) for k in a.unique) if n)
        text += f"; names sources no other article does: {names}"
    return text + ")"


def _summary(result: Trace) -> list[str]:
    lines = []
    total = len(result.articles)
    if result.origin:
        o = result.origin
        verb = "relay" if o.kind == "outlet" else "cite"
        cited = [result.node(k) for k in o.cites]
        lines.append(
            f"{o.articles} of {total} articles {verb} {o.name}; "
            f"{o.name} cites {describe([n for n in cited if n])}"
        )
    if result.earliest is not None:
        first = next(a for a in result.articles if a.id == result.earliest)
        when = first.published or f"first stored {first.added}"
        lines.append(f"earliest: article {first.id} ({first.outlet or first.title or '?'}, {when})")
    copies = [a for a in result.articles if a.role == "copy"]
    if copies:
        lines.append("copies: " + ", ".join(_copy(result, a) for a in copies))
    for a in result.articles:
        if a.role == "independent":
            extra = [result.node(k) for k in a.unique]
            lines.append(
                f"independent reporting: article {a.id} adds {describe([n for n in extra if n])}"
            )
    return lines
