"""Count, basis and affiliation of an anonymous group: "two sources familiar with the matter"
is 2 with basis "familiar with the matter"; "U.S. officials" work for the U.S. government.
"""

from __future__ import annotations

from spacy.tokens import Span as DocSpan
from spacy.tokens import Token

from according import lexicon
from according.extract.sources.institutions import (
    ORG_LABELS,
    is_institution,
    set_affiliation,
    strip_det,
)
from according.extract.sources.names import clean, contiguous, display


def group_details(chunk: DocSpan, head: Token) -> dict:
    """Count ("two sources" is 2), basis ("familiar with the intelligence"), affiliation."""
    details: dict = {"count": count_of(chunk, head)}
    basis = basis_of(chunk, head)
    if basis:
        details["basis"] = basis
    owner = [
        t
        for t in chunk
        if t.i < head.i
        and (
            t.pos_ == "PROPN"
            or t.ent_type_ in ORG_LABELS
            or t.dep_ == "compound"
            or _inner_hyphen(t)
        )
        and not t.like_num
    ]
    while owner and owner[-1].tag_ == "POS":
        owner = owner[:-1]
    if owner and contiguous(owner) and is_institution(owner):
        set_affiliation(details, owner)
        country = all(t.ent_type_ == "GPE" for t in owner) and head.lemma_.lower() == "official"
        if country and details.get("affiliation") == display(owner):
            details["affiliation"] += " government"  # officials of a country: its government
    else:
        for prep in head.rights:
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if prep.lower_ in ("at", "from", "of", "in") and objects and objects[0].i < chunk.end:
                obj = objects[0]
                if obj.pos_ == "PROPN" or obj.ent_type_ in ORG_LABELS:
                    details["affiliation"] = strip_det(
                        t for t in obj.subtree if t.tag_ != "POS" and t.i < chunk.end
                    )
                    break
    return details


def _inner_hyphen(token: Token) -> bool:
    """The hyphen of "law-enforcement"."""
    doc = token.doc
    return token.text == "-" and 0 < token.i < len(doc) - 1 and not doc[token.i - 1].whitespace_


def count_of(chunk: DocSpan, head: Token) -> int | None:
    """The stated number of an anonymous group, or None ("officials")."""
    numbers = lexicon.load("sources")["number_words"]
    if head.like_num or head.lower_ in numbers and head.lower_ not in ("a", "an", "another"):
        return _number(head.text)
    found = []
    for token in chunk:
        if token.i >= head.i:
            break
        if token.like_num and token.dep_ in ("nummod", "quantmod", "conj", "compound"):
            found.append(_number(token.text))
        elif token.lower_ in numbers and (token.i == chunk.start or token.dep_ == "nummod"):
            found.append(numbers[token.lower_])
    found = [n for n in found if n is not None]
    count = sum(found) if len(found) > 1 else found[0] if found else None
    singular_conjuncts = [
        c for c in head.conjuncts if c.i > head.i and c.i < chunk.end and c.tag_ == "NN"
    ]
    if singular_conjuncts and head.tag_ == "NN":
        count = 1 + len(singular_conjuncts)
    elif head.tag_ in ("NNS", "NNPS") and count == 1:
        count = None
    return count


def basis_of(chunk: DocSpan, head: Token) -> str | None:
    """The stated basis of knowledge, verbatim ("with knowledge of the case"), read from
    the whole noun phrase in the text (the mention may stop at "two sources")."""
    end = max(chunk.end, min(head.right_edge.i + 1, head.sent.end))
    text = head.doc[chunk.start : end].text
    lower = text.lower()
    for marker in sorted(lexicon.load("sources")["basis_markers"], key=len, reverse=True):
        at = lower.find(marker)
        if at >= 0:
            return clean(text[at:].split(",")[0])
    return None


def _number(text: str) -> int | None:
    try:
        return int(text.replace(",", ""))
    except ValueError:
        return lexicon.load("sources")["number_words"].get(text.lower())
