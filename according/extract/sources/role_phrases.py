"""Role and affiliation from the phrase around a name: an apposition ("Steven Solomon, the FDA's
assistant commissioner"), a role before it ("the Pentagon press secretary, George Little"), kin.
"""

from __future__ import annotations

from spacy.tokens import Span as DocSpan
from spacy.tokens import Token

from according import lexicon
from according.extract.sources.institutions import (
    ORG_LABELS,
    described_institution,
    is_institution,
    owner_name,
    set_affiliation,
    strip_det,
)
from according.extract.sources.names import clean, contiguous, display
from according.extract.sources.titles import is_role, premodifiers

AFFILIATION_PREPOSITIONS = frozenset({"of", "at", "for", "with", "from"})


def apposition(name: DocSpan) -> dict:
    """Role and affiliation from ", the X of Y," after a name."""
    appos = [c for c in name.root.children if c.dep_ == "appos" and c.i >= name.end]
    if not appos:
        return _employer(name)
    head = appos[0]
    if _party_and_state(head) and len(appos) > 1 and is_role(appos[1]):
        head = appos[1]  # "Hatch, R-Utah, ranking member of"
    if head.pos_ == "PROPN" and not is_role(head):
        return {}
    return role_phrase(head, name.end)


def role_phrase(head: Token, after: int) -> dict:
    """Role and affiliation from a role noun's phrase ("the commander of the Quds
    Force"), its modifiers counted from token ``after`` on."""
    details: dict = {}
    left = [
        t
        for t in head.lefts
        if t.dep_ in ("compound", "amod", "nmod") and t.i > after and t.tag_ != "POS"
    ]
    owner = [t for t in head.lefts if t.dep_ == "poss"]
    role_tokens = [t for t in left if t.pos_ != "PROPN" or is_role(t)] + [head]
    role_tokens += _split_compound(head)
    extra: list[Token] = []
    for conj in head.conjuncts:
        if conj.i > head.i:
            extra = [t for t in head.doc[head.i + 1 : conj.i + 1]]
    for prep in head.rights:
        if prep.dep_ != "prep" or prep.lower_ not in AFFILIATION_PREPOSITIONS:
            continue
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if not objects:
            continue
        obj = objects[0]
        span = head.doc[obj.left_edge.i : obj.right_edge.i + 1]
        proper = any(t.pos_ == "PROPN" for t in span)
        parent = [t for t in obj.lefts if t.dep_ == "poss" and t.ent_type_ == "ORG"]
        if obj.ent_type_ == "PERSON" and not extra:
            extra = list(head.doc[head.i + 1 : span.end])  # lawyer for defendant Vicky Pelaez
        elif obj.pos_ == "PROPN" and parent and not extra and "affiliation" not in details:
            # "manager of NASA's Near-Earth Object Program Office": NASA's office
            extra = list(head.doc[head.i + 1 : obj.i + 1])
            details["affiliation"] = strip_det(t for t in parent[0].subtree if t.tag_ != "POS")
        elif obj.pos_ == "NOUN" and _proper_possessor(obj) and prep.lower_ in ("of", "at"):
            # "the head of Poland's central bank"
            details.setdefault("affiliation", display(list(head.doc[obj.left_edge.i : obj.i + 1])))
        elif obj.pos_ == "PROPN" or obj.ent_type_ in ORG_LABELS or proper and prep.lower_ == "for":
            details.setdefault("affiliation", clean(strip_det(span)))
        elif prep.lower_ == "for" and not extra:
            extra = list(head.doc[head.i + 1 : span.end])
    if "affiliation" not in details:
        details.update(_object_named_after(head))
    role = role_tokens + [t for t in extra if t.i > head.i]
    role = sorted(set(role), key=lambda t: t.i)
    details["role"] = display(role) if contiguous(role) else head.text
    if "affiliation" not in details and not owner:
        details.update(_institution_below(head))
    if owner and "affiliation" not in details:
        subtree = [t for t in owner[0].subtree if t.tag_ != "POS"]
        if owner[0].ent_type_ == "PERSON":  # Brown's agent: the agent of Brown
            details["role"] = f"{details['role']} of {display(subtree)}"
        elif is_institution(subtree):
            set_affiliation(details, subtree)
    return details


def _object_named_after(head: Token) -> dict:
    """ "president of the ship's owner, TOTE Maritime Puerto Rico,": a name set off by
    commas right after a role's common-noun object names that object."""
    objects = [
        o
        for p in head.rights
        if p.dep_ == "prep" and p.lower_ in AFFILIATION_PREPOSITIONS
        for o in p.children
        if o.dep_ == "pobj" and o.pos_ == "NOUN"
    ]
    doc = head.doc
    if not objects or objects[0].right_edge.i != head.right_edge.i:
        return {}
    i = head.right_edge.i + 1
    if i >= len(doc) - 1 or doc[i].text != ",":
        return {}
    j = i + 1
    while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].ent_type_ != "PERSON":
        j += 1
    closed = j < len(doc) and (doc[j].text == "," or doc[j].is_sent_end)
    if j == i + 1 or not closed:
        return {}
    return {"affiliation": display(list(doc[i + 1 : j]))}


def _named(tokens: list[Token]) -> bool:
    """A proper name or an anaphor of one ("the agency"), not a description ("the state
    health department")."""
    return owner_name(tokens) is not None or any(
        t.pos_ == "PROPN" or t.ent_type_ in ORG_LABELS for t in tokens
    )


def _split_compound(head: Token) -> list[Token]:
    """ "a study co-author" parsed as "study" with "co", "-", "author" hung on it: the
    words right after the head, joined without spaces, that end in a role."""
    doc, run = head.doc, []
    i = head.i + 1
    while i < len(doc) and doc[i].head == head and doc[i].dep_ in ("appos", "compound"):
        run.append(doc[i])
        i += 1
    joined = all(not t.whitespace_ for t in run[:-1])
    return run if run and joined and is_role(run[-1]) else []


def _proper_possessor(token: Token) -> bool:
    """ "Poland's central bank", "Google's search unit": a named owner's body."""
    return any(
        t.dep_ == "poss" and t.pos_ == "PROPN" and t.ent_type_ in ("ORG", "GPE")
        for t in token.lefts
    )


def _party_and_state(token: Token) -> bool:
    """ "R-Utah", "D-Calif.": a legislator's party and state, not a description."""
    left = token.doc[token.left_edge.i : token.i + 1]
    return len(left) == 3 and left[0].text in ("R", "D", "I") and left[1].text == "-"


def _institution_below(head: Token) -> dict:
    """ "director of community relations ... for Carmel": an institution deeper in the phrase."""
    for token in head.subtree:
        if token.dep_ != "pobj" or token.head.lower_ not in AFFILIATION_PREPOSITIONS | {"in"}:
            continue
        if token.ent_type_ in ("ORG", "GPE") and token.pos_ == "PROPN":
            return {"affiliation": strip_det(t for t in token.subtree if t.tag_ != "POS")}
    return {}


def _employer(name: DocSpan) -> dict:
    """ "Silvana Dimino at JPMorgan": the institution right after a name."""
    for prep in name.root.rights:
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if prep.dep_ == "prep" and prep.lower_ in ("at", "of", "with") and objects:
            obj = objects[0]
            if obj.ent_type_ == "ORG":
                return {"affiliation": strip_det(t for t in obj.subtree if t.tag_ != "POS")}
    return {}


def named_after_role(name: DocSpan) -> dict:
    """ "the Pentagon press secretary, George Little": role and affiliation before a name."""
    head = name.root.head
    if name.root.dep_ != "appos" or head.i >= name.start or not is_role(head):
        head = _role_before(name)
    if head is None:
        return {}
    possessor = [
        t for t in head.lefts if t.dep_ == "poss" or any(c.tag_ == "POS" for c in t.children)
    ]
    left = [
        t
        for t in head.lefts
        if t.dep_ in ("compound", "amod", "nmod") and t.tag_ != "POS" and t not in possessor
    ]
    role = [t for t in left if t.pos_ != "PROPN" or is_role(t)] + [head]
    owner = [t for t in left if t.pos_ == "PROPN" and not is_role(t)]
    details = {"role": display(role) if contiguous(role) else head.text}
    kin = kin_role(head)
    if kin:  # "Hale's sister, Dana Moore": Hale is no employer
        return {"role": kin}
    if owner and contiguous(owner):
        details["affiliation"] = display(owner)
    elif possessor and _named(list(possessor[0].subtree)):
        set_affiliation(details, [t for t in possessor[0].subtree if t.tag_ != "POS"])
    elif possessor:  # "The state health department's head of ...": the department named
        described = described_institution([t for t in possessor[0].subtree if t.tag_ != "POS"])
        if described:
            details["affiliation"] = described
    return details


def kin_role(head: Token) -> str | None:
    """ "West's sister": a kin noun owned by a name is that person's ("sister of Tyrone
    West", the full name where the article gives one), whatever label the parser gave
    the name ("Tyrone West" tagged ORG)."""
    if head.pos_ != "NOUN" or head.lower_ not in lexicon.words("sources", "kin_nouns"):
        return None
    owner = next((c for c in head.lefts if c.dep_ == "poss" and c.pos_ != "PRON"), None)
    if owner is None or not owner.text[:1].isupper():
        return None
    doc = head.doc
    full = {e.text for e in doc.ents if len(e) > 1 and e[-1].text == owner.text}
    name = full.pop() if len(full) == 1 else owner.text
    return f"{head.lower_} of {name}"


def _role_before(name: DocSpan) -> Token | None:
    """The role noun whose phrase ends at a comma right before a name (with its titles):
    "the chairman of the Joint Chiefs of Staff, Gen. Martin E. Dempsey", however the
    parser attached the name."""
    start = (premodifiers(name) or [name[0]])[0].i
    doc = name.doc
    if start < 2 or doc[start - 1].text != ",":
        return None
    last = doc[start - 2]
    token = last
    for _ in range(6):
        if is_role(token) and token.right_edge.i == last.i and token.pos_ == "NOUN":
            return token
        if token.head is token:
            break
        token = token.head
    return None
