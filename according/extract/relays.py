"""Relays named in the attribution itself: who passed a claim on to whom.

- "the Journal reported, citing people familiar with the matter": the people are the
  origin and the Journal the relay ("X quotes officials saying" likewise);
- "said in an email to Bloomberg", "in a statement to CNN": the outlet received it;
- "did not respond to a Reuters request", "when contacted by The Associated Press":
  the refusal was given to the outlet;
- "a note ..., seen by Reuters", "an email provided to the paper": the outlet relays
  the document.
A reporter or reader ("citing", "seen by") becomes the record's ``relay``, a chain
element whatever its kind; an addressee ("in an email to", "a Reuters request") its
``recipient``, which ``chains`` puts in the chain when it is an outlet. Word lists are data (``lexicons/cues.json``).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from according import lexicon
from according.extract.found import Found, Offsets, inside
from according.extract.polarity import cue_word
from according.extract.text import text_of

EDGE = ",;:.—–-\"“”' "
DOCUMENT_HEADS = lexicon.words("sources", "document_heads")
SPEAKER_HEADS = frozenset().union(
    *(
        lexicon.words("sources", key)
        for key in ("anonymous_heads", "roles", "person_nouns", "document_heads")
        + ("outlet_anaphors", "organization_anaphors", "spokesperson_heads")
    )
)
SPEAKER_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
MAX_CLIMB = 3  # verbs climbed from a refusal to the clause that names who asked
CLIMB_DEPS = frozenset({"xcomp", "ccomp", "acl", "conj", "dobj"})  # "a statement saying"
INNER_EDGE = ",;:. \n"  # quotation marks stay: the content is quoted


def _words(key: str) -> frozenset[str]:
    return lexicon.words("cues", key)


def find_relays(doc: Doc, found: list[Found]) -> list[Found]:
    """Each record with the relay its own words name, and the origin's own record where
    the words name one ("citing X": X's record, relayed by the reporter)."""
    records = _inner_content(doc, [_relayed(doc, record) for record in found])
    for record in list(records):
        origin = _origin(doc, record)
        if origin is None:
            continue
        records = [r for r in records if not _names_the_cited(r, origin)]
        if any(_overlaps(r.cue, origin.cue) for r in records):
            origin = replace(origin, cue=record.cue)  # the tagger's "citing" record stays
        records.append(origin)
    return records


def _names_the_cited(record: Found, origin: Found) -> bool:
    """The tagger's "citing Y" record whose content is only Y, the origin's source: who
    is cited is no claim (a reason cited, "citing low growth", stays a record)."""
    return (
        record is not origin
        and _overlaps(record.cue, origin.cue)
        and origin.source is not None
        and bool(record.content)
        and all(inside(piece, origin.source) for piece in record.content)
    )


def according_to_relays(doc: Doc, records: list[Found]) -> list[Found]:
    """ "While the FBI had high confidence that P, ..., according to the analysis": a record
    whose cue comes before a closing "according to X" in its sentence, and lies in no
    other record's content, was relayed by X."""
    closers = [r for r in records if _closing_according_to(doc, r)]
    result = []
    for record in records:
        closer = next((c for c in closers if _closes(doc, c, record, records)), None)
        result.append(replace(record, relay=closer.source) if closer is not None else record)
    return result


def _closing_according_to(doc: Doc, record: Found) -> bool:
    if record.cue is None or record.source is None:
        return False
    text = text_of(doc)
    cue = text[record.cue[0] : record.cue[1]].lower()
    before = text[: record.cue[0]].rstrip()
    return cue.startswith("according to") and before.endswith(",")


def _closes(doc: Doc, closer: Found, record: Found, records: list[Found]) -> bool:
    if record is closer or record.cue is None or record.relay is not None:
        return False
    if record.source is None or not record.cue[1] <= closer.cue[0]:
        return False
    sentence = doc.char_span(*closer.cue, alignment_mode="expand")
    if sentence is None or record.cue[0] < sentence.sent.start_char:
        return False
    return not any(
        other is not record and any(inside(record.cue, c) for c in other.content)
        for other in records
    )


def _inner_content(doc: Doc, records: list[Found]) -> list[Found]:
    """ "X told CNN that Y told him P": when the parse gave the inner record (Y's) the outer
    words ("X told CNN") as content, its content is what follows its cue in the outer one."""
    result = []
    for record in records:
        outer = next((o for o in records if o is not record and _wraps(doc, o, record)), None)
        rest = _rest_after_cue(doc, record, outer) if outer is not None else None
        result.append(replace(record, content=[rest]) if rest else record)
    return result


def _wraps(doc: Doc, outer: Found, inner: Found) -> bool:
    """Each holds the other's cue, the inner cue comes after the outer one and is a
    telling to someone ("told him P", "it had been notified by the IOC that P")."""
    if outer.cue is None or inner.cue is None or outer.cue[0] >= inner.cue[0]:
        return False
    holds_inner = any(inside(inner.cue, c) for c in outer.content)
    if not holds_inner or not any(_overlaps(outer.cue, c) for c in inner.content):
        return False  # checked first: cheaper than the parse
    return inner.recipient is not None or _passive(doc, inner.cue)


def _passive(doc: Doc, cue: Offsets) -> bool:
    span = doc.char_span(*cue, alignment_mode="expand")
    return any(c.dep_ == "auxpass" for t in span or [] for c in t.children)


def _rest_after_cue(doc: Doc, record: Found, outer: Found) -> Offsets | None:
    """The outer content piece holding ``record``'s cue, from after the cue (and the
    recipient just after it) to the piece's end."""
    piece = next(c for c in outer.content if inside(record.cue, c))
    start = record.cue[1]
    if record.recipient is not None and record.recipient[0] >= start:
        start = max(start, record.recipient[1])
    end = piece[1]
    text = text_of(doc)
    while start < end and text[start] in INNER_EDGE:
        start += 1
    while end > start and text[end - 1] in INNER_EDGE:
        end -= 1
    return (start, end) if end > start else None


def _overlaps(a: Offsets | None, b: Offsets | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _origin(doc: Doc, record: Found) -> Found | None:
    """ "X reported P, citing Y" and "X quotes Y saying P": Y's record of P, relayed by X."""
    verb = cue_word(doc, record)
    if verb is None or record.source is None or not record.content:
        return None
    cited = _cited(verb, record, doc)
    if cited is not None:
        cue, source = cited
        return replace(record, cue=cue, source=source, relay=record.source, recipient=None)
    quoted = _quoted_saying(verb)
    if quoted is not None:
        cue, source, content = quoted
        return replace(
            record, cue=cue, source=source, content=[content], relay=record.source, recipient=None
        )
    return None


def _relayed(doc: Doc, record: Found) -> Found:
    record = _account_of(doc, record)
    verb = cue_word(doc, record)
    if verb is None:
        return _seen_by(doc, record) or record
    quoting = _quoted_by(verb)
    if quoting is not None and record.relay is None:
        return replace(record, relay=quoting)
    relay = _seen_by(doc, record)
    if relay is not None:
        return relay
    if record.recipient is None:
        recipient = _medium_to(verb)
        if recipient is None and record.polarity == "declines":
            recipient = _asked_by(doc, verb, record)
        if recipient is not None:
            return replace(record, recipient=recipient)
    return record


def _account_of(doc: Doc, record: Found) -> Found:
    """ "according to the newspaper's account of the autopsy report": the report is the
    source, the newspaper its relay."""
    if record.source is None or record.relay is not None:
        return record
    span = doc.char_span(*record.source, alignment_mode="expand")
    for token in span or []:
        if token.lemma_.lower() not in _words("account_nouns"):
            continue
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        document = _of_object(token)
        if document is not None and document.lemma_.lower() in _words("copy_nouns"):
            document = _of_object(document) or document
        if owner is None or document is None or document.lemma_.lower() not in DOCUMENT_HEADS:
            continue
        source, relay = _offsets(document), _owner_offsets(owner)
        if source is not None and relay is not None:
            return replace(record, source=source, relay=relay)
    return record


def _of_object(token: Token) -> Token | None:
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return _object(of) if of is not None else None


def _owner_offsets(owner: Token) -> Offsets | None:
    """A possessor without its "'s": "the newspaper" of "the newspaper's"."""
    tokens = [t for t in owner.subtree if not (t.dep_ == "case" and t.head == owner)]
    if not tokens:
        return None
    return (tokens[0].idx, tokens[-1].idx + len(tokens[-1]))


def _offsets(token: Token) -> Offsets | None:
    tokens = list(token.subtree)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    text = text_of(token.doc)
    while start < end and text[start] in EDGE:
        start += 1
    while end > start and text[end - 1] in EDGE:
        end -= 1
    return (start, end) if end > start else None


def _object(token: Token) -> Token | None:
    return next((c for c in token.children if c.dep_ in ("dobj", "pobj")), None)


def _cited(verb: Token, record: Found, doc: Doc) -> tuple[Offsets, Offsets] | None:
    """ "citing people familiar with the matter" beside the cue or its subject."""
    near = [*verb.children]
    if record.source is not None:
        span = doc.char_span(*record.source, alignment_mode="expand")
        if span is not None:
            near.extend(span.root.children)
    for token in near:
        if token.lemma_.lower() in _words("citing_verbs") and token.tag_ == "VBG":
            obj = _object(token)
            if obj is not None and _speaker(obj) and _offsets(obj) is not None:
                return (token.idx, token.idx + len(token)), _offsets(obj)
    return None


def _speaker(token: Token) -> bool:
    """Who can be cited as a source ("people familiar", "a report", "Reuters"), not a
    reason cited ("citing a threat to public health", "citing his Iowa results")."""
    if token.ent_type_ in SPEAKER_ENTITIES or token.pos_ == "PROPN":
        return True
    if token.lower_ not in SPEAKER_HEADS and token.lemma_.lower() not in SPEAKER_HEADS:
        return False
    # "the release of political prisoners": an act, not the press release
    return token.lemma_.lower() not in DOCUMENT_HEADS or _of_object(token) is None


def _quoted_by(verb: Token) -> Offsets | None:
    """ "The Times quotes unnamed officials saying ...": the Times relays them."""
    if verb.dep_ not in ("acl", "advcl", "xcomp") or verb.head.dep_ != "dobj":
        return None
    quoting = verb.head.head
    if quoting.lemma_.lower() not in _words("citing_verbs"):
        return None
    subject = next((c for c in quoting.children if c.dep_ == "nsubj"), None)
    return _offsets(subject) if subject is not None else None


def _quoted_saying(verb: Token) -> tuple[Offsets, Offsets, Offsets] | None:
    """ "The Times quotes unnamed officials saying X" as a cue "quotes": officials say X."""
    if verb.lemma_.lower() not in _words("citing_verbs"):
        return None
    quoted = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if quoted is None:
        return None
    for saying in (*quoted.children, *verb.children):
        if saying.lemma_.lower() == "say" and saying.dep_ in ("acl", "advcl", "xcomp"):
            clause = next((c for c in saying.children if c.dep_ == "ccomp"), None)
            source = _offsets_before(quoted, saying)
            if clause is not None and source is not None and _offsets(clause):
                return (saying.idx, saying.idx + len(saying)), source, _offsets(clause)
    return None


def _offsets_before(token: Token, stop: Token) -> Offsets | None:
    """``token``'s subtree up to the word ``stop``: "unnamed US officials" of "... saying"."""
    tokens = [t for t in token.subtree if t.i < stop.i]
    return (tokens[0].idx, tokens[-1].idx + len(tokens[-1])) if tokens else None


def _medium_to(verb: Token) -> Offsets | None:
    """ "said in an email to Bloomberg": the addressee of the statement."""
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        medium = _object(prep)
        if medium is None or medium.lemma_.lower() not in _words("media_nouns"):
            continue
        for to in (c for c in medium.children if c.dep_ == "prep" and c.lower_ == "to"):
            addressee = _object(to)
            if addressee is not None:
                return _offsets(addressee)
    return None


def _asked_by(doc: Doc, verb: Token, record: Found) -> Offsets | None:
    """Whose request was refused: "a Reuters request", "AFP's request for comment",
    "comment to CNN", "when contacted by The Associated Press"."""
    tokens = []
    for start, end in (*record.content, *([record.cue] if record.cue else [])):
        span = doc.char_span(start, end, alignment_mode="expand")
        tokens.extend(span or [])
    for child in (c for c in verb.children if c.dep_ in ("prep", "dobj") and c.i > verb.i):
        tokens.extend(child.subtree)  # "respond to a Reuters request" past a short content
    for token in tokens:
        head = token.head
        if (
            token.dep_ in ("poss", "compound")
            and token.pos_ == "PROPN"
            and head.lower_ in _words("disclosure_nouns")
        ):
            return (token.idx, token.idx + len(token))  # "AFP" of "AFP's request"
        told = token.dep_ == "pobj" and token.pos_ == "PROPN" and head.lower_ == "to"
        if told and head.head.lemma_.lower() in _words("disclosure_verbs"):
            return _offsets(token)
    for clause in (c for v in _verb_and_heads(verb) for c in v.children if c.dep_ == "advcl"):
        if clause.lemma_.lower() in _words("contact_verbs"):
            agent = next((c for c in clause.children if c.dep_ == "agent"), None)
            if agent is not None and _object(agent) is not None:
                return _offsets(_object(agent))
    return None


def _verb_and_heads(verb: Token) -> list[Token]:
    """The cue verb and the verbs it hangs from ("When contacted by AP, X released a
    statement saying it wouldn't comment": the clause is the releasing's)."""
    chain = [verb]
    while chain[-1].dep_ in CLIMB_DEPS and len(chain) < MAX_CLIMB:
        chain.append(chain[-1].head)
    return chain


def _before(doc: Doc, record: Found, participle: Token) -> Offsets | None:
    """The recipient without the relay clause it ran on into ("Egypt, seen by Reuters")."""
    recipient = record.recipient
    if recipient is None or not recipient[0] <= participle.idx < recipient[1]:
        return recipient
    end = participle.left_edge.idx
    while end > recipient[0] and text_of(doc)[end - 1] in EDGE:
        end -= 1
    return (recipient[0], end) if end > recipient[0] else None


def _seen_by(doc: Doc, record: Found) -> Found | None:
    """ "a note to Egypt, seen by Reuters", "an email provided to the paper"."""
    spans = [s for s in (record.cue, record.source, record.recipient) if s is not None]
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        for token in span or []:
            if token.tag_ != "VBN" or token.dep_ != "acl":
                continue
            if token.lemma_.lower() not in _words("relay_participles"):
                continue
            for child in token.children:
                by = child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "to")
                if by and _object(child) is not None:
                    relay = _offsets(_object(child))
                    return replace(record, relay=relay, recipient=_before(doc, record, token))
    return None
