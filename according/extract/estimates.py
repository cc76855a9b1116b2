"""Stated odds as an attribution: "forecasters gave both storms a 70 percent chance of
forming", "the center put those chances at 50 percent".

The subject of a verb of estimating (``lexicons/certainty.json``, ``odds_verbs``) whose
object is a chance gives the odds; the rest of the clause is the content, so
``certainty`` places the stated number on the scale.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from according import lexicon
from according.extract.found import Found, Offsets


def find(doc: Doc, found: list[Found]) -> list[Found]:
    """Records for "X gave Y a N percent chance" / "X put the odds at N" not yet found."""
    verbs = lexicon.words("certainty", "odds_verbs")
    nouns = lexicon.words("certainty", "chance_nouns")
    records = []
    for verb in doc:
        if verb.lemma_.lower() not in verbs or verb.pos_ != "VERB":
            continue
        objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
        if not any(o.lemma_.lower() in nouns for o in objects):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        content = _after(verb)
        if subject is None or content is None:
            continue
        cue = (verb.idx, verb.idx + len(verb))
        if any(_overlaps(cue, f.cue) for f in found):
            continue
        source = (subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge))
        records.append(Found(cue=cue, source=source, content=[content], act="statement"))
    return records


def _after(verb: Token) -> Offsets | None:
    """The verb's dependents after it: "both storms a 70 percent chance of forming"."""
    tokens = [t for t in verb.subtree if t.i > verb.i and not t.is_punct]
    if not tokens:
        return None
    last = tokens[-1]
    return (tokens[0].idx, last.idx + len(last))


def _overlaps(a: Offsets, b: Offsets | None) -> bool:
    return b is not None and a[0] < b[1] and b[0] < a[1]
