"""Where a source's mention starts and ends: the span of a mention, trimmed, grown to
whole names and compounds, cut before clauses, and the document or institution it names."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from according import lexicon
from according.extract.text import RECENT_DOCS, ents_in, ents_of, text_of

ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})
PLACE_OR_TIME = frozenset({"DATE", "TIME", "GPE", "LOC"})
TRAILING = frozenset({"that", "which", "who", "on", "in", "at", "and", "of", "to", "by", "for"})
CLOSING = frozenset({")", "]", "”", "’", '"', "'"})
DATELINE = re.compile(  # "MOSCOW (AP) —", "(Reuters) -", and a city alone: "MOSCOW —"
    r"\s*(?:(?:[A-Z][A-Za-z0-9 .,'/-]*)?\(\s*[A-Za-z]{2,12}\s*\)\s*[—–-]"
    r"|[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)*)?\s+[—–-]\s)"
)


def kind_of_head(head: Token) -> str | None:
    """ "document" for a document's head noun ("report"), "anonymous" for a plural
    anonymous one ("officials"), else None."""

    def listed(key: str) -> bool:
        return head.lemma_.lower() in lexicon.words("sources", key) or head.lower_ in (
            lexicon.words("sources", key)
        )

    if listed("document_heads"):
        return "document"
    if listed("anonymous_heads") and head.tag_ == "NNS":
        return "anonymous"
    return None


def dateline(chunk: DocSpan) -> bool:
    """A dateline's wire credit or city ("MOSCOW (AP) —", "(Reuters) -", "MOSCOW —") is
    not a source."""
    text = text_of(chunk.doc)
    line_start = text.rfind("\n", 0, chunk.start_char) + 1
    match = DATELINE.match(text, line_start)
    return match is not None and chunk.end_char <= match.end()


def trim(chunk: DocSpan) -> DocSpan:
    """A mention without a trailing time, place or function word ("a judge in San Jose on")."""
    end = chunk.end
    root = chunk.root.i
    person = [e for e in ents_in(chunk) if e.label_ == "PERSON" and e.start <= root < e.end]
    if person:
        end = person[0].end  # "Silvana Dimino at JPMorgan (NYSE:JPM)": the name
    for token in chunk:
        if token.i == chunk.start or token.dep_ != "prep" or token.lower_ not in ("on", "in", "at"):
            continue
        objects = [c for c in token.children if c.dep_ == "pobj"]
        if objects and objects[0].ent_type_ in PLACE_OR_TIME:
            end = min(end, token.i)
    while end - 1 > chunk.start and (
        chunk.doc[end - 1].lower_ in TRAILING
        or chunk.doc[end - 1].tag_ == "POS"  # "the Baltimore Sun's"
        or chunk.doc[end - 1].is_punct
        and chunk.doc[end - 1].text not in CLOSING
    ):
        end -= 1
    return chunk if end == chunk.end else chunk.doc[chunk.start : end]


def whole_names(chunk: DocSpan) -> DocSpan:
    """The span grown to cover any entity it cuts ("The New" -> "The New York Times")."""
    start, end = chunk.start, chunk.end
    for e_start, e_end, label in name_entities(chunk.doc):
        if e_start < end and start < e_end:
            start, end = min(start, e_start), max(end, e_end)
        titled = e_start == end and label == "PERSON" and is_title(chunk.doc[end - 1])
        if titled:  # "Syrian Ambassador" + "Fayssal Mekdad"
            end = e_end
    return chunk.doc[start:end]


@lru_cache(maxsize=RECENT_DOCS)
def name_entities(doc: Doc) -> tuple[tuple[int, int, str], ...]:
    """(start, end, label) of the doc's organisation and person entities without a
    comma, in order: read once per doc, not once per mention."""
    labels = ORG_LABELS | {"PERSON"}
    return tuple(
        (e.start, e.end, e.label_) for e in ents_of(doc) if "," not in e.text and e.label_ in labels
    )


def is_title(token: Token) -> bool:
    """A role or title word ("Ambassador", "Sen.") that may stand before a name."""
    words = lexicon.words("sources", "roles") | lexicon.words("sources", "titles")
    return token.lower_ in words or token.lemma_.lower() in words


def without_clause(chunk: DocSpan) -> DocSpan:
    """The mention without a relative clause on its head ("a contractor that services
    Target retail stores", "Mylan, which runs ...") or a clause after a comma."""
    head = chunk.root
    for token in chunk:
        if token.i <= head.i or token.head != head:
            continue
        comma = token.left_edge.i > chunk.start and chunk.doc[token.left_edge.i - 1].text == ","
        if token.dep_ == "relcl" or token.dep_ == "acl" and comma:
            end = token.left_edge.i
            while end > head.i + 1 and chunk.doc[end - 1].is_punct:
                end -= 1
            return chunk.doc[chunk.start : end]
    return chunk


def np_without_clause(noun: Token, clause: Token) -> DocSpan:
    """``noun``'s phrase up to the noun, without the words of ``clause``."""
    skip = {t.i for t in clause.subtree}
    kept = [t for t in noun.subtree if t.i not in skip and t.i <= noun.i or t.i == noun.i]
    start = min(t.i for t in kept)
    return noun.doc[start : noun.i + 1]


def whole_compound(chunk: DocSpan) -> DocSpan:
    """A mention does not end inside a compound noun ("half of the dynamical model" is
    "half of the dynamical model forecasts"), unless the head is a verb of saying the parse
    took for a noun ("U.S. intelligence reports that ...")."""
    end = chunk.end
    heads = lexicon.words("sources", "document_heads") | lexicon.words("sources", "anonymous_heads")
    while end < len(chunk.doc) and chunk.doc[end - 1].dep_ == "compound":
        if chunk.doc[end - 1].pos_ != "NOUN":
            break  # "FDA" of "FDA investigators" is the agency
        head = chunk.doc[end]
        if chunk.doc[end - 1].head.i != end or head.lemma_.lower() not in heads:
            break  # "Brainard states" (a misparse) is no compound to grow into
        if end + 1 < len(chunk.doc) and chunk.doc[end + 1].dep_ == "mark":
            break  # "U.S. intelligence reports that ...": a verb of saying, misparsed
        end += 1
    return chunk if end == chunk.end else chunk.doc[chunk.start : end]


def whole_of_part(chunk: DocSpan) -> DocSpan:
    """ "a copy of the report", "the median consensus in the poll", "half of the model
    forecasts": the part speaks for the whole it is taken from, which is the mention."""
    head = chunk.root
    if head.lemma_.lower() not in lexicon.words("reference", "partitive_heads"):
        return chunk
    for prep in head.rights:
        objects = [c for c in prep.children if c.dep_ == "pobj" and c.i < chunk.end]
        if prep.dep_ == "prep" and prep.lower_ in ("of", "in", "from") and objects:
            noun = objects[0]  # its own words, not a clause on it ("obtained by the paper")
            kept = [c.right_edge.i for c in noun.rights if c.dep_ not in ("acl", "relcl")]
            end = min(max([noun.i, *kept]) + 1, chunk.end)
            return trim(chunk.doc[prep.i + 1 : end])
    return chunk


def document_of_agent(chunk: DocSpan) -> DocSpan:
    """ "the Pentagon's intelligence arm" of "A new assessment by the Pentagon's
    intelligence arm has concluded": a maker described after a document is part of the
    document's mention, which is the speaker; a named maker ("pollsters FOM") is not."""
    by = chunk.root.head
    document = by.head
    if chunk.root.dep_ != "pobj" or by.lower_ != "by" or document.pos_ != "NOUN":
        return chunk
    if document.lemma_.lower() not in lexicon.words("sources", "document_heads"):
        return chunk
    if document.dep_ not in ("nsubj", "nsubjpass") or document.i >= chunk.start:
        return chunk
    if chunk.root.pos_ == "PROPN":
        return chunk  # "The exit polls by pollsters FOM and VTsIOM": named, its own source
    if document.lemma_.lower() in lexicon.words("sources", "unissued_documents"):
        return chunk  # a poll's pollster speaks for itself
    return without_clause(chunk.doc[document.left_edge.i : document.right_edge.i + 1])


def first_document(chunk: DocSpan) -> DocSpan:
    """ "an unclassified report and accompanying statement by the committee": the mention
    is the first of the documents joined (the words after it still describe it)."""
    head = chunk.root
    if kind_of_head(head) != "document" and head.lemma_.lower() not in lexicon.words(
        "sources", "document_heads"
    ):
        return chunk
    cc = next((c for c in head.rights if c.dep_ == "cc" and c.i < chunk.end), None)
    joined = any(c.dep_ == "conj" and c.pos_ == "NOUN" for c in head.rights)
    if cc is not None and joined and cc.i > chunk.start:
        return chunk.doc[chunk.start : cc.i]
    named = [  # "a report compiled by the Climate Prediction Center, ...": the report
        c for c in head.rights if c.dep_ == "acl" and c.tag_ == "VBN" and c.i < chunk.end
    ]
    if named and any(t.ent_type_ == "ORG" for t in named[0].subtree):
        return chunk.doc[chunk.start : named[0].i]
    return chunk


def institution_named(chunk: DocSpan) -> DocSpan | None:
    """The name inside a described mention: "Equifax" of "Equifax, a consumer credit
    reporting agency", "Maxar" of "US space technology and satellite giant Maxar"."""
    head = chunk.root
    comma = next(
        (t for t in chunk if t.i > head.i and t.text == "," and head.pos_ == "PROPN"), None
    )
    if comma is not None and any(c.dep_ == "appos" and c.i > comma.i for c in head.children):
        return chunk.doc[chunk.start : comma.i]
    named = [  # "the ferry's operator, Estline": the name apposed after the mention
        c
        for c in head.rights
        if c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ == "ORG" and head.pos_ == "NOUN"
    ]
    if named:
        entity = next((e for e in ents_in(chunk.doc[named[0].i : named[0].i + 1])), None)
        return chunk.doc[named[0].left_edge.i : named[0].right_edge.i + 1] if entity else None
    nouns = lexicon.words("sources", "company_anaphors") | {"company"}
    roles = lexicon.words("sources", "roles") | lexicon.words("sources", "person_nouns")
    last, before = chunk[-1], chunk[-2] if len(chunk) > 1 else None
    if before is None or last.pos_ != "PROPN" or not before.text[:1].islower():
        return None  # "the Star Tribune" is one name
    if len(chunk) > 2 and before.lower_ in nouns or before.lemma_.lower() in roles:
        return chunk.doc[last.i : last.i + 1]  # "pollsters FOM": FOM
    return None


def with_apposed_name(chunk: DocSpan) -> DocSpan:
    """ "the ferry's operator" + ", Estline": a described mention takes the institution's
    name apposed right after it."""
    head, doc = chunk.root, chunk.doc
    if head.pos_ != "NOUN" or chunk.end + 1 >= len(doc) or doc[chunk.end].text != ",":
        return chunk
    name = doc[chunk.end + 1]
    if name.dep_ == "appos" and name.head == head and name.ent_type_ == "ORG":
        return doc[chunk.start : name.right_edge.i + 1]
    return chunk
