"""Polarity: whether an attribution asserts, denies, declines or asks, read from the parse.

Runs on every extractor's ``Found`` records. A refusal is a negated act of telling
("did not respond to", "would not disclose", "unable to make any further comments",
"referred questions to"); a denial a denial verb or content that calls a claim false
("Statements to the contrary are untrue"); a question a verb of asking with an
"if"/"whether" clause. A cue that is only a negation ("not" of "decided not to") is no
attribution; nor is a decision or plan ("plans to", "denied a request") that another
attribution reports (one standing alone is kept: PolNeAR, the span gold, counts it).
The word lists are data (``lexicons/cues.json``).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from according import lexicon
from according.extract import cues
from according.extract.found import Found

ENTITY_OBJECTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
EMPTY_POS = frozenset({"PART", "AUX", "DET", "CCONJ", "SCONJ", "SPACE"})
PRONOUN_SUBJECTS = frozenset({"it", "he", "she", "they", "we", "i", "who"})
WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
GOVERNED = frozenset({"xcomp", "acomp"})  # "declined to comment", "is unable to make"
STATEMENT_ACTS = frozenset({"statement", "report"})


def _words(key: str) -> frozenset[str]:
    return lexicon.words("cues", key)


def settle(doc: Doc, found: list[Found]) -> list[Found]:
    """The records that are attributions, each with its act and polarity decided."""
    kept = []
    for record in found:
        verb = cue_word(doc, record)
        if verb is None:
            kept.append(record)
            continue
        if _empty_cue(doc, record) or _discourse_idiom(verb):
            continue
        if not_attribution(verb) and _reported(record, found):
            continue
        act, polarity = decide(verb, record, doc)
        kept.append(replace(record, act=act, polarity=polarity))
    return kept


def cue_word(doc: Doc, record: Found) -> Token | None:
    """The word of the cue that names the act ("respond" in "did not respond to")."""
    if record.cue is None:
        return None
    span = doc.char_span(*record.cue, alignment_mode="expand")
    if span is None or not len(span) or span[0].lower_ == "according":
        return None
    named = [t for t in span if cues.act_of_lemma().get(t.lemma_.lower())]
    verbs = [t for t in named if t.pos_ in ("VERB", "AUX")]
    if verbs:
        return verbs[0]
    return span.root if span.root.pos_ == "VERB" or not named else named[0]


def _reported(record: Found, found: list[Found]) -> bool:
    """The cue lies in another record's content: the plan or decision is what it reports."""
    cue = record.cue
    return cue is not None and any(
        other is not record and any(s <= cue[0] and cue[1] <= e for s, e in other.content)
        for other in found
    )


def _empty_cue(doc: Doc, record: Found) -> bool:
    """A cue that is a negation and its auxiliaries only: "not" of "decided not to"."""
    span = doc.char_span(*record.cue, alignment_mode="expand") if record.cue else None
    if span is None or not any(t.dep_ == "neg" for t in span):
        return False
    return all(t.pos_ in EMPTY_POS or t.dep_ == "neg" for t in span)


def not_attribution(verb: Token) -> bool:
    """A cue that names a decision, a plan, a refused request or a question put to the source."""
    lemma = verb.lemma_.lower()
    has_clause = any(c.dep_ == "ccomp" for c in verb.children)
    if lemma in _words("not_cues") and not has_clause:
        return True
    if lemma in _words("denial") and not has_clause and _object_is_no_claim(verb):
        return True
    # "Asked about the poll, the aide said ...": the source is the one asked
    return lemma in _words("question_verbs") and verb.tag_ == "VBN" and verb.dep_ == "advcl"


def _discourse_idiom(verb: Token) -> bool:
    """ "That said, ..." / "Having said that, ...": a connective, not a statement."""
    if verb.lemma_.lower() != "say" or verb.i + 1 >= len(verb.doc):
        return False
    after = verb.doc[verb.i + 1]
    before = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
    if before is not None and before.lower_ == "that" and verb.i - 1 == verb.sent.start:
        return after.text == ","
    return before is not None and before.lower_ == "having" and after.lower_ == "that"


def _object_is_no_claim(verb: Token) -> bool:
    """ "denied a request", "rebuffed the White House": a decision, not a denial of a claim."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return False
    return obj.lemma_.lower() in _words("non_claim_objects") or (
        obj.ent_type_ in ENTITY_OBJECTS and not any(c.dep_ == "poss" for c in obj.children)
    )


def decide(verb: Token, record: Found, doc: Doc) -> tuple[str, str]:
    """(act, polarity) of the attribution whose cue word is ``verb``."""
    lemma = verb.lemma_.lower()
    cue = doc.char_span(*record.cue, alignment_mode="expand") if record.cue else None
    if refuses(verb) or (cue is not None and any(_refusal_word(t) for t in cue)):
        return "refusal", "declines"
    if lemma in _words("denial"):
        return ("statement", "asserts") if _negated(verb) else ("denial", "denies")
    if asks(verb, record, doc):
        return "request", "asks"
    act = record.act
    if act == "statement" and record.polarity == "asserts":
        act = cues.act_of_lemma().get(lemma, act)
    if act in STATEMENT_ACTS | {"belief"} and _calls_false(record, doc):
        return "denial", "denies"
    if record.polarity == "declines" or act == "refusal":
        return "refusal", "declines"
    if act == "request":
        return act, "asks"
    return act, "denies" if act == "denial" else "asserts"


def refuses(verb: Token) -> bool:
    """A refusal to tell: declined, or a negated act of telling in the cue or its clause."""
    return any(_refusal_word(t) for t in _telling_chain(verb))


def _telling_chain(verb: Token) -> list[Token]:
    """The cue word, the verbs it governs by xcomp, and a reported clause with a pronoun
    subject ("said it wouldn't comment")."""
    chain = [verb]
    for token in chain:
        chain.extend(c for c in token.children if c.dep_ in GOVERNED and c not in chain)
    if verb.lemma_.lower() in _words("statement"):
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and (
                subject.lower_ in PRONOUN_SUBJECTS or subject.dep_ == "nsubjpass"
            ):
                chain.append(clause)
    for token in chain:
        chain.extend(c for c in token.children if c.dep_ in GOVERNED and c not in chain)
    return chain


def _refusal_word(token: Token) -> bool:
    lemma = token.lemma_.lower()
    objects = {c.lemma_.lower() for c in token.children if c.dep_ in ("dobj", "pobj", "nsubjpass")}
    if lemma in _words("refusal"):
        complements = [c for c in token.children if c.dep_ in ("xcomp", "dobj")]
        return not complements or any(_tells(c) or c.lemma_ == "be" for c in complements)
    if lemma in _words("referral_verbs"):
        return bool(objects & _words("disclosure_nouns"))
    return _tells(token) and _negated(token)


def _tells(token: Token) -> bool:
    """A verb of telling ("comment", "disclose") or of giving out ("provide details")."""
    lemma = token.lemma_.lower()
    if lemma in _words("disclosure_verbs") or token.lower_ in _words("disclosure_nouns"):
        return True
    if lemma in _words("disclosure_object_verbs"):
        objects = {c.lemma_.lower() for c in token.children if c.dep_ in ("dobj", "nsubjpass")}
        return bool(objects & _words("disclosure_nouns"))
    return False


def _negated(token: Token) -> bool:
    """Negated itself, or governed by a negated or unwilling word ("not ready to", "unable to")."""
    current = token
    for _ in range(4):
        if any(_negation(c) for c in current.children):
            return True
        lemma = current.lemma_.lower()
        if lemma in _words("unwilling_words"):
            return True
        if current.dep_ not in ("xcomp", "acomp") or current.head is current:
            return False
        current = current.head
    return False


def _negation(token: Token) -> bool:
    """A "not" that negates, not the "not" of "not only ... but"."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return token.dep_ == "neg" and not (following is not None and following.lower_ == "only")


def asks(verb: Token, record: Found, doc: Doc) -> bool:
    """A verb of asking that puts a question: "asking if she was interested"."""
    if verb.lemma_.lower() not in _words("question_verbs"):
        return False
    for clause in (c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "advcl")):
        first = clause.left_edge
        if first.lower_ in ("if", "whether") or first.tag_ in WH_TAGS:
            return True
    return any("?" in doc.text[s:e] for s, e in record.content)


def _calls_false(record: Found, doc: Doc) -> bool:
    """Content that calls a claim false: "that's just simply not true", "claims are ridiculous"."""
    for start, end in record.content:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and any(_false_predicate(t) for t in span):
            return True
    return False


def _false_predicate(token: Token) -> bool:
    if token.dep_ not in ("acomp", "attr") or token.pos_ not in ("ADJ", "NOUN"):
        return False
    word = token.lower_
    head = token.head
    if word in _words("denial_predicates"):
        negated = _negated(head) or any(_negation(c) for c in token.children)
        if negated:
            return False
    elif word in _words("negated_truth"):
        if not (_negated(head) or any(_negation(c) for c in token.children)):
            return False
    else:
        return False
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    return subject is not None and (
        subject.lower_ in _words("claim_nouns") or subject.lemma_.lower() in _words("claim_nouns")
    )
