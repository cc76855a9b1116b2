"""Per-token CRF features: the word, its parse, quotation state and its path to a cue-like word.

A token's strongest clue is how it hangs from the nearest word that often
introduces attributions (``said``, ``according``): as its subject (source),
inside its clausal complement (content), or the word itself (cue). How often
each lemma was part of a gold cue comes from the training data (the *cue
lexicon*, shipped beside the model).
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc, Token

OPENING = {"“", "``", "«"}
CLOSING = {"”", "''", "»"}
STRAIGHT = {'"'}
CUE_LIKE = 0.08  # lexicon score from which a word counts as cue-like for path features
MAX_HOPS = 8


def cue_bucket(score: float) -> str:
    """A coarse band for a lexicon score, so the CRF sees few distinct values."""
    for bound in (0.6, 0.3, 0.1, 0.03, 0.005):
        if score >= bound:
            return str(bound)
    return "0"


def quote_states(doc: Doc) -> list[int]:
    """1 for tokens inside double quotation marks (marks included), else 0; resets per paragraph."""
    states, inside = [], False
    for token in doc:
        text = token.text
        if "\n" in text:
            inside = False
            states.append(0)
            continue
        if text in OPENING or (text in STRAIGHT and not inside):
            inside = True
            states.append(1)
        elif text in CLOSING or text in STRAIGHT:
            states.append(1)
            inside = False
        else:
            states.append(1 if inside else 0)
    return states


def _governor(token: Token, lexicon: Mapping[str, float]) -> tuple[Token | None, str]:
    """The nearest ancestor that is cue-like, and the relation of the path's top child to it."""
    child = token
    for _ in range(MAX_HOPS):
        head = child.head
        if head.i == child.i:
            return None, "root"
        if lexicon.get(head.lemma_.lower(), 0.0) >= CUE_LIKE:
            return head, child.dep_
        child = head
    return None, "far"


def _word(token: Token, lexicon: Mapping[str, float]) -> dict[str, object]:
    lower = token.lower_
    return {
        "w": lower,
        "lem": token.lemma_.lower(),
        "tag": token.tag_,
        "dep": token.dep_,
        "shape": token.shape_[:4],
        "suf": lower[-3:],
        "cue": cue_bucket(lexicon.get(token.lemma_.lower(), 0.0)),
        "ent": token.ent_type_ or "-",
    }


def _mark(text: str, quotes: list[int], i: int) -> str:
    """Whether a token is a quotation mark that opens or closes a quotation, or neither."""
    if text in OPENING or text in CLOSING or text in STRAIGHT:
        opens = quotes[i] and (i + 1 < len(quotes) and quotes[i + 1])
        return "open" if opens and text not in CLOSING else "close"
    return "-"


def token_features(doc: Doc, lexicon: Mapping[str, float]) -> list[dict[str, object]]:
    """One feature dict per token of ``doc`` (python-crfsuite's item format)."""
    words = [_word(t, lexicon) for t in doc]
    quotes = quote_states(doc)
    govs = [_governor(t, lexicon) for t in doc]
    rows = []
    for token in doc:
        i = token.i
        gov, rel = govs[i]
        head = token.head
        row: dict[str, object] = {"bias": 1.0, "q": quotes[i]}
        row.update(words[i])
        row["hdep"] = f"{token.dep_}>{head.lemma_.lower() if head.dep_ != 'ROOT' else 'ROOT'}"
        row["htag"] = f"{token.dep_}>{head.tag_}"
        row["hcue"] = cue_bucket(lexicon.get(head.lemma_.lower(), 0.0))
        row["sstart"] = bool(token.is_sent_start)
        row["send"] = bool(token.is_sent_end)
        row["para"] = i > 0 and "\n" in doc[i - 1].text
        row["mark"] = _mark(token.text, quotes, i)
        if gov is not None:
            side = "L" if i < gov.i else "R"
            row["grel"] = rel
            row["grel_side"] = f"{rel}{side}"
            row["glem"] = gov.lemma_.lower()
            row["gcue"] = cue_bucket(lexicon.get(gov.lemma_.lower(), 0.0))
            row["gdist"] = str(min(abs(i - gov.i), 20) // 5)
        else:
            row["grel"] = rel
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < len(doc):
                w = words[j]
                row[f"{offset}w"] = w["w"]
                row[f"{offset}tag"] = w["tag"]
                row[f"{offset}cue"] = w["cue"]
                row[f"{offset}q"] = quotes[j]
            else:
                row[f"{offset}w"] = "<edge>"
        for offset in (-1, 1):
            j = i + offset
            if 0 <= j < len(doc):
                row[f"{offset}grel"] = govs[j][1]
        rows.append(row)
    return rows
