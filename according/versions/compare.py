"""Two versions of an article compared: sentences aligned, every change in meaning listed.

``compare(a, b)`` takes text, an ``Article`` or an ``Analysis`` for each side and
returns a ``Comparison`` whose ``to_dict()`` is the JSON contract (``docs/stories.md``).
Rewording that keeps the meaning is not a change; see ``according.words``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from spacy.tokens import Doc

from according import nlp
from according.analysis import Analysis, Span
from according.article import Article
from according.pipeline import Failure, analyze_one, as_article, check
from according.settings import DEFAULTS, Options
from according.versions.align import Unit, align, units
from according.versions.calm import calm
from according.versions.changes import INVERSE, KINDS, SEVERITY, Change, Pair, Side, detect
from according.words import clip

COMPARE_SCHEMA = "according-compare/1"
RELATED = 0.2  # least share of sentences aligned for two texts to count as versions

__all__ = [
    "COMPARE_SCHEMA",
    "INVERSE",
    "KINDS",
    "SEVERITY",
    "Alignment",
    "Change",
    "Comparison",
    "Version",
    "compare",
]


@dataclass
class Version:
    """One side of a comparison: its text, metadata and sentence spans."""

    text: str
    sentences: list[Span]
    id: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None


@dataclass
class Alignment:
    """Sentences of A matched to sentences of B.

    ``kind``: same, reworded (no change in meaning), changed, split (one A sentence
    to two of B), merged (two to one), moved, removed (no B), added (no A).
    """

    a: list[int]
    b: list[int]
    kind: str
    similarity: float


@dataclass
class Comparison:
    """What changed in meaning from version A to version B."""

    a: Version
    b: Version
    alignments: list[Alignment] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    similarity: float = 1.0
    related: bool = True
    warnings: list[str] = field(default_factory=list)
    schema: str = COMPARE_SCHEMA

    def counts(self) -> dict[str, int]:
        """Number of changes of each kind, in ``KINDS`` order, zero kinds left out."""
        return {k: n for k in KINDS if (n := sum(c.kind == k for c in self.changes))}

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["counts"] = self.counts()
        return data


Input = str | Article | Analysis


def _prepare(item: Input, options: Options) -> tuple[Article, Analysis, Doc]:
    """Parse one side once; ``pipeline.analyze_one`` on the same parse (with
    ``options.extractor``) gives its attributions, unless it comes analysed."""
    if isinstance(item, Analysis):
        check(Article(text=item.article.text), options)
        return item.article, item, nlp.load()(item.article.text)
    article = check(as_article(item), options)
    doc = nlp.load()(article.text)
    analysis = analyze_one(article, options, doc)
    if isinstance(analysis, Failure):
        raise analysis.exception()
    return article, analysis, doc


def _version(article: Article, found: list[Unit], doc: Doc) -> Version:
    return Version(
        text=article.text,
        sentences=[Span.of(article.text, u.start, u.end) for u in found],
        id=article.id,
        title=article.title,
        url=article.url,
        outlet=article.outlet,
        published=article.published,
    )


def compare(a: Input, b: Input, options: Options = DEFAULTS) -> Comparison:
    """Align the sentences of ``a`` and ``b`` and list every change in meaning."""
    art_a, an_a, doc_a = _prepare(a, options)
    art_b, an_b, doc_b = _prepare(b, options)
    ua, ub = units(doc_a), units(doc_b)
    result = Comparison(_version(art_a, ua, doc_a), _version(art_b, ub, doc_b))
    pairs = align(ua, ub)
    aligned = sum(len(p.a) + len(p.b) for p in pairs if p.a and p.b)
    result.similarity = round(aligned / max(1, len(ua) + len(ub)), 3)
    if result.similarity < RELATED:
        result.related = False
        result.alignments = [
            Alignment(p.a, p.b, _gap_kind(p.a, p.b), round(p.similarity, 3)) for p in pairs
        ]
        result.warnings.append(
            f"A and B look like different articles, not versions of one: only {aligned} of "
            f"{len(ua) + len(ub)} sentences align; no changes are listed"
        )
        return result
    for index, pair in enumerate(pairs):
        changes = _pair_changes(pair.a, pair.b, ua, ub, doc_a, doc_b, an_a, an_b)
        for change in changes:
            change.alignment = index
        result.changes += changes
        kind = (
            "moved"
            if pair.moved
            else _kind(pair.a, pair.b, ua, ub, art_a.text, art_b.text, changes)
        )
        result.alignments.append(Alignment(pair.a, pair.b, kind, round(pair.similarity, 3)))
    result.changes = calm(result.changes)
    return result


def _pair_changes(x, y, ua, ub, doc_a, doc_b, an_a, an_b) -> list[Change]:
    if not y:
        span = Span.of(an_a.article.text, ua[x[0]].start, ua[x[-1]].end)
        return [
            Change(
                "sentence_removed",
                SEVERITY["sentence_removed"],
                f"sentence removed: \u201c{clip(span.text, 120)}\u201d",
                span,
                None,
            )
        ]
    if not x:
        span = Span.of(an_b.article.text, ub[y[0]].start, ub[y[-1]].end)
        return [
            Change(
                "sentence_added",
                SEVERITY["sentence_added"],
                f"sentence added: \u201c{clip(span.text, 120)}\u201d",
                None,
                span,
            )
        ]
    side_a = Side(doc_a, [ua[i] for i in x], an_a, an_a.article.text)
    side_b = Side(doc_b, [ub[j] for j in y], an_b, an_b.article.text)
    if _same_text(side_a, side_b):
        return []
    return detect(Pair(side_a, side_b))


def _same_text(a: Side, b: Side) -> bool:
    return " ".join(a.text[a.start : a.end].split()) == " ".join(b.text[b.start : b.end].split())


def _gap_kind(x: list[int], y: list[int]) -> str:
    if not y:
        return "removed"
    if not x:
        return "added"
    return "split" if len(y) > 1 else "merged" if len(x) > 1 else "reworded"


def _kind(x, y, ua, ub, text_a: str, text_b: str, changes) -> str:
    kind = _gap_kind(x, y)
    if kind != "reworded":
        return kind
    ta = text_a[ua[x[0]].start : ua[x[0]].end]
    tb = text_b[ub[y[0]].start : ub[y[0]].end]
    if " ".join(ta.split()) == " ".join(tb.split()):
        return "same"
    return "changed" if changes else "reworded"
