"""Descriptors a source's own mention leaves out but the article states elsewhere.

Read after merging, over every mention of a source: a basis in a clause on a later
mention ("the official who released it was close to the investigation"), a document's
issuer from the sentence it stands in ("In an email to Bloomberg, the company said")
or from its possessor or "by" phrase on any mention, a person's role and employer in
an apposition or relative clause on any mention, and the one institution of a kind
the story names for a generic member of it ("coach Zac Taylor", "the franchise",
"hospital representatives", "league sources").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from according import lexicon
from according.analysis import Source
from according.extract.sources import institutions, role_phrases
from according.extract.sources.names import clean, display, is_outlet_name, strip_determiner
from according.extract.text import ents_of, noun_chunks_of


def complete(doc: Doc, sources: list[Source]) -> None:
    """Fill the basis, issuer and employer of ``sources`` from the rest of the article."""
    for source in sources:
        if source.kind == "anonymous" and source.basis is None:
            source.basis = _later_basis(doc, source)
        if source.kind == "document" and source.affiliation is None:
            source.affiliation = _issuer(doc, source, sources)
    for source in sources:
        if source.kind == "person" and (source.role is None or source.affiliation is None):
            _fill(source, _said_of_person(doc, source))
    _members(doc, sources)
    for source in sources:
        if source.kind == "organization" and source.affiliation is None:
            source.affiliation = _local_body(doc, source)
    for source in sources:
        if source.kind == "organization" and source.role is None:
            source.role = _descriptor_before(_chunks(doc, source))
    for source in sources:
        source.affiliation = _campaign(doc, source.affiliation, sources)
        if _sector(source.affiliation):
            source.affiliation = None


def _chunks(doc: Doc, source: Source) -> list[DocSpan]:
    spans = (doc.char_span(m.start, m.end, alignment_mode="expand") for m in source.mentions)
    return [s for s in spans if s is not None and len(s)]


# -- basis ----------------------------------------------------------------------


def _later_basis(doc: Doc, source: Source) -> str | None:
    """ "the official, who was close to the investigation", "the official who released
    the information was close to the investigation": a basis said of any mention."""
    for chunk in _chunks(doc, source):
        head = chunk.root
        clauses = [c for c in head.children if c.dep_ in ("relcl", "acl") and c.i > head.i]
        if head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_ == "be":
            clauses += [c for c in head.head.children if c.i > head.i and c.dep_ != "punct"]
        for clause in clauses:
            found = _basis_in(doc[clause.left_edge.i : clause.right_edge.i + 1])
            if found:
                return found
    return None


def _basis_in(span: DocSpan) -> str | None:
    lower = span.text.lower()
    for marker in sorted(lexicon.load("sources")["basis_markers"], key=len, reverse=True):
        at = lower.find(marker)
        if at >= 0 and (at == 0 or not lower[at - 1].isalnum()):
            return clean(span.text[at:].split(",")[0].split(" but ")[0])
    return None


# -- documents ------------------------------------------------------------------


def _issuer(doc: Doc, source: Source, sources: list[Source]) -> str | None:
    """Who issued a document: the speaker of "In an email ..., X said", the named owner
    of "the office's statement", or a named "by X" on any of its mentions."""
    chunks = _chunks(doc, source)
    for chunk in chunks:
        for find in (_speaker_of_medium, _possessor, _named_by):
            found = find(chunk, sources)
            if found:
                return found
    return _issuer_by_kind(doc, chunks[0]) if chunks else None


def _issuer_by_kind(doc: Doc, chunk: DocSpan) -> str | None:
    """ "his autopsy": the one office of the kind that issues such documents the story
    names ("The State Medical Examiner's Office")."""
    words = [t.lemma_.lower() for t in chunk if t.i <= chunk.root.i]
    issuers = lexicon.load("sources")["document_issuers"]
    kinds = [issuers[w] for w in words if w in issuers]
    if not kinds:
        return None
    found = {
        display(strip_determiner(list(e)) or list(e))
        for e in ents_of(doc)
        if e.label_ == "ORG" and any(k in e.text.lower().replace("’", "'") for k in kinds[0])
    }
    return _longest_one(found)


def _source_at(token: Token, sources: list[Source]) -> Source | None:
    """The source one of whose mentions holds ``token``."""
    start = token.idx
    return next(
        (s for s in sources for m in s.mentions if m.start <= start < m.end),
        None,
    )


def _speaker_of_medium(chunk: DocSpan, sources: list[Source]) -> str | None:
    """ "In an email to Bloomberg, the company said": the email is the company's."""
    head = chunk.root
    preposition = head.head
    if chunk[0].lower_ not in ("a", "an"):
        return None  # "in its monthly forecast" is no new document of the speaker's
    if head.dep_ != "pobj" or preposition.lower_ != "in" or preposition.head.pos_ != "VERB":
        return None
    verb = preposition.head
    if verb.lemma_.lower() not in lexicon.words("sources", "speaking_verbs"):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    speaker = _source_at(subject, sources) if subject is not None else None
    if speaker is None or speaker.kind != "organization":
        return None
    return speaker.name


def _possessor(chunk: DocSpan, sources: list[Source]) -> str | None:
    """ "The medical examiner's office's statement": the institution the possessor names,
    in full where the article names it ("the Midwest Medical Examiner's office")."""
    owner = next((c for c in chunk.root.lefts if c.dep_ == "poss"), None)
    if owner is None or owner.pos_ == "PRON":
        return None
    words = [t for t in owner.subtree if t.tag_ != "POS"]
    words = strip_determiner(words) or words
    named = any(t.pos_ == "PROPN" for t in words) and institutions.institution_name(words)
    if named and not is_outlet_name(words):
        return named  # not an anaphor ("the company's"): its nearest company may be another
    return _institution_ending(display(words), sources)


def _institution_ending(text: str, sources: list[Source]) -> str | None:
    """The institution whose name ends with a description of it ("medical examiner's
    office" of "Midwest Medical Examiner's office")."""
    tail = " " + text.lower().replace("’", "'")
    if len(tail.split()) < 2:
        return None
    for source in sources:
        name = " " + source.name.lower().replace("’", "'")
        if source.kind == "organization" and name.endswith(tail) and name != tail:
            return source.name
    return None


def _named_by(chunk: DocSpan, sources: list[Source]) -> str | None:
    """ "The assessment by the Defense Intelligence Agency", "an unclassified report and
    accompanying statement by the Senate Select Committee": a named author."""
    if chunk.root.lemma_.lower() in lexicon.words("sources", "unissued_documents"):
        return None  # "a poll by the Levada Center": the gold gives polls no issuer
    heads = [chunk.root, *chunk.root.conjuncts]  # the mention may stop at the first head
    for head in heads:
        for by in head.children:
            if by.dep_ != "prep" or by.lower_ != "by":
                continue
            objects = [c for c in by.children if c.dep_ == "pobj"]
            if not objects:
                continue
            obj = objects[0]
            words = [t for t in obj.subtree if t.tag_ != "POS" and t.i <= obj.i]
            named = institutions.institution_name(words)
            if named and obj.pos_ == "PROPN" and not is_outlet_name(strip_determiner(words)):
                return named
    return None


# -- roles ---------------------------------------------------------------------------


def _fill(source: Source, details: dict) -> None:
    for name in ("role", "affiliation"):
        if details.get(name) and getattr(source, name) is None:
            setattr(source, name, details[name])


def _said_of_person(doc: Doc, source: Source) -> dict:
    """Role and affiliation in an apposition or a relative clause on any mention of a
    person ("Watt, a deputy director of the agency,"; "Nolan, who is president of
    TOTE"; "Reyes, who works for Acme")."""
    found: dict = {}
    for chunk in _chunks(doc, source):
        kin = role_phrases.kin_role(chunk.root)
        if kin:
            found.setdefault("role", kin)
        if chunk.root.pos_ == "PRON" or not chunk.root.text[:1].isupper():
            continue
        details = role_phrases.apposition(chunk)
        for clause in chunk.root.children:
            if clause.dep_ == "relcl" and clause.i > chunk.root.i:
                details = details or _relative_clause(clause)
        for name, value in details.items():
            found.setdefault(name, value)
    return {k: v for k, v in found.items() if k in ("role", "affiliation")}


def _relative_clause(clause: Token) -> dict:
    """ "who is the chief of X": the attribute's role phrase; "who works for X",
    "who heads X": X as employer."""
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ not in ("who", "that"):
        return {}
    if clause.lemma_ == "be":
        attr = next((c for c in clause.children if c.dep_ == "attr"), None)
        if attr is not None and attr.pos_ == "NOUN":
            return role_phrases.role_phrase(attr, attr.left_edge.i - 1)
        return {}
    verbs = lexicon.load("sources")["employment_verbs"]
    objects = [c for c in clause.children if c.dep_ == "dobj"]
    if clause.lemma_.lower() in verbs["prep"]:
        objects = [
            o
            for p in clause.children
            if p.dep_ == "prep" and p.lower_ in ("for", "at", "with")
            for o in p.children
            if o.dep_ == "pobj"
        ]
    elif clause.lemma_.lower() not in verbs["object"]:
        return {}
    for obj in objects[:1]:
        words = [t for t in obj.subtree if t.tag_ != "POS" and t.i <= obj.i]
        named = institutions.institution_name(words)
        if named and obj.pos_ == "PROPN":
            return {"affiliation": named}
    return {}


def _descriptor_before(chunks: list[DocSpan]) -> str | None:
    """ "pollsters FOM and VTsIOM": a listed role noun set before an institution's name
    says what it is (one pollster each)."""
    for chunk in chunks:
        name = chunk.root
        if name.pos_ != "PROPN":
            continue
        holder = name.head if name.dep_ == "conj" and name.head.pos_ == "PROPN" else name
        nouns = [
            c
            for c in holder.lefts
            if c.dep_ == "compound" and c.pos_ == "NOUN" and c.text.islower()
        ]
        apposed = holder.dep_ == "appos" and holder.head.i == holder.left_edge.i - 1
        if apposed and holder.head.pos_ == "NOUN" and holder.head.text.islower():
            nouns = [holder.head]  # "pollsters" heading "Ipsos and Gallup"
        roles = lexicon.words("sources", "roles")
        if nouns and nouns[-1].lemma_.lower() in roles:  # not "drug developer Mylan"
            words = [t for t in nouns[-1].subtree if t.i <= nouns[-1].i]
            return " ".join([t.text for t in words[:-1]] + [words[-1].lemma_.lower()])
    return None


# -- members of the story's institution ------------------------------------------


def _members(doc: Doc, sources: list[Source]) -> None:
    """A team's coach or "the franchise" takes the one team the story names; "hospital
    representatives" the one hospital; "league sources" the one league."""
    team = _team(sources)
    bank = _central_bank(doc, sources)
    for source in sources:
        if source.affiliation is not None:
            continue
        chunks = _chunks(doc, source)
        if not chunks:
            continue
        first = chunks[0]
        if source.kind == "person" and _office_of(source.role):
            source.affiliation = _office_of(source.role)
        elif team and (_team_role(source.role) or _team_anaphor(first)):
            source.affiliation = team
        elif bank and _central_bank_role(source, first):
            source.affiliation = bank
        elif source.kind == "anonymous":
            source.affiliation = _typed_institution(doc, first) or _named_later(doc, first)


def _proper_run_before(token: Token) -> list[Token]:
    """The proper name right before a noun ("National Hurricane Center forecasters")."""
    doc, i = token.doc, token.i
    while i > token.sent.start and doc[i - 1].pos_ == "PROPN" and doc[i - 1].tag_ != "POS":
        i -= 1
    return list(doc[i : token.i])


def _office_of(role: str | None) -> str | None:
    """ "Assistant U.S. Attorney": an office named after its title, the U.S. Attorney's
    Office (so a district attorney's, a state's attorney's)."""
    words = (role or "").split()
    while words and words[0].lower() in lexicon.words("sources", "role_modifiers"):
        words = words[1:]
    title = " ".join(words)
    if title.lower() in lexicon.words("sources", "office_titles"):
        return f"{title}'s Office"
    return None


def _named_later(doc: Doc, chunk: DocSpan) -> str | None:
    """ "hurricane forecasters" ... "National Hurricane Center forecasters": the same
    group written later with the institution whose name holds its modifier."""
    head = chunk.root
    modifiers = [t.lower_ for t in chunk if t.i < head.i and t.dep_ in ("compound", "amod")]
    if not modifiers or not all(w.isalpha() for w in modifiers):
        return None
    found = set()
    for other in doc:
        if other.lemma_ != head.lemma_ or other.i == head.i:
            continue
        owner = _proper_run_before(other)
        if len(owner) > 1 and set(modifiers) <= {t.lower_ for t in owner}:
            found.add(display(owner))
    return found.pop() if len(found) == 1 else None


def _local_body(doc: Doc, source: Source) -> str | None:
    """ "SPRINGFIELD, Ill. — Police said": a city's police of a datelined story."""
    local = source.name.lower().removeprefix("the ")
    city = institutions.dateline_city(doc.text)
    if city and local in lexicon.words("sources", "local_bodies"):
        return f"{city} {local}"
    return None


def _central_bank_role(source: Source, chunk: DocSpan) -> bool:
    """A rate-setter or policymaker: a member of the story's central bank's board."""
    roles = lexicon.words("sources", "central_bank_roles")
    if source.kind == "person":
        return (source.role or "").lower() in roles
    return source.kind == "anonymous" and chunk.root.lemma_.lower() in roles


def _central_bank(doc: Doc, sources: list[Source]) -> str | None:
    """The central bank the story speaks of: the named institution it also calls "the
    central bank", or the one "X's central bank" it names."""
    for source in sources:
        called = any("central bank" in m.text.lower() for m in source.mentions)
        if source.kind == "organization" and called and source.name[:1].isupper():
            return source.name
    for chunk in noun_chunks_of(doc):
        head = chunk.root
        central = any(c.lower_ == "central" for c in head.lefts)
        owner = [c for c in head.lefts if c.dep_ == "poss" and c.ent_type_ == "GPE"]
        if head.lower_ == "bank" and central and owner:
            return display([t for t in chunk if t.i >= owner[0].left_edge.i])
    return None


def _team_role(role: str | None) -> bool:
    return bool(role) and role.lower() in lexicon.words("sources", "team_roles")


def _team_anaphor(chunk: DocSpan) -> bool:
    """ "the franchise", "the team": a definite description of the story's team."""
    head = chunk.root
    return (
        chunk[0].lower_ == "the"
        and head.lower_ in lexicon.words("sources", "team_anaphors")
        and len(chunk) == 2
    )


def _team(sources: list[Source]) -> str | None:
    """The one team the story's players and coaches are affiliated with, if one."""
    teams = {
        s.affiliation
        for s in sources
        if s.kind == "person" and s.affiliation and _team_role(s.role)
    }
    return teams.pop() if len(teams) == 1 else None


def _typed_institution(doc: Doc, chunk: DocSpan) -> str | None:
    """ "hospital representatives", "league sources": a group named by the kind of
    institution it speaks for takes the one institution of that kind the story names."""
    modifiers = [t for t in chunk if t.i < chunk.root.i and t.dep_ in ("compound", "amod")]
    if len(modifiers) != 1 or not modifiers[0].text.islower():
        return None
    kind = modifiers[0].lower_
    kinds = lexicon.load("sources")["institution_kinds"]
    if kind not in kinds:
        return None
    listed = {w.lower() for w in kinds[kind]}
    found = {
        display(strip_determiner(list(e)) or list(e))
        for e in ents_of(doc)
        if e.label_ in ("ORG", "FAC") and _of_kind(e, kind, listed)
    }
    return _longest_one(found)


def _of_kind(entity: DocSpan, kind: str, listed: set[str]) -> bool:
    words = [t for t in entity if t.tag_ != "POS"]
    text = display(words).lower()
    return text in listed or kind in text.split()


def _longest_one(names: set[str]) -> str | None:
    """The one name among ``names`` that holds all the others ("Mount Sinai Hospital")."""
    if not names:
        return None
    longest = max(names, key=len)
    return longest if all(n in longest for n in names) else None


# -- affiliations that are no institution ----------------------------------------------


def _campaign(doc: Doc, affiliation: str | None, sources: list[Source]) -> str | None:
    """ "Poliquin consultant": a candidate's person is his campaign's where the article
    speaks of "Poliquin's campaign"."""
    if not affiliation or " " in affiliation:
        return affiliation
    people = [e for e in ents_of(doc) if e.label_ == "PERSON"]
    if not any(e.text.split()[-1] == affiliation for e in people):
        return affiliation
    text = doc.text.replace("’", "'")
    if f"{affiliation}'s campaign" in text or f"{affiliation} campaign" in text:
        return f"{affiliation} campaign"
    return affiliation


def _sector(affiliation: str | None) -> bool:
    """ "Wall Street analysts", "Internet security bloggers": a sector, not an employer."""
    return bool(affiliation) and affiliation.lower() in lexicon.words("sources", "sector_words")
