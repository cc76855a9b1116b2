"""The data model every step after parsing shares: spans, sources, attributions.

All offsets are Python ``str`` offsets into ``Article.text``, end exclusive.
``Analysis.to_dict`` / ``Analysis.from_dict`` are the versioned JSON contract
(``docs/schema.md``); a round trip gives back equal objects.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from according.article import Article

SCHEMA = "according/1"

SOURCE_KINDS = ("person", "anonymous", "document", "organization", "outlet", "publisher", "unknown")
ATTRIBUTION_KINDS = ("direct", "indirect", "mixed", "none")
ACTS = ("statement", "report", "belief", "denial", "refusal", "request")
POLARITIES = ("asserts", "denies", "declines", "asks")
DISPLAY_COLORS = {"CUE": "#f4a6a6", "SOURCE": "#9cc9f5", "CONTENT": "#f7e08a"}
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Span:
    """A stretch of the article's text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass
class Source:
    """One source after merging its mentions, with its type and descriptors."""

    id: str
    name: str
    kind: str
    mentions: list[Span] = field(default_factory=list)
    role: str | None = None
    affiliation: str | None = None
    count: int | None = None
    basis: str | None = None
    rank: str | None = None

    @property
    def named(self) -> bool:
        """A source the reader can identify by name (not anonymous, not a document)."""
        return self.kind in ("person", "organization", "outlet")


@dataclass
class Certainty:
    """A claim's place on the ICD 203 estimative scale and the words that set it.

    ``band`` is one of ``according.extract.certainty.BANDS`` or ``"unmarked"``
    (no estimative language: a plain assertion). ``confidence`` is the analytic
    confidence the text states ("moderate confidence"), a separate axis. ``probability``
    is the number the text states ("a 40 percent chance": 0.4), when it states one.
    """

    band: str = "unmarked"
    low: float | None = None
    high: float | None = None
    cues: list[Span] = field(default_factory=list)
    hedged: bool = False
    confidence: str | None = None
    probability: float | None = None


@dataclass
class Attribution:
    """Who (source) says (cue) what (content), to whom (recipient), how surely."""

    id: str
    cue: Span | None
    content: list[Span]
    source: str | None = None
    source_mention: Span | None = None
    kind: str = "indirect"
    act: str = "statement"
    polarity: str = "asserts"
    recipient: Span | None = None
    certainty: Certainty = field(default_factory=Certainty)
    parent: str | None = None
    chain: list[str] = field(default_factory=list)

    @property
    def speaker_unknown(self) -> bool:
        return self.source is None


@dataclass
class Claim:
    """A sentence the article states in its own voice, with no attribution."""

    span: Span
    certainty: Certainty = field(default_factory=Certainty)


@dataclass
class Profile:
    """How the article is sourced, in counts a reader can check."""

    attributed_claims: int = 0
    unattributed_claims: int = 0
    sources: int = 0
    named_sources: int = 0
    anonymous_sources: int = 0
    documents: int = 0
    organizations: int = 0
    outlets: list[str] = field(default_factory=list)
    persons: int = 0
    cited_outlets: int = 0
    unknown_sources: int = 0
    anonymous_share: float = 0.0
    relayed_claims: int = 0
    single_relay_outlet: str | None = None
    quotes_without_speaker: int = 0
    denials: int = 0
    refusals: int = 0
    hedged_claims: int = 0


@dataclass
class Analysis:
    """Everything ``according.analyze`` learns about one article."""

    article: Article
    sources: list[Source] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    unattributed: list[Claim] = field(default_factory=list)
    profile: Profile = field(default_factory=Profile)
    warnings: list[str] = field(default_factory=list)
    schema: str = SCHEMA

    def source(self, source_id: str | None) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    def chain_names(self, attribution: Attribution) -> list[str]:
        """The relay chain as names, origin first, publisher last."""
        return [s.name for s in (self.source(i) for i in attribution.chain) if s]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def display_data(self) -> dict[str, Any]:
        """displaCy's manual ``span`` format: whitespace tokens, CUE/SOURCE/CONTENT spans."""
        text = self.article.text
        tokens = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        spans = []
        for a in self.attributions:
            roles = [("CUE", a.cue), ("SOURCE", a.source_mention)]
            roles += [("CONTENT", c) for c in a.content]
            for label, part in roles:
                inside = [
                    i for i, (s, e) in enumerate(tokens) if part and s < part.end and part.start < e
                ]
                if inside:
                    spans.append(
                        {"start_token": inside[0], "end_token": inside[-1] + 1, "label": label}
                    )
        return {"text": text, "tokens": [text[s:e] for s, e in tokens], "spans": spans}

    def _repr_html_(self) -> str:
        """A notebook's view of the analysis: its attributions drawn by displaCy."""
        from spacy import displacy  # spaCy's renderer, loaded only when a notebook asks

        options = {"colors": DISPLAY_COLORS}
        return displacy.render(self.display_data(), style="span", manual=True, options=options)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        if data.get("schema") != SCHEMA:
            raise ValueError(
                f"unsupported schema {data.get('schema')!r}; this version reads {SCHEMA!r}"
            )
        return _build(cls, data)


def _build(cls: type, data: Any) -> Any:
    """Rebuild a dataclass tree from ``asdict`` output, field types guiding the way."""
    kwargs = {}
    for f in fields(cls):
        if f.name not in data:
            continue
        kwargs[f.name] = _convert(f.type, data[f.name])
    return cls(**kwargs)


_TYPES = {
    "Span": Span,
    "Source": Source,
    "Certainty": Certainty,
    "Attribution": Attribution,
    "Claim": Claim,
    "Profile": Profile,
    "Article": Article,
}


def _convert(annotation: str, value: Any) -> Any:
    if value is None:
        return None
    name = annotation.replace(" | None", "").strip()
    if name.startswith("list[") and name[5:-1] in _TYPES:
        return [_build(_TYPES[name[5:-1]], v) for v in value]
    if name in _TYPES:
        return _build(_TYPES[name], value)
    return value
