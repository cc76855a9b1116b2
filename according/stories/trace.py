"""Where a story's claims came from: who cites whom, who came first, who copied whom.

Built from the relay chains of the stored analyses (origin first, publisher
last): each chain ``X <- CNN <- article`` adds the edges article -> CNN -> X.
The common origin is the outlet (or, failing one, the document or organisation)
that most articles relay; an article that cites a source no other article has
is independent reporting, one stored as a near-duplicate is a copy.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from typing import Any

from according.analysis import Analysis, Source
from according.settings import DEFAULTS, Options
from according.stories.store import Store, StoredArticle
from according.words import listed, normal

ROLE_WORDS = 600  # words of each version compared for copies and rewordings
_WORD = re.compile(r"\w+")
OWN_SOURCE_KINDS = ("person", "organization", "document", "anonymous")
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
    role: str = "rewrite"  # original, copy, rewrite, machine-reworded, independent, translation
    copy_of: int | None = None  # the version it copies, rewords or translates
    similarity: float | None = None  # share of its words in the same order as copy_of's
    lang: str | None = None
    evidence: str = ""  # why it has its role, in words
    changes: list[dict[str, Any]] = field(default_factory=list)  # against the original


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
    history: list[str] = field(default_factory=list)  # merges into it and splits, oldest first

    def node(self, key: str) -> Node | None:
        return next((n for n in self.nodes if n.key == key), None)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def node_key(source: Source) -> str:
    """One key for the same source across articles: kind plus folded name."""
    return f"{source.kind}:{normal(node_name(source))}"


def node_name(source: Source) -> str:
    """A source's name as the trace shows it beside other articles: a document one article
    calls "his 277-page ruling" is "the 277-page ruling" there, where "his" has no one to
    point to."""
    words = source.name.split()
    if (
        source.kind == "document"
        and len(words) > 1
        and words[0].lower() in listed("possessive_determiners")
    ):
        return " ".join(["the", *words[1:]])
    return source.name


def article_key(article_id: int) -> str:
    return f"article:{article_id}"


def trace_story(store: Store, story_id: int) -> Trace:
    """The trace of a stored story; StoreError if there is no such story. What each
    version changed against the original is added by ``according.story_report``."""
    story = store.story(story_id)
    items = [(meta, store.analysis(meta.id)) for meta in store.articles(story_id)]
    result = trace(items)
    result.story_id, result.headline = story.id, story.headline
    result.history = history(store, story_id)
    return result


def history(store: Store, story_id: int) -> list[str]:
    """How the store shaped the story, oldest first: stories merged into it by a bridging
    article, and articles split off it (or it off another) once their dates disagreed."""
    events = [(m["at"], m["article_id"], _merged(m)) for m in store.merges(story_id)]
    for s in store.splits(story_id):
        text = (
            f"{_count(s['articles'])} split off into story {s['split']} when article "
            f"{s['article_id']} joined: dated weeks from the day its versions agree on"
        )
        events.append((s["at"], s["article_id"], text))
    for s in store.splits(into=story_id):
        text = (
            f"split off story {s['story_id']} when article {s['article_id']} joined it: "
            "dated weeks from the day that story's versions agree on"
        )
        events.append((s["at"], s["article_id"], text))
    return [text for _, _, text in sorted(events)]


def _merged(merge: dict[str, Any]) -> str:
    how = "opening similarity" if merge["via"] == "embedding" else merge["via"]
    return (
        f"story {merge['merged']} ({_count(merge['articles'])}) merged in: article "
        f"{merge['article_id']} was like both ({how} {merge['score']})"
    )


def _count(n: int) -> str:
    return f"{n} article{'s' * (n != 1)}"


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
            lang=getattr(meta, "lang", None) or analysis.article.lang,
        )
        _walk_chains(entry, analysis, nodes, edges)
        result.articles.append(entry)
    result.nodes = sorted(nodes.values(), key=lambda n: (-len(n.articles), n.key))
    result.edges = sorted(edges.values(), key=lambda e: (-len(e.articles), e.citer, e.cited))
    texts = {m.id: a.article.text for m, a in items}
    _roles(result, texts)
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
            node = nodes.setdefault(
                key, Node(key, node_name(source), source.kind, count=source.count)
            )
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


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())[:ROLE_WORDS]


def _likeness(a: str, b: str) -> tuple[float, float]:
    """Share of words in the same order, and the mean length of the verbatim runs."""
    matcher = SequenceMatcher(None, _words(a), _words(b), autojunk=False)
    blocks = [m.size for m in matcher.get_matching_blocks() if m.size]
    return matcher.ratio(), (sum(blocks) / len(blocks) if blocks else 0.0)


def _domain(outlet: str | None) -> str:
    """ "telegraph.co.uk" -> "telegraph"; "The Telegraph" -> "telegraph"."""
    text = normal(outlet or "").removeprefix("www.").removeprefix("the ")
    return text.split(".")[0].replace(" ", "")


def _credited(result: Trace) -> ArticleTrace | None:
    """The story's own article from the outlet most of the others credit, if any."""
    relayed = Counter(k for a in result.articles for k in set(a.relays))
    for key, count in relayed.most_common():
        node = result.node(key)
        if count < 2 or node is None:
            break
        name = _domain(node.name)
        own = [a for a in result.articles if a.outlet and name and _domain(a.outlet) == name]
        if own:
            return min(own, key=lambda a: (a.published or "9999", a.id))
    return None


def _roles(result: Trace, texts: dict[int, str], options: Options = DEFAULTS) -> None:
    """Each version's role from evidence: who is credited, dates, language, wording, sources.

    original: the article from the outlet the others credit, else the earliest;
    translation: another language than the original's; copy: most words in the same
    order as an earlier version, in long verbatim runs; machine-reworded: most words in
    the same order but in short runs (words swapped one by one); independent: credits no
    outlet and cites at least ``story_own_sources`` people, organisations or documents no
    other version has; rewrite: the rest (same event, own words, often crediting another
    outlet).
    """
    dated = [a for a in result.articles if a.published]
    order = sorted(dated, key=lambda a: (a.published, a.id)) or result.articles
    result.earliest = order[0].id if order else None
    credited = _credited(result)
    original = credited or next((a for a in result.articles if a.id == result.earliest), None)
    by_date = sorted(result.articles, key=lambda a: (a.published or "9999", a.id))
    for entry in result.articles:
        others = set().union(*(set(o.cites) for o in result.articles if o is not entry))
        entry.unique = [k for k in entry.cites if k not in others and len(result.articles) > 1]
        entry.copy_of, entry.similarity = None, None
        if entry is original:
            entry.role = "original"
            entry.evidence = (
                "the outlet the other versions credit" if credited else "published first"
            )
            continue
        source_lang = (original.lang if original else None) or "en"
        if (entry.lang or "en") != source_lang:
            entry.role, entry.copy_of = "translation", original.id if original else None
            entry.evidence = f"in {entry.lang}, the original in {source_lang}"
            continue
        earlier = by_date[: by_date.index(entry)]
        before = [o for o in earlier if (o.lang or "en") == (entry.lang or "en")]
        best = max(
            ((_likeness(texts[entry.id], texts[o.id]), o) for o in before),
            key=lambda x: x[0][0],
            default=None,
        )
        if best and best[0][0] >= options.story_copy_ratio:
            (ratio, run), other = best
            entry.copy_of, entry.similarity = other.id, round(ratio, 3)
            if run >= options.story_copy_run:
                entry.role = "copy"
                entry.evidence = f"{ratio:.0%} of its words as in article {other.id}, verbatim"
            else:
                entry.role = "machine-reworded"
                entry.evidence = (
                    f"{ratio:.0%} of its words in the order of article {other.id}, with words "
                    f"swapped every {run:.0f} or so"
                )
            continue
        credits = [result.node(k).name for k in entry.relays if result.node(k)]
        own = [
            result.node(k).name
            for k in entry.unique
            if result.node(k) and result.node(k).kind in OWN_SOURCE_KINDS
        ]
        if not credits and len(own) >= options.story_own_sources:
            entry.role = "independent"
            entry.evidence = "credits no outlet; its own sources: " + "; ".join(own)
        else:
            entry.role = "rewrite"
            entry.evidence = "own words" + (f", credits {', '.join(credits)}" if credits else "")


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
            count = _number(len(members)) if len(members) > 1 else _a(label)
            parts.append(f"{count} {label}{plural} ({names})")
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return parts[0] if parts else "no one"


def _a(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _number(n: int) -> str:
    return _NUMBERS[n] if n < len(_NUMBERS) else str(n)


def _copy(result: Trace, a: ArticleTrace) -> str:
    text = f"article {a.id} ({a.outlet or '?'}; {a.evidence}"
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
    original = next((a for a in result.articles if a.role == "original"), None)
    if original is not None and original.id != result.earliest:
        lines.append(
            f"original: article {original.id} ({original.outlet or '?'}), {original.evidence}"
        )
    for role, label in (
        ("copy", "copies"),
        ("machine-reworded", "machine-reworded"),
        ("translation", "translations"),
    ):
        members = [a for a in result.articles if a.role == role]
        if members:
            lines.append(f"{label}: " + ", ".join(_copy(result, a) for a in members))
    for a in result.articles:
        if a.role == "independent":
            extra = [result.node(k) for k in a.unique]
            lines.append(
                f"independent reporting: article {a.id} adds {describe([n for n in extra if n])}"
            )
    return lines
