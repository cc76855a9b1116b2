"""``according`` as a spaCy component: ``nlp.add_pipe("according")`` on an English pipeline.

The analysis rides on the Doc as its JSON-ready dict (``doc._.according``), so ``DocBin``
with user data keeps it; ``doc.spans["according"]`` holds cue, source and content spans.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, SpanGroup
from spacy.tokens import Span as DocSpan

from according.analysis import Analysis, Attribution, Source
from according.article import Article
from according.extract import extractor_names
from according.pipeline import analyze_doc
from according.settings import DEFAULTS

SPANS_KEY = "according"
LABELS = {"cue": "CUE", "source": "SOURCE", "content": "CONTENT"}


def analysis_of(doc: Doc) -> Analysis | None:
    """The analysis the component stored on ``doc`` (None before the component ran)."""
    data = doc._.according
    return Analysis.from_dict(data) if data else None


def _attributions(doc: Doc) -> list[Attribution]:
    analysis = analysis_of(doc)
    return analysis.attributions if analysis else []


def _sources(doc: Doc) -> list[Source]:
    analysis = analysis_of(doc)
    return [s for s in analysis.sources if s.kind != "publisher"] if analysis else []


def _span_attribution(span: DocSpan) -> Attribution | None:
    """The attribution whose cue, source or content holds this span (the tightest one)."""
    start, end = span.start_char, span.end_char
    best, size = None, None
    for a in _attributions(span.doc):
        parts = [a.cue, a.source_mention, *a.content]
        for part in (p for p in parts if p is not None):
            if (
                part.start <= start
                and end <= part.end
                and (size is None or part.end - part.start < size)
            ):
                best, size = a, part.end - part.start
    return best


def register_extensions() -> None:
    """Declare the Doc and Span attributes (once; spaCy keeps them per process)."""
    if Doc.has_extension("according"):
        return
    Doc.set_extension("according", default=None)
    Doc.set_extension("analysis", getter=analysis_of)
    Doc.set_extension("attributions", getter=_attributions)
    Doc.set_extension("sources", getter=_sources)
    DocSpan.set_extension("attribution", getter=_span_attribution)


def span_group(doc: Doc, analysis: Analysis) -> SpanGroup:
    """Cue, source and content of every attribution as labelled spans (for displaCy)."""
    spans = []
    for a in analysis.attributions:
        roles = [("cue", a.cue), ("source", a.source_mention), *(("content", c) for c in a.content)]
        for role, part in roles:
            if part is None:
                continue
            span = doc.char_span(part.start, part.end, label=LABELS[role], alignment_mode="expand")
            if span is not None:
                spans.append(span)
    return SpanGroup(doc, name=SPANS_KEY, spans=spans)


class AttributionFinder:
    """The pipeline component: analyses each Doc with the named extractor."""

    def __init__(self, name: str, extractor: str | None) -> None:
        self.name = name
        self.extractor = extractor or DEFAULTS.extractor
        if self.extractor not in extractor_names():
            raise ValueError(
                f"unknown extractor {self.extractor!r}; choose from {', '.join(extractor_names())}"
            )
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        if not (doc.has_annotation("DEP") and doc.has_annotation("ENT_IOB")):
            raise ValueError(
                "the 'according' component needs a dependency parse and named entities: "
                "add it after the 'parser' and 'ner' components of an English pipeline"
            )
        analysis = analyze_doc(doc, Article(text=doc.text, lang="en"), self.extractor)
        doc._.according = analysis.to_dict()
        doc.spans[SPANS_KEY] = span_group(doc, analysis)
        return doc


@Language.factory(
    "according",
    default_config={"extractor": None},
    assigns=["doc._.according", "doc.spans"],
    requires=["token.dep", "doc.ents"],
)
def make_component(nlp: Language, name: str, extractor: str | None) -> AttributionFinder:
    """``nlp.add_pipe("according", config={"extractor": "hybrid"})``; English only."""
    if nlp.lang != "en":
        raise ValueError(
            f"the 'according' component analyses English only; this pipeline is {nlp.lang!r}"
        )
    return AttributionFinder(name, extractor)
