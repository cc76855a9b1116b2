"""Source mentions merged into sources, and each source typed.

A mention is the source span of an attribution, or a recipient ("told CNN").
Names merge with surnames, pronouns with the last fitting source, "the
document" with the last document, "the network" with the last outlet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from according import lexicon
from according.analysis import Source, Span
from according.extract.text import ents_in, text_of

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "i", "me"})
GROUP_PRONOUNS = frozenset({"they", "them", "we", "us"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "both", "its"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
ORG_ENTITIES = frozenset({"ORG", "GPE", "NORP", "FAC"})
_SPACES = re.compile(r"\s+")


@dataclass
class Mention:
    """A source mention being resolved: its span, head token and what it refers to."""

    span: Span
    head: Token
    kind: str = "unknown"
    key: str = ""
    source: Source | None = None
    extras: dict = field(default_factory=dict)


class Resolver:
    """Assigns mentions to sources in reading order; holds the sources found so far."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.sources: list[Source] = []
        self.by_key: dict[str, Source] = {}
        self.history: list[tuple[int, Source]] = []  # (char offset, source), reading order

    # -- public ---------------------------------------------------------------

    def resolve(self, start: int, end: int, create: bool = True) -> Source | None:
        """The source a mention at [start, end) refers to, created if new and ``create``."""
        same = next(
            (s for s in self.sources if any(m.start == start and m.end == end for m in s.mentions)),
            None,
        )
        if same is not None:  # one mention serving two cues ("X recommended ... and said ...")
            return same
        chunk = self.doc.char_span(start, end, alignment_mode="expand")
        if chunk is None or not len(chunk):
            return None
        mention = Mention(span=Span.of(text_of(self.doc), start, end), head=_head(chunk))
        source = self._refer(mention, chunk, create)
        if source is not None:
            if mention.span not in source.mentions:
                source.mentions.append(mention.span)
            self.history.append((start, source))
        return source

    # -- reference ------------------------------------------------------------

    def _refer(self, mention: Mention, chunk: DocSpan, create: bool) -> Source | None:
        lower = mention.head.lower_
        if len(chunk) == 1 and lower in RELATIVE_PRONOUNS:
            return self._antecedent_of_relative(mention.head, create)
        if len(chunk) == 1 and lower in PERSON_PRONOUNS:
            return self._last(mention.span.start, ("person",))
        if len(chunk) == 1 and lower in GROUP_PRONOUNS:
            return self._last(mention.span.start, ("anonymous", "organization", "outlet"))
        kind, key, name, extras = _describe(chunk, mention.head)
        if kind in ("document", "outlet") and _definite_anaphor(chunk, kind):
            found = self._last(mention.span.start, (kind,))
            if found is not None or kind == "document" and not create:
                return found
        existing = self._match(kind, key)
        if existing is not None:
            _prefer_name(existing, name)
            return existing
        if not create:
            return None
        return self._new(kind, key, name, extras)

    def _antecedent_of_relative(self, pronoun: Token, create: bool) -> Source | None:
        clause = pronoun.head
        noun = clause.head if clause.dep_ in ("relcl", "acl") else None
        if noun is None or noun is clause:
            return None
        span = _np_without_clause(noun, clause)
        return self.resolve(span.start_char, span.end_char, create)

    def _last(self, before: int, kinds: tuple[str, ...]) -> Source | None:
        for offset, source in reversed(self.history):
            if offset < before and source.kind in kinds:
                return source
        return None

    def _match(self, kind: str, key: str) -> Source | None:
        if not key:
            return None
        if key in self.by_key:
            return self.by_key[key]
        for other_key, source in self.by_key.items():
            if source.kind != kind:
                continue
            if kind == "person" and _same_person(key, other_key):
                return source
            if kind in ("organization", "outlet") and _same_name(key, other_key):
                return source
        return None

    def _new(self, kind: str, key: str, name: str, extras: dict) -> Source:
        source = Source(id=f"S{len(self.sources) + 1}", name=name, kind=kind, **extras)
        self.sources.append(source)
        if key and kind != "anonymous":
            self.by_key[key] = source
        return source


# -- description ---------------------------------------------------------------


def _head(chunk: DocSpan) -> Token:
    root = chunk.root
    return root


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip(" ,;:")


def _strip_determiner(tokens: list[Token]) -> list[Token]:
    while tokens and tokens[0].lower_ in DETERMINERS | {"both"}:
        tokens = tokens[1:]
    return tokens


def _describe(chunk: DocSpan, head: Token) -> tuple[str, str, str, dict]:
    """(kind, merge key, display name, descriptor fields) for a mention."""
    text = _clean(chunk.text)
    bare = _clean(" ".join(t.text_with_ws for t in _strip_determiner(list(chunk))))
    lower_bare = bare.lower()
    outlets = lexicon.words("outlets", "outlets")
    if lower_bare in outlets or text.lower() in outlets:
        name = text if text[:4] == "The " and text.lower() in outlets else bare
        return "outlet", lower_bare.removeprefix("the "), name, {}
    ents = ents_in(chunk)
    person = next((e for e in ents if e.label_ == "PERSON"), None)
    if person is not None:
        return (
            "person",
            _clean(person.text).lower(),
            _clean(person.text),
            _person_details(chunk, person),
        )
    lemma = head.lemma_.lower()
    if lemma in lexicon.words("sources", "document_heads") or head.lower_ in lexicon.words(
        "sources", "document_heads"
    ):
        return "document", lower_bare, bare, {}
    if head.lower_ in lexicon.words("sources", "outlet_anaphors"):
        return "outlet", lower_bare, bare, {}
    anonymous = lexicon.words("sources", "anonymous_heads")
    named_org = any(e.label_ in ORG_ENTITIES and e.root == head for e in ents)
    if (head.lower_ in anonymous or lemma in anonymous) and not named_org:
        return "anonymous", lower_bare, bare, _anonymous_details(chunk, head)
    if any(e.label_ in ORG_ENTITIES for e in ents) or lemma in lexicon.words(
        "sources", "organization_words"
    ):
        return "organization", lower_bare, bare, {}
    if head.pos_ == "PROPN":
        return "organization", lower_bare, bare, {}
    return "unknown", lower_bare, bare, {}


def _definite_anaphor(chunk: DocSpan, kind: str) -> bool:
    """ "the memo", "the network": a definite description with no proper name."""
    first = chunk[0].lower_
    has_name = any(t.pos_ == "PROPN" for t in chunk) and kind == "outlet"
    return first in DEFINITE and not has_name


def _person_details(chunk: DocSpan, person: DocSpan) -> dict:
    """Role and affiliation from the words before the name or an apposition."""
    roles = lexicon.words("sources", "roles")
    titles = {t.lower() for t in lexicon.load("sources")["titles"]}
    before = [t for t in chunk if t.i < person.start and t.lower_ not in DETERMINERS]
    after = [t for t in chunk if t.i >= person.end]
    role_words = [t.text for t in before + after if t.lower_ in roles and t.lower_ not in titles]
    rank = [t.text for t in before if t.text.lower() in titles]
    affiliation = [
        t.text
        for t in before
        if (t.pos_ == "PROPN" or t.ent_type_ in ORG_ENTITIES) and t.text.lower() not in titles
    ]
    details: dict = {}
    if role_words:
        details["role"] = " ".join(role_words) + (f" ({' '.join(rank)})" if rank else "")
    elif rank:
        details["role"] = " ".join(rank)
    if affiliation:
        details["affiliation"] = " ".join(affiliation)
    return details


def _anonymous_details(chunk: DocSpan, head: Token) -> dict:
    """Count ("two sources" is 2) and basis ("familiar with the intelligence")."""
    numbers = lexicon.load("sources")["number_words"]
    count = None
    for token in chunk:
        if token.i > head.i:
            break
        if token.like_num and token.dep_ == "nummod":
            count = _number(token.text)
        elif token.lower_ in numbers and token.i == chunk.start:
            count = numbers[token.lower_]
    conjuncts = [c for c in head.conjuncts if c.i > head.i and c.i < chunk.end]
    if conjuncts:
        count = 1 + len(conjuncts)
    elif head.tag_ in ("NNS", "NNPS") and count == 1:
        count = None
    details: dict = {"count": count}
    text = chunk.text.lower()
    for marker in sorted(lexicon.load("sources")["basis_markers"], key=len, reverse=True):
        at = text.find(marker)
        if at >= 0:
            details["basis"] = _clean(chunk.text[at:])
            break
    affiliation = [
        t.text
        for t in chunk
        if t.i < head.i
        and (t.pos_ == "PROPN" or t.dep_ == "compound")
        and t.head == head
        or t.i < head.i
        and t.pos_ == "PROPN"
    ]
    if affiliation:
        details["affiliation"] = " ".join(dict.fromkeys(affiliation))
    return details


def _number(text: str) -> int | None:
    try:
        return int(text.replace(",", ""))
    except ValueError:
        return lexicon.load("sources")["number_words"].get(text.lower())


def _np_without_clause(noun: Token, clause: Token) -> DocSpan:
    skip = {t.i for t in clause.subtree}
    kept = [t for t in noun.subtree if t.i not in skip and t.i <= noun.i or t.i == noun.i]
    start = min(t.i for t in kept)
    return noun.doc[start : noun.i + 1]


def _same_person(a: str, b: str) -> bool:
    """Full name and surname ("rob lodewick" / "lodewick") refer to one person."""
    a_words, b_words = a.split(), b.split()
    return a_words[-1] == b_words[-1]


def _same_name(a: str, b: str) -> bool:
    return a.endswith(" " + b) or b.endswith(" " + a)


def _prefer_name(source: Source, name: str) -> None:
    """Keep the fullest name seen ("U.S. intelligence" over "intelligence")."""
    if source.kind in ("person", "organization") and len(name) > len(source.name):
        source.name = name
