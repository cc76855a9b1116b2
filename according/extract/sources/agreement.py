"""Whether a description can repeat a source: head, modifiers, number and owner agree.

"the agency" fits the FDA, "the autopsy report" repeats "his autopsy", "the four
council members" are not "diplomats", "the Obama administration" only a name with Obama.
"""

from __future__ import annotations

from spacy.tokens import Span as DocSpan
from spacy.tokens import Token

from according import lexicon
from according.analysis import Source
from according.extract.sources import mentions, names
from according.extract.sources.kinds import Description


def fits(head: str, name: str) -> bool:
    """Whether "the <head>" can name the institution ``name`` ("the agency": the FDA)."""
    lower = name.lower()
    if head in lower:
        return True
    public = lexicon.words("sources", "public_body_words")
    is_public = any(w in public for w in lower.replace("'s", "").split()) or (
        name.replace(".", "").isupper() and len(name) <= 6
    )
    if head in lexicon.words("sources", "agency_anaphors"):
        return is_public
    if head in lexicon.words("sources", "company_anaphors"):
        return not is_public and not names.is_outlet_name_text(name)
    return False


def institution_of(chunk: DocSpan, modifiers: set[str]) -> bool:
    """Whether the proper name before ``chunk``'s head holds every earlier modifier:
    "National Hurricane Center forecasters" are the "hurricane forecasters"."""
    proper = {t.lower_ for t in chunk if t.i < chunk.root.i and t.pos_ == "PROPN"}
    return bool(modifiers) and bool(proper) and modifiers <= proper


def content_lemmas(chunk: DocSpan) -> set[str]:
    """Lemmas of a mention's nouns, adjectives and names, without determiners."""
    return {
        t.lemma_.lower()
        for t in chunk
        if t.pos_ in ("NOUN", "PROPN", "ADJ") and t.lower_ not in names.DETERMINERS
    }


def contrasted(head: Token) -> bool:
    """ "the last poll", "another agency": a modifier that points to a different one."""
    contrast = lexicon.words("reference", "contrast_words")
    return any(c.lower_ in contrast for c in head.children if c.dep_ in ("amod", "det"))


def compatible(d: Description, source: Source) -> bool:
    """Whether a description can repeat ``source``: no other number ("the four council
    members" are not "diplomats") and no other affiliation ("the Estonian authorities")."""
    count = d.extras.get("count")
    if count is not None and count != source.count:
        return False
    owner = d.extras.get("affiliation")
    return owner is None or names.org_key(owner) == names.org_key(source.affiliation or "")


def noun_modifiers(chunk: DocSpan) -> set[str]:
    """Lemmas of the nouns (and their conjuncts) before the head that say what the thing
    is: "autopsy", "toxicology" of "the full autopsy and toxicology report", "consensus"
    of "the consensus forecast"; not a possessor ("the DIA's assessment")."""
    head = chunk.root
    found = set()
    for token in chunk:
        if token.i >= head.i or token.dep_ in ("poss", "case", "det") or token.is_punct:
            continue
        nouns = [token, *token.conjuncts]
        named = any(
            t.pos_ in ("NOUN", "PROPN") or mentions.kind_of_head(t) == "document" for t in nouns
        )
        if named and token.ent_type_ != "ORG":  # "autopsy", however it is tagged
            found.add(token.lemma_.lower())
    return found


def name_lemmas(name: str) -> set[str]:
    """The words of a name and their crude singulars ("authorities" gives "authority")."""
    words = name.lower().replace("’", "'").split()
    singular = {w[:-3] + "y" for w in words if w.endswith("ies")}
    return set(words) | {lemma_of(w) for w in words} | singular


def lemma_of(word: str) -> str:
    """A crude singular of a name's last word ("polls" -> "poll")."""
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def modifier_words(chunk: DocSpan) -> set[str]:
    """The lower-cased words before the head, without determiners."""
    return {
        t.lower_.replace("’", "'")
        for t in chunk
        if t.i < chunk.root.i and t.lower_ not in names.DETERMINERS and not t.is_punct
    }


def names_modifiers(chunk: DocSpan, name: str) -> bool:
    """ "the Obama administration" is only an institution whose name holds "Obama", "the
    Estonian authorities" only a group whose name says "Estonian"."""
    proper = [
        t.lower_
        for t in chunk
        if t.i < chunk.root.i
        and t.lower_ not in names.DETERMINERS
        and (t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "GPE", "ORG"))
    ]
    lower = name.lower()
    return all(word in lower for word in proper)
