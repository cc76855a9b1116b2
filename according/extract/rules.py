"""The rule-based extractor: attributions from the dependency parse and quotation marks.

``find(doc)`` returns ``Found`` records: one per cue verb or "according to"
with a source and content, plus continued and speakerless quotations.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from according import lexicon
from according.extract import cues
from according.extract.found import Found, Offsets
from according.extract.quotes import find_quotes, words_inside
from according.extract.registry import register
from according.extract.text import text_of

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass"})
CLAUSE_DEPS = frozenset({"ccomp", "parataxis"})
# "officials advised against a strike": the prepositional phrase is what they advised
PREP_CONTENT = frozenset({"against"})
PREP_CONTENT_CUES = frozenset({"advise", "recommend", "warn", "caution", "argue", "urge"})
OBJECT_DEPS = frozenset({"dobj"})
RECIPIENT_DEPS = frozenset({"dobj", "dative", "iobj"})
INHERIT_SUBJECT_DEPS = frozenset({"conj", "advcl", "xcomp", "acl"})
TIME_ENTITIES = frozenset({"DATE", "TIME"})
RECIPIENT_VERBS = frozenset({"tell", "inform", "assure", "warn", "remind", "notify", "brief"})
OBJECT_CONTENT_ACTS = frozenset({"denial", "report"})
RELATIVE_PRONOUNS = frozenset({"which", "that", "what"})
EDGE_PUNCT = ",;:.—–-"
MIN_ORPHAN_QUOTE_WORDS = 4
MIN_CLAUSE_WORDS = 4  # tokens before "..., X told Reuters." for them to be its content
DATELINE_DASHES = frozenset({"—", "–", "-", "--"})


@register("rules")
def find(doc: Doc) -> list[Found]:
    """All attributions the rules see in ``doc``."""
    quotes = find_quotes(text_of(doc))
    found: list[Found] = []
    for token in doc:
        record = _from_according_to(token, quotes) or _from_verb(token, quotes)
        if record:
            found.append(record)
    found = _cut_according_to(text_of(doc), _drop_duplicates(found))
    return found + _quotes_without_cue(doc, quotes, found)


# --- spans -----------------------------------------------------------------


def _offsets(span: Span) -> Offsets:
    return (span.start_char, span.end_char)


def _trim(text: str, start: int, end: int) -> Offsets | None:
    """Strip whitespace and edge punctuation (but not quotation marks) from a span."""
    while start < end and (text[start].isspace() or text[start] in EDGE_PUNCT):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in EDGE_PUNCT):
        end -= 1
    return (start, end) if end > start else None


def _subtree(token: Token, exclude: Token | None = None) -> Offsets:
    """Character extent of ``token``'s subtree, cut before ``exclude``'s subtree if given."""
    tokens = list(token.subtree)
    if exclude is not None:
        skip = {t.i for t in exclude.subtree}
        tokens = [t for t in tokens if t.i not in skip]
        # keep the contiguous run that holds the token itself
        run = [t for t in tokens if not _gap_between(t, token, skip)]
        tokens = run or tokens
    return (tokens[0].idx, tokens[-1].idx + len(tokens[-1]))


def _gap_between(a: Token, b: Token, skip: set[int]) -> bool:
    lo, hi = sorted((a.i, b.i))
    return any(i in skip for i in range(lo, hi))


def _snap_to_quotes(text: str, span: Offsets, quotes: list[tuple[int, int]]) -> list[Offsets]:
    """Content that lies inside one quotation becomes the whole quotation, marks included."""
    for q in quotes:
        if q[0] <= span[1] and span[0] <= q[1]:
            inner = (q[0] + 1, q[1] - 1)
            if inner[0] - 1 <= span[0] and span[1] <= inner[1] + 2:
                return [q]
    start, end = span
    for q in quotes:  # a quotation that straddles the edge is taken whole
        if q[0] < start < q[1]:
            start = q[0]
        if q[0] < end < q[1]:
            end = q[1]
    return [(start, end)]


def _kind(content: list[Offsets], quotes: list[tuple[int, int]]) -> str:
    if not content:
        return "none"
    if all(c in quotes for c in content):
        return "direct"
    if any(c[0] <= q[0] and q[1] <= c[1] for c in content for q in quotes):
        return "mixed"
    return "indirect"


# --- sources ---------------------------------------------------------------


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or the subject it shares with the verb it is joined to; of a
    passive verb, its agent ("was charged by prosecutors"), never the one it is about."""
    if verb.pos_ == "NOUN":  # mis-tagged verb: its subject was parsed as compounds
        left = [c for c in verb.lefts if c.dep_ in ("compound", "amod", "nmod")]
        return left[0] if left else None
    if any(c.dep_ == "auxpass" for c in verb.children):
        return _agent(verb)  # "X ... but is believed to": a subject shared is the patient
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
            if child.dep_ in PASSIVE_SUBJECT_DEPS:
                return _agent(current)
        if current.dep_ in INHERIT_SUBJECT_DEPS and current.head is not current:
            current = current.head
        else:
            return None
    return None


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _source_span(doc: Doc, subject: Token, cue: Span) -> Offsets | None:
    start, end = _subtree(subject)
    if start < cue.start_char < end:  # subject wraps round the cue: keep the part before
        end = cue.start_char
    return _trim(text_of(doc), start, end)


def _recipient(verb: Token) -> Offsets | None:
    if verb.lemma_.lower() in RECIPIENT_VERBS:
        for child in verb.children:
            if child.dep_ in RECIPIENT_DEPS:
                return _trim(text_of(verb.doc), *_subtree(child))
    for child in verb.children:
        if (
            child.dep_ == "prep"
            and child.lower_ == "to"
            and verb.lemma_.lower() in ("say", "speak")
        ):
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return _trim(text_of(verb.doc), *_subtree(obj))
    return None


# --- content ---------------------------------------------------------------


def _content(verb: Token, act: str, quotes: list[tuple[int, int]]) -> list[Offsets]:
    """What the cue verb attributes: its clause, a quotation, its object or the preceding clause."""
    doc, text = verb.doc, text_of(verb.doc)
    clause = next((c for c in verb.children if c.dep_ in CLAUSE_DEPS), None)
    if clause is not None and clause.i < verb.i and _has_own_complement(verb):
        clause = None  # "P, officials said" shape, but "has learned how to make" says no P
    if clause is not None:
        span = _trim(text, *_subtree(clause))
        return _snap_to_quotes(text, span, quotes) if span else []
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    if xcomp is not None and act in ("refusal", "belief", "denial", "statement"):
        span = _trim(text, *_subtree(xcomp))
        return [span] if span else []
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in PREP_CONTENT), None)
    if prep is not None and verb.lemma_ in PREP_CONTENT_CUES:
        span = _trim(text, *_subtree(prep))
        return [span] if span else []
    quoted = _quote_after(verb, quotes)
    if quoted:
        return quoted
    if _reports_clause_before(verb):  # "X, CNN reported."
        span = _trim(text, *_subtree(verb.head, exclude=verb))
        return _snap_to_quotes(text, span, quotes) if span else []
    before = _clause_before(verb) if act == "statement" else None
    if before is not None:  # "P, two sources told Reuters." with P parsed apart
        return _snap_to_quotes(text, before, quotes)
    if verb.dep_ == "relcl" and act == "denial":  # "..., which the Kremlin has denied"
        return _relative_antecedent(verb)
    if act in OBJECT_CONTENT_ACTS and not cues.needs_clause(verb):
        obj = next((c for c in verb.children if c.dep_ in OBJECT_DEPS), None)
        if obj is not None and obj.lower_ not in RELATIVE_PRONOUNS:
            span = _trim(text, *_subtree(obj))
            return [span] if span else []
    del doc
    return []


def _reports_clause_before(verb: Token) -> bool:
    """ "X, CNN reported." with the cue parsed inside X's clause. A cue with an object or a
    complement of its own reports nothing before it ("Nike holds $10.7 billion", "North
    Korea has learned how to make ..."); "told Reuters" names a recipient, not an object."""
    if verb.dep_ not in CLAUSE_DEPS or verb.head.i >= verb.i:
        return False
    return not _has_own_complement(verb)


def _has_own_complement(verb: Token) -> bool:
    """An infinitive or a direct object of the cue's own ("told Reuters" names a recipient,
    "reported Monday" a time the parse may take for an object)."""
    recipient_verb = verb.lemma_.lower() in RECIPIENT_VERBS
    return any(
        (c.dep_ == "xcomp" and c.tag_ == "VB")  # "how to make", not "reported, citing"
        or (c.dep_ == "dobj" and not recipient_verb and c.ent_type_ not in TIME_ENTITIES)
        for c in verb.children
    )


def _clause_before(verb: Token) -> Offsets | None:
    """ "P, two sources told Reuters.": the words before the comma that opens the subject,
    when the parse hung P elsewhere (a dateline's apposition) and the verb has no clause."""
    subjects = [c for c in verb.lefts if c.dep_ in SUBJECT_DEPS]
    subject = subjects[-1] if subjects else None  # the nearest: "MOSCOW" can be one too
    if subject is None:
        return None
    if verb.dep_ != "ROOT" and not (verb.dep_ == "conj" and verb.head.dep_ == "ROOT"):
        return None  # "P, an official told CNN" parsed as P's conjunct is one too
    comma = subject.left_edge.i - 1
    sent = verb.sent
    if comma <= sent.start or verb.doc[comma].text != ",":
        return None
    if any(t.dep_ in CLAUSE_DEPS | {"xcomp"} or t.is_quote for t in verb.rights):
        return None
    start = sent.start
    dash = next((t.i for t in verb.doc[start:comma] if t.text in DATELINE_DASHES), None)
    if dash is not None and all(_dateline_word(t) for t in verb.doc[start:dash]):
        start = dash + 1  # "MOSCOW —", "WASHINGTON (Reuters) -"
    if comma - start < MIN_CLAUSE_WORDS:
        return None
    last = verb.doc[comma - 1]
    return _trim(text_of(verb.doc), verb.doc[start].idx, last.idx + len(last))


def _dateline_word(token: Token) -> bool:
    return token.is_punct or token.text.isupper() or token.text in ("(", ")")


def _quote_after(verb: Token, quotes: list[tuple[int, int]]) -> list[Offsets]:
    """A quotation opening right after the cue ("added, “...”" or "said: “...”")."""
    sent_end = verb.sent.end_char
    after = verb.idx + len(verb)
    text = text_of(verb.doc)
    for q in quotes:
        if q[0] < after:
            continue
        if q[0] > sent_end + 2:
            break
        gap = text[after : q[0]]
        if after <= q[0] <= sent_end + 2 and len(gap) <= 3 and not any(c.isalnum() for c in gap):
            return [q]
    return []


def _relative_antecedent(verb: Token) -> list[Offsets]:
    """The noun phrase a relative clause hangs from, climbing prepositions and participles."""
    top = best = verb.head
    while top.dep_ in ("pobj", "prep", "agent", "acl") and top.head is not top:
        top = top.head
        if top.pos_ in ("NOUN", "PROPN"):
            best = top
        elif top.pos_ == "VERB" and top.dep_ != "acl":
            break
    if best.pos_ not in ("NOUN", "PROPN", "PRON"):
        return []
    span = _trim(text_of(verb.doc), *_subtree(best, exclude=verb))
    return [span] if span else []


# --- records ---------------------------------------------------------------


def _from_verb(verb: Token, quotes: list[tuple[int, int]]) -> Found | None:
    act = cues.cue_act(verb)
    if act is None:
        return None
    if act == "request":
        return _request(verb)
    content = _content(verb, act, quotes)
    if not content:
        return None
    has_clause = any(
        c.dep_ in CLAUSE_DEPS | {"xcomp"} or (c.dep_ == "prep" and c.lower_ in PREP_CONTENT)
        for c in verb.children
    )
    if cues.needs_clause(verb) and not has_clause and _kind(content, quotes) != "direct":
        return None
    cue = cues.cue_span(verb)
    subject = _subject(verb)
    source = _source_span(verb.doc, subject, cue) if subject is not None else None
    if source and any(source[0] < c[1] and c[0] < source[1] for c in content):
        source = None
    return Found(
        cue=_offsets(cue),
        source=source,
        content=content,
        kind=_kind(content, quotes),
        act=act,
        polarity=_polarity(act, verb, content),
        recipient=_recipient(verb),
    )


def _polarity(act: str, verb: Token, content: list[Offsets]) -> str:
    if act == "denial":
        return "denies"
    if act == "refusal":
        return "declines"
    whole = text_of(verb.doc)
    text = " ".join(whole[s:e].lower() for s, e in content)
    if any(p in text for p in lexicon.load("cues")["refusal_phrases"]):
        return "declines"
    return "asserts"


def _request(verb: Token) -> Found | None:
    """ "X reached out to Y for comment": a request, with Y as the recipient. A request
    needs a word of comment; a passive one ("was contacted by X", "When reached for
    comment, Y said") makes its subject the one asked, not the asker, so it is no record
    (``relays`` reads the asker as the answer's recipient)."""
    if "comment" not in verb.sent.text.lower() or _passive_verb(verb) or _refused(verb):
        return None
    recipient = None
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "to" or child.dep_ == "dobj":
            obj = (
                child
                if child.dep_ == "dobj"
                else next((g for g in child.children if g.dep_ == "pobj"), None)
            )
            if obj is not None:
                recipient = _trim(text_of(verb.doc), *_subtree(obj))
                break
    subject = _subject(verb)
    cue = cues.cue_span(verb)
    return Found(
        cue=_offsets(cue),
        source=_source_span(verb.doc, subject, cue) if subject is not None else None,
        content=[],
        kind="none",
        act="request",
        polarity="asks",
        recipient=recipient,
    )


def _refused(verb: Token) -> bool:
    """ "did not respond to emails seeking comment": the request is what the refusal's
    subject left unanswered, told in the refusal's own record."""
    if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "acl"):
        return False
    head = verb.head if verb.dep_ == "advcl" else verb.head.head.head
    return any(c.dep_ == "neg" for c in head.children) or head.lemma_.lower() in (
        lexicon.words("cues", "refusal")
    )


def _passive_verb(verb: Token) -> bool:
    """ "was contacted", "When contacted by AP": a past participle with a passive auxiliary
    or no subject of its own."""
    if verb.tag_ != "VBN":
        return False
    deps = {c.dep_ for c in verb.children}
    return "auxpass" in deps or not deps & {"nsubj", "nsubjpass", "aux"}


def _from_according_to(token: Token, quotes: list[tuple[int, int]]) -> Found | None:
    cue = cues.according_to(token)
    if cue is None:
        return None
    text = text_of(token.doc)
    obj = next((g for g in cue[1].children if g.dep_ == "pobj"), None)
    if obj is None:
        return None
    source = _trim(text, *_subtree(obj))
    phrase_start, phrase_end = cue.start_char, _subtree(obj)[1]
    sent = token.sent
    before = _trim(text, sent.start_char, phrase_start)
    after = _trim(text, phrase_end, sent.end_char)
    content = [p for p in (before, after) if p and len(text[p[0] : p[1]].split()) >= 2]
    if not content:
        return None
    content = [c for piece in content for c in _snap_to_quotes(text, piece, quotes)]
    return Found(
        cue=_offsets(cue),
        source=source,
        content=content,
        kind=_kind(content, quotes),
        act="report",
    )


def _cut_according_to(text: str, found: list[Found]) -> list[Found]:
    """Keep "according to X" out of the content of the other cues in its sentence."""
    phrases = [
        (f.cue[0], f.source[1])
        for f in found
        if f.cue and f.source and f.cue[0] < f.source[0]
        if text[f.cue[0] : f.cue[1]].lower().startswith("according")
    ]
    for record in found:
        pieces = []
        for start, end in record.content:
            for p_start, p_end in phrases:
                if start < p_start < end <= p_end + 2:
                    end = p_start
                elif p_start - 2 <= start < p_end < end:
                    start = p_end
            trimmed = _trim(text, start, end)
            if trimmed:
                pieces.append(trimmed)
        record.content = pieces
    return [f for f in found if f.content or f.act in ("request", "refusal")]


def _drop_duplicates(found: list[Found]) -> list[Found]:
    seen: set[Offsets | None] = set()
    unique = []
    for record in found:
        if record.cue in seen:
            continue
        seen.add(record.cue)
        unique.append(record)
    return unique


def _covered(span: tuple[int, int], found: list[Found]) -> bool:
    return any(c[0] <= span[0] + 1 and span[1] - 1 <= c[1] for f in found for c in f.content)


def _quotes_without_cue(doc: Doc, quotes: list[tuple[int, int]], found: list[Found]) -> list[Found]:
    """Quotations no cue claimed: continue the previous direct quote, else speakerless."""
    extra: list[Found] = []
    text = text_of(doc)
    for q in quotes:
        if _covered(q, found) or words_inside(text, q) < MIN_ORPHAN_QUOTE_WORDS:
            continue
        if _inside_other_content(q, found):
            continue
        previous = _previous_quoted(q, found, text)
        if previous is not None:
            previous.content.append(q)
            previous.kind = "direct" if previous.kind == "direct" else "mixed"
            continue
        extra.append(Found(cue=None, source=None, content=[q], kind="direct", act="statement"))
    return extra


def _inside_other_content(q: tuple[int, int], found: list[Found]) -> bool:
    return any(c[0] < q[1] and q[0] < c[1] for f in found for c in f.content)


def _previous_quoted(q: tuple[int, int], found: list[Found], text: str) -> Found | None:
    """The attribution just before ``q`` in the same paragraph, if it quoted someone."""
    before = [f for f in found if f.content and f.content[-1][1] <= q[0]]
    if not before:
        return None
    last = max(before, key=lambda f: f.content[-1][1])
    gap = text[last.content[-1][1] : q[0]]
    if "\n\n" in gap or len(gap) > 200 or last.kind not in ("direct", "mixed"):
        return None
    if last.cue and last.cue[0] > q[0]:
        return None
    return last
