"""Tidy the spans an extractor found: sources without words no source holds, content
with PolNeAR's edges.

A tagger's source span can start with "by" or a relative "which", end in a clitic, or
be a lone "the"; the resolver would type such a span as a source named "by dozens of
papers" or "". A content piece before the cue that is its subject, in a record with no
source, is the source the tagger mislabelled; a refusal with no source span takes its
verb's subject ("Mylan, which runs ..., did not respond"). Content follows the conventions of
PolNeAR train (docs/model.md): a quotation is taken whole, no piece ends in a comma or
dash, and a quotation split by its cue ("“X,” he said. “Y.”") is one content in two
pieces. Runs on every extractor's ``Found`` records, before sources are resolved.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from according.extract import cues
from according.extract.found import Found, Offsets, inside, overlaps
from according.extract.quotes import find_quotes
from according.extract.text import text_of

LEADING_TAGS = frozenset({"IN", "TO", "CC"})  # by, that (complementizer), to, and, both
LEADING_WORDS = frozenset({"according"})
RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})  # "which advocates (say)"
NOUN_START_POS = frozenset({"NOUN", "PROPN", "DET", "ADJ", "NUM"})
FUNCTION_POS = frozenset({"DET", "ADP", "CCONJ", "SCONJ", "PART", "PUNCT", "AUX", "SPACE"})
TRAILING_MARKS = ",;:—–-"  # PolNeAR train: 115 of 19,832 contents end in a comma
TELLING = frozenset({"statement", "report"})  # "said", "described": not "enjoyed", "rejected"
REFUSING = frozenset({"decline", "refuse"})
ASKING = frozenset({"whether", "if"})  # marks of an indirect question
PHRASE_DEPS = frozenset(  # a word its phrase's head follows: "an (indictment)", "would (help)"
    {
        "det",
        "poss",
        "predet",
        "compound",
        "amod",
        "nummod",
        "quantmod",
        "nmod",
        "aux",
        "auxpass",
        "neg",
    }
)
WHOLE_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "ADJ", "ADV"})
LONGEST_EXPANSION = 8  # tokens: a lone "the" grows to its noun phrase only if it is short


def tidy_sources(doc: Doc, found: list[Found]) -> list[Found]:
    """Each record with its source span trimmed, or without a source if no noun is left."""
    return [
        _tidy(doc, _refuser(doc, _passive_agent(doc, _subject_from_content(doc, record))))
        for record in found
    ]


def _refuser(doc: Doc, record: Found) -> Found:
    """A refusal with no source whose cue verb has a subject of its own ("Mylan, which
    runs ... out of Cecil, did not respond to emails"): the subject, up to a comma, is
    who declined."""
    if record.source is not None or record.cue is None:
        return record
    cue = doc.char_span(*record.cue, alignment_mode="expand")
    if cue is None or not any(t.dep_ == "neg" or t.lemma_.lower() in REFUSING for t in cue):
        return record
    subject = next((c for t in cue for c in t.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
        return record
    tokens = [t for t in subject.subtree if t.i <= subject.i or not _after_comma(subject, t)]
    source = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
    if any(overlaps(source, piece) for piece in record.content):
        return record
    return replace(record, source=source)


def _after_comma(head: Token, token: Token) -> bool:
    return any(t.text == "," for t in head.doc[head.i + 1 : token.i + 1])


def _subject_from_content(doc: Doc, record: Found) -> Found:
    """A record with no source whose first content piece, before a verb of saying or
    reporting, is its subject ("Facebook has said that ...", tagged content): that
    piece is the source."""
    if record.source is not None or record.cue is None or len(record.content) < 2:
        return record
    first = min(record.content)
    if first[1] > record.cue[0]:
        return record
    cue = doc.char_span(*record.cue, alignment_mode="expand")
    telling = [t for t in cue or [] if cues.act_of_lemma().get(t.lemma_.lower()) in TELLING]
    subjects = [c for t in telling for c in t.children if c.dep_ == "nsubj"]
    if not any(_is_phrase_of(doc, first, c) for c in subjects):
        return record
    return replace(record, source=first, content=[c for c in record.content if c != first])


def _is_phrase_of(doc: Doc, piece: tuple[int, int], subject: Token) -> bool:
    """The piece is the subject's phrase, after function words at most ("what the franchise")."""
    last = subject.right_edge
    if piece[1] != last.idx + len(last.text) or piece[0] > subject.left_edge.idx:
        return False
    before = doc.char_span(piece[0], subject.left_edge.idx, alignment_mode="expand")
    return all(
        t.pos_ in FUNCTION_POS or t.tag_ in RELATIVE_TAGS or t.is_space for t in before or []
    )


def _passive_agent(doc: Doc, record: Found) -> Found:
    """A passive cue with no source whose content ends in "by X" ("it is considered a
    minor risk by infectious disease experts"): X is the source, cut from the content."""
    if record.source is not None or record.cue is None or not record.content:
        return record
    cue = doc.char_span(*record.cue, alignment_mode="expand")
    if not any(t.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in t.children) for t in cue or []):
        return record
    last = max(record.content)
    piece = doc.char_span(*last, alignment_mode="expand")
    words = [t for t in piece or [] if not t.is_punct]
    by = next((t for t in words if t.lower_ == "by"), None)
    agent = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    if agent is None or agent.pos_ not in ("NOUN", "PROPN"):
        return record
    if by.head.pos_ in ("VERB", "AUX") and not cue.start <= by.head.i < cue.end:
        return record  # "supposed to be escorted by X": X is the escorting's agent
    if not agent.i <= words[-1].i <= agent.right_edge.i:  # the agent ends the content
        return record
    cut = doc[by.i - 1] if by.i > piece.start else None
    if cut is None:
        return record
    source = (agent.left_edge.idx, words[-1].idx + len(words[-1]))
    content = [c for c in record.content if c != last] + [(last[0], cut.idx + len(cut))]
    return replace(record, source=source, content=content)


def _tidy(doc: Doc, record: Found) -> Found:
    if record.source is None:
        return record
    span = doc.char_span(*record.source, alignment_mode="expand")
    if span is None or not len(span):
        return record
    tokens = _trim(span)
    if not tokens:
        return replace(record, source=_expand(span))
    source = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
    return record if source == record.source else replace(record, source=source)


def _trim(span: DocSpan) -> list[Token]:
    """The span's tokens without leading function words ("by", "according to", "which"
    before a noun) and trailing words a source cannot end with; none if only function
    words are left. Punctuation and possessives stay (PolNeAR's spans keep them), and
    so does a lone relative pronoun (the resolver takes its antecedent)."""
    tokens = list(span)
    while len(tokens) > 1 and _leading_junk(tokens[0], tokens[1]):
        tokens = tokens[1:]
    while tokens and _trailing_junk(tokens[-1]):
        tokens = tokens[:-1]
    if all(t.pos_ in FUNCTION_POS for t in tokens):
        return []
    return tokens


def _leading_junk(token: Token, following: Token) -> bool:
    if token.tag_ in LEADING_TAGS or token.lower_ in LEADING_WORDS:
        return True
    return token.tag_ in RELATIVE_TAGS and following.pos_ in NOUN_START_POS


def _trailing_junk(token: Token) -> bool:
    """A clitic ("It's"), an -ly adverb, "and", or an opening quotation mark."""
    if token.pos_ in ("AUX", "CCONJ") or token.is_left_punct:
        return True
    return token.tag_ == "RB" and token.lower_.endswith("ly")


def _expand(span: DocSpan) -> tuple[int, int] | None:
    """The noun phrase a determiner-only span opens ("the" of "the Federal Bureau of
    Prisons"), if it is short; else None."""
    last = span[-1]
    if last.dep_ != "det" or last.head.pos_ not in ("NOUN", "PROPN"):
        return None
    head = last.head
    start, end = head.left_edge.i, head.right_edge.i + 1
    if start != span.start or end - start > LONGEST_EXPANSION:
        return None
    return (span.doc[start].idx, span.doc[end - 1].idx + len(span.doc[end - 1].text))


def tidy_cues(doc: Doc, found: list[Found]) -> list[Found]:
    """A cue of auxiliaries alone ("’ll", "can", "is") runs on to the verb they serve, as
    PolNeAR's cues do ("’ll present", "is recorded"); one with no such verb after it (a
    copula: "is | a bill") names no act and its record goes."""
    kept = []
    for record in found:
        cue = doc.char_span(*record.cue, alignment_mode="expand") if record.cue else None
        if cue is None or not len(cue) or not all(t.pos_ == "AUX" or t.tag_ == "MD" for t in cue):
            kept.append(record)
            continue
        head = cue[-1].head
        if head.pos_ != "VERB" or head.i < cue.end or cue[-1].dep_ not in ("aux", "auxpass"):
            continue
        grown = (record.cue[0], head.idx + len(head))
        if any(overlaps(grown, piece) for piece in record.content):
            kept.append(record)  # the verb is in the content: leave the record as the tagger had it
            continue
        kept.append(replace(record, cue=grown))
    return kept


def tidy_content(doc: Doc, found: list[Found]) -> list[Found]:
    """Content pieces with PolNeAR's edges: whole quotations, no trailing comma or dash,
    and the quotation that follows a quoted content's cue added as its second piece."""
    text = text_of(doc)
    quotes = find_quotes(text)
    for record in found:
        record.content = [_complete(doc, piece, record, found) for piece in record.content]
    for record in found:
        record.content = [_edges(text, piece, quotes, found) for piece in record.content]
    for record in found:
        _second_quotation(text, record, quotes, found)
    found = [f for f in found if not _asked_of(doc, f)]
    return [f for f in found if f.content or f.cue is not None]


def _asked_of(doc: Doc, record: Found) -> bool:
    """A cue in an indirect question ("It was unclear whether the agencies agreed with
    P") whose content is the clause that asks: nobody is reported to agree, and the asking
    clause is no content of the cue. Such a record goes."""
    cue = doc.char_span(*record.cue, alignment_mode="expand") if record.cue else None
    if cue is None or not len(cue) or len(record.content) != 1:
        return False
    verb = cue.root
    if not any(c.dep_ == "mark" and c.lower_ in ASKING for c in verb.children):
        return False
    head = verb.head
    return head.i != verb.i and inside((head.idx, head.idx + len(head)), record.content[0])


def _complete(doc: Doc, piece: Offsets, record: Found, found: list[Found]) -> Offsets:
    """A piece cut inside a phrase ("unsealed | an", "dismissed | a poll suggesting", "felt |
    this would") runs on to the phrase's end: its last word's head phrase when the head comes
    later in the sentence (a determiner, modifier or auxiliary of it), else the last word's
    own phrase when a dependent comes later. It
    stops before the next cue or content of any record; a head that is a cue or in another
    piece of the record (a content split by its cue) means the piece is whole."""
    span = doc.char_span(*piece, alignment_mode="expand")
    words = [t for t in span or [] if not (t.is_punct or t.is_space)]
    if not words or span is None or span[-1].i != words[-1].i:
        return piece  # a piece ending in punctuation (a quotation) is whole
    last = words[-1]
    target = last.head if last.head.i > last.i and last.dep_ in PHRASE_DEPS else last
    if target.i == last.i and last.pos_ in WHOLE_POS:
        return piece
    if not any(t.i > last.i for t in target.subtree) or target.sent != last.sent:
        return piece
    spans = [s for f in found for s in (f.cue, *f.content) if s is not None]
    if target.i != last.i and any(s[0] <= target.idx < s[1] for s in spans):
        return piece
    stop = min([s[0] for s in spans if s[0] >= piece[1]] + [target.sent.end_char])
    tail = [t for t in doc[last.i + 1 : target.right_edge.i + 1] if t.idx + len(t) <= stop]
    while tail and (tail[-1].pos_ in FUNCTION_POS or tail[-1].tag_ in RELATIVE_TAGS):
        tail = tail[:-1]
    return (piece[0], tail[-1].idx + len(tail[-1])) if tail else piece


def _edges(text: str, piece: Offsets, quotes: list[Offsets], found: list[Found]) -> Offsets:
    """A piece that opens a quotation runs to its closing mark (unless a cue comes first,
    or a line break); trailing commas, semicolons and dashes go."""
    start, end = piece
    for q_start, q_end in quotes:
        opens = q_start == start and end < q_end and "\n" not in text[end:q_end]
        if opens and not _cue_within(found, end, q_end):
            end = q_end
    while end > start and (text[end - 1] in TRAILING_MARKS or text[end - 1].isspace()):
        end -= 1
    return (start, end) if end > start else piece


def _second_quotation(text: str, record: Found, quotes: list[Offsets], found: list[Found]) -> None:
    """ "“X,” he said. “Y.”": a quotation ending before its cue continues in the next
    quotation of the paragraph, when no other record holds that one or a cue comes first."""
    if record.cue is None or len(record.content) != 1:
        return
    end = record.content[0][1]
    if end > record.cue[0] or not any(q[1] == end for q in quotes):
        return
    after = next((q for q in quotes if q[0] >= record.cue[1]), None)
    if after is None or "\n" in text[end : after[0]]:
        return
    others = [f for f in found if f is not record]
    orphans = [f for f in others if f.cue is None and f.content == [after]]
    holders = [f for f in others if f not in orphans and not _cue_within([f], *after)]
    if _cue_within(others, end, after[0]) or any(
        overlaps(after, p) for f in holders for p in f.content
    ):
        return  # another cue comes first, or another record holds the quotation
    record.content.append(after)
    for orphan in orphans:  # the quotation had no speaker: now it has this record's
        orphan.content = []


def _cue_within(found: list[Found], start: int, end: int) -> bool:
    return any(f.cue is not None and start <= f.cue[0] < end for f in found)
