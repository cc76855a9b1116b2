"""Proper names the parser may mistype, told by the rest of the article: a bare surname
of a person named in full, or a name that is an institution's elsewhere ("Maxar said")."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.tokens import Span as DocSpan

from according import lexicon
from according.extract.sources import mentions, names
from according.extract.sources.kinds import Description
from according.extract.text import ents_of


def named_person(doc: Doc, chunk: DocSpan) -> Description | None:
    """A surname spaCy did not tag PERSON ("Priebus said") of a full name in the text,
    or a name it tagged PERSON here but an institution elsewhere ("Maxar said")."""
    head = chunk.root
    if head.pos_ != "PROPN":
        return None
    bare = names.strip_determiner(list(chunk))
    owned = [i for i, t in enumerate(bare) if t.tag_ == "POS"]
    bare = bare[owned[-1] + 1 :] if owned else bare  # "ING's Ogonek": Ogonek
    short = bare and len(bare) <= 3 and all(t.pos_ == "PROPN" for t in bare)
    if short and not names.is_outlet_name(bare):
        surname = bare[-1].text.lower().removesuffix("'s")
        full = [e for e in names.full_names(doc) if names.surname(e.text) == surname]
        if full and not begins_institution(doc, names.display(bare)):
            return Description("person", full[0].text.lower(), names.display(list(full[0])))
    entity = next((e for e in ents_of(doc) if e.start <= head.i < e.end), None)
    single = entity is not None and entity.label_ == "PERSON" and len(entity) == 1
    for text in ([entity.text] if single else []) + ([names.display(bare)] if short else []):
        longer = _institution_begun(doc, text)  # "Mount Sinai": Mount Sinai Hospital
        if longer is not None:
            return describe_institution(longer)
    if single and _tagged_institution(doc, entity.text):
        return describe_institution(chunk)
    if single and _described_as_institution(doc, entity.text):
        return describe_institution(entity)  # "satellite giant Maxar": Maxar
    return None


def _described_as_institution(doc: Doc, name: str) -> bool:
    """A one-word name that the text calls a company somewhere ("satellite giant Maxar",
    "Colorado-based Maxar"), whatever spaCy tagged it."""
    nouns = lexicon.words("sources", "company_anaphors") | {"company"}
    for token in doc:
        if token.text != name or token.i < 2:
            continue
        before, hyphen = doc[token.i - 1], doc[token.i - 2]
        if before.lower_ in nouns or before.lower_ == "based" and hyphen.text == "-":
            return True
    return False


def _institution_begun(doc: Doc, text: str) -> DocSpan | None:
    """The institution's full name that ``text`` begins ("Mount Sinai Hospital")."""
    return next(
        (e for e in ents_of(doc) if e.label_ in ("ORG", "FAC") and e.text.startswith(text + " ")),
        None,
    )


def begins_institution(doc: Doc, text: str) -> bool:
    """ "Mount Sinai" where "Mount Sinai Hospital" is named: the institution."""
    return _institution_begun(doc, text) is not None


def _tagged_institution(doc: Doc, text: str) -> bool:
    """Whether spaCy tags ``text`` as an institution elsewhere in the article."""
    return any(e.text == text and e.label_ in mentions.ORG_LABELS for e in ents_of(doc))


def describe_institution(chunk: DocSpan) -> Description:
    """A name spaCy tagged PERSON once but an institution elsewhere ("Qualcomm")."""
    bare = names.strip_determiner(list(chunk))
    name = names.display(bare)
    return Description("organization", name.lower(), name)
