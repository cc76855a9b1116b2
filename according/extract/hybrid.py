"""The default extractor: learned spans, with the rules where they know better.

The tagger gives cue, source and content spans (PolNeAR's conventions); its
spans always win where both mark the same cue. The rules add what the tagger
was never taught or cannot represent:
- the act a cue names (belief, report, denial...), polarity and recipient
  ("told CNN"), copied onto the learned record with the same cue;
- relays: the outer record ("A document said X, CNN reported"), and the
  inner one when it is a document's statement or lies inside a report
  ("Officials advised X, according to the network"); one tag per token
  cannot hold both attributions, the rules can;
- quotations with no speaker, which must be reported, not dropped;
- attributions the tagger missed: a rule record whose content no learned
  record touches, and denials, refusals and requests for comment (not those
  nested inside learned content: none of 14 matched PolNeAR dev).
A rule cue inside its own quotation ("I think" in a quotation taken whole) gives
that quotation without a speaker. PolNeAR nests no attribution in another's content, so
rule records that only repeat what a learned one holds go: a content that is another
record's bare "X said" with no one else relayed, an outer record that is a belief or
whose cue lies in the inner record's own content; a rule content running on over the
attribution that holds it (", The Journal reported") ends before it. Records that cross are resolved last
(``crossing.uncross``). Measured on PolNeAR dev (docs/model.md): the
rule records the tagger missed altogether cost 0.011 cue exact F1 against the
tagger alone, but real articles' claims need them (benchmarks in the doc).
"""

from __future__ import annotations

from spacy.tokens import Doc

from according import lexicon
from according.extract import learned, rules
from according.extract.crossing import uncross
from according.extract.found import Found, Offsets, inside, overlaps
from according.extract.registry import register
from according.extract.text import text_of
from according.learned import model as learned_model
from according.learned.model import Tagging

DOCUMENT_HEADS = lexicon.words("sources", "document_heads")
RULE_ACTS = frozenset({"denial", "refusal", "request"})  # kept even when the tagger missed them
TRAILING_DEPS = frozenset({"cc", "advmod", "punct", "aux", "neg", "preconj"})


@register("hybrid")
def find(doc: Doc, model: Tagging | None = None) -> list[Found]:
    """Learned attributions enriched by the rules, plus the rule records they miss."""
    text = text_of(doc)
    ruled = rules.find(doc)
    kept = []
    for record in learned.find(doc, model):
        match = _same_cue(record, ruled)
        if match is not None:
            _enrich(record, match)
        kept.append(record)
    for rule in ruled:
        _cut_trailing_attribution(doc, rule, kept)
    extra = _speakerless([r for r in ruled if _keep_rule(doc, text, r, kept)])
    for rule in (r for r in ruled if r not in extra):
        _split_shared_subject(doc, rule, kept, extra)
    return uncross(doc, kept + extra)


def _speakerless(extra: list[Found]) -> list[Found]:
    """A rule record whose cue lies inside its own content ("I think" in a quotation the
    rules took whole) is that quotation without a speaker; one record per quotation."""
    out: list[Found] = []
    for record in extra:
        if record.cue is not None and any(inside(record.cue, c) for c in record.content):
            record = Found(cue=None, source=None, content=record.content, kind=record.kind)
        if record.cue is None and any(f.cue is None and f.content == record.content for f in out):
            continue
        out.append(record)
    return out


@register("hybrid-crf")
def find_crf(doc: Doc) -> list[Found]:
    """The same with the CRF tagger: 2.6x (one process) to 3.9x (a batch) faster, lower F1."""
    return find(doc, learned_model.load(learned_model.CRF_NAME))


def _cut_trailing_attribution(doc: Doc, rule: Found, kept: list[Found]) -> None:
    """ "FTC officials worry that P, The Journal reported": the parse gave the rule's content
    the attribution that holds the rule's cue; the content ends before its source and cue."""
    if rule.cue is None:
        return
    for record in kept:
        if record.cue is None or record.cue[0] < rule.cue[1]:
            continue
        if not any(inside(rule.cue, p) for p in record.content):
            continue
        for i, piece in enumerate(rule.content):
            if not inside(record.cue, piece):
                continue
            cut = record.cue[0]
            if record.source is not None and piece[0] <= record.source[0] < cut:
                cut = record.source[0]
            end = _trim_end(doc, piece[0], cut)
            if end is not None:
                rule.content[i] = (piece[0], end)
            return


def _split_shared_subject(doc: Doc, rule: Found, kept: list[Found], extra: list[Found]) -> None:
    """ "X recommended A and also said B": the tagger ran A on into "said B"; cut it there."""
    if rule.cue is None or rule.source is None:
        return
    for record in kept:
        if record.source != rule.source or rule.cue == record.cue:
            continue
        for i, piece in enumerate(record.content):
            if inside(rule.cue, piece) and not any(overlaps(c, rule.cue) for c in rule.content):
                end = _trim_end(doc, piece[0], rule.cue[0])
                if end is None:
                    return
                record.content[i] = (piece[0], end)
                extra.append(rule)
                return


def _trim_end(doc: Doc, start: int, end: int) -> int | None:
    """``end`` moved left past the conjunction, adverbs and punctuation before a cut."""
    span = doc.char_span(start, end, alignment_mode="contract")
    tokens = list(span) if span is not None else []
    while tokens and (tokens[-1].dep_ in TRAILING_DEPS or tokens[-1].is_space):
        tokens.pop()
    return tokens[-1].idx + len(tokens[-1]) if tokens else None


def _same_cue(record: Found, ruled: list[Found]) -> Found | None:
    return next((r for r in ruled if overlaps(r.cue, record.cue)), None)


def _enrich(record: Found, rule: Found) -> None:
    """Act, polarity and recipient from the rule record that shares the cue."""
    record.act, record.polarity = rule.act, rule.polarity
    record.recipient = rule.recipient
    if record.source is None and rule.source and not _touches_content(rule.source, record):
        record.source = rule.source


def _touches_content(span: Offsets, record: Found) -> bool:
    return any(overlaps(span, piece) for piece in record.content)


def _keep_rule(doc: Doc, text: str, rule: Found, kept: list[Found]) -> bool:
    """A rule record the learned ones miss: new, speakerless, a denial/refusal/request, a relay."""
    if rule.cue is None:  # a quotation with no speaker
        return not any(_touches_content(q, f) for f in kept for q in rule.content)
    if any(overlaps(rule.cue, s) for f in kept for s in (f.cue, f.source)):
        return False
    if _own_words(doc, rule) and any(_holds_bare_cue(rule, f) for f in kept):
        return False
    clashing = [f for f in kept if any(_touches_content(c, f) for c in rule.content)]
    if not all(_nested(rule, f) for f in clashing):
        return False
    if rule.act in RULE_ACTS:
        return not clashing  # nested in learned content, none matched PolNeAR dev (14 records)
    outer_of = [f for f in clashing if _outer(rule, f)]
    if outer_of:
        return rule.act != "belief" and not any(_inside_content(rule.cue, f) for f in outer_of)
    if not clashing:
        return True  # an attribution the tagger missed altogether
    return _document(text, rule.source) or any(_relays(f) for f in clashing)


def _inside_content(span: Offsets, record: Found) -> bool:
    return any(inside(span, piece) for piece in record.content)


def _holds_bare_cue(rule: Found, record: Found) -> bool:
    """The rule's content holds another record's cue but none of its content ("Lovas said"
    taken as what "cannot comment" says): a content holds a nested attribution whole."""
    if record.cue is None or not _touches_content(record.cue, rule):
        return False
    return not any(_touches_content(piece, rule) for piece in record.content)


def _own_words(doc: Doc, rule: Found) -> bool:
    """A cue that relays no one else: no source or a pronoun ("Lovas said he cannot
    comment"), or a modal ("the museum would tell") that reports no statement made."""
    source = doc.char_span(*rule.source, alignment_mode="expand") if rule.source else None
    if source is None or all(t.pos_ == "PRON" for t in source):
        return True
    cue = doc.char_span(*rule.cue, alignment_mode="expand") if rule.cue else None
    return any(t.tag_ == "MD" for t in cue or [])


def _relays(record: Found) -> bool:
    """A learned record that relays what others said: "..., according to the network"."""
    return record.act == "report"


def _document(text: str, source: Offsets | None) -> bool:
    """A source named as a document ("a Pentagon news document"): the start of a relay chain."""
    words = text[source[0] : source[1]].lower().split() if source else []
    return bool(words) and words[-1].strip(".,;:'\"’”") in DOCUMENT_HEADS


def _outer(rule: Found, record: Found) -> bool:
    """The learned cue inside the rule's content: the rule record is the outer one of a relay."""
    return record.cue is not None and any(inside(record.cue, c) for c in rule.content)


def _nested(rule: Found, record: Found) -> bool:
    """The learned cue inside the rule's content, or the rule's cue and content inside one piece."""
    if record.cue is not None and any(inside(record.cue, c) for c in rule.content):
        return True  # "A document said X, CNN reported": the rule record is the outer one
    if rule.cue is None or rule.source is None:
        return False
    return any(
        inside(rule.cue, p) and overlaps(rule.source, p) and all(inside(c, p) for c in rule.content)
        for p in record.content
    )
