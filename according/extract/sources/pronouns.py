"""Who each "he" and "she" of an article stands for, with gender as evidence.

The annotation lists a pronoun as a source's mention only when every occurrence of it
refers to that source, so each occurrence needs its own referent: the subject named
nearest before it, skipping people of the other gender (first names, "Mr."/"Ms.",
"spokeswoman", or a "he"/"she" already bound to them).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc
from spacy.tokens import Span as DocSpan

from according import lexicon
from according.extract.sources import names
from according.extract.text import ents_of, text_of

GENDER = {"he": "male", "she": "female"}
WINDOW = 2  # sentences before the pronoun's own that may hold its referent
SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def gender_of(tokens: list) -> str | None:
    """ "male", "female" or None from a name's first name and title words around it."""
    if not tokens:
        return None
    doc = tokens[0].doc
    before = [doc[i] for i in range(max(tokens[0].i - 2, 0), tokens[0].i)]
    words = {t.lower_ for t in [*before, *tokens]}
    found = set()
    if words & lexicon.words("gender", "female_words"):
        found.add("female")
    if words & lexicon.words("gender", "male_words"):
        found.add("male")
    first = next((t for t in tokens if t.pos_ == "PROPN" and t.text[:1].isupper()), None)
    if first is not None and first.lower_ in lexicon.words("gender", "female_first_names"):
        found.add("female")
    if first is not None and first.lower_ in lexicon.words("gender", "male_first_names"):
        found.add("male")
    return found.pop() if len(found) == 1 else None


def people(doc: Doc) -> list[DocSpan]:
    """PERSON entities that are not outlets ("Fox News Sunday") or institutions, and
    surnames of full names wherever spaCy tagged them otherwise ("Mekdad said"), in order."""
    institutions = [e.text for e in ents_of(doc) if e.label_ in ("ORG", "FAC")]
    found = [
        e
        for e in ents_of(doc)
        if e.label_ == "PERSON"
        and not names.is_outlet_name(list(e))
        and not any(i.startswith(e.text + " ") for i in institutions)
    ]
    surnames = {names.surname(e.text) for e in names.full_names(doc)}
    taken = {i for e in found for i in range(e.start, e.end)}  # whatever spaCy tagged it
    found += [
        doc[t.i : t.i + 1]
        for t in doc
        if t.pos_ == "PROPN" and t.lower_ in surnames and t.i not in taken
    ]
    return sorted(found, key=lambda e: e.start)


@lru_cache(maxsize=8)
def referents(doc: Doc, named: tuple[tuple[int, int], ...] = ()) -> dict[int, DocSpan | None]:
    """Token index of every "he"/"she" -> the person entity it stands for (None: no one
    named fits), read in order so that a bound pronoun gives its person a gender.
    ``named`` adds token spans of names the tagger missed ("West's sister, Tawanda Jones")."""
    candidates = people(doc)
    taken = {i for e in candidates for i in range(e.start, e.end)}
    extra = [doc[a:b] for a, b in named if not taken & set(range(a, b))]
    candidates = sorted(candidates + extra, key=lambda e: e.start)
    gender = {}
    for entity in candidates:
        key = names.surname(entity.text)
        gender[key] = gender.get(key) or gender_of(list(entity))
    found: dict[int, DocSpan | None] = {}
    for token in doc:
        want = GENDER.get(token.lower_)
        if want is None or token.pos_ != "PRON":
            continue
        quote = _quote_before(token)  # "...," he said: the speaker is named before it
        inside = _in_quote(token)
        anchor = doc[quote.start] if quote is not None else token
        sentence = anchor.sent
        first = sentence.start
        for _ in range(WINDOW):
            first = doc[first - 1].sent.start if first > 0 else first
        fitting = [
            e
            for e in candidates
            if first <= e.start
            and e.end <= token.i
            and (quote is None or not quote.start <= e.start < quote.end)
            and gender.get(names.surname(e.text)) in (None, want)
            and not (inside and _speaker(e))  # "he" in Rosenhaus's quote is not Rosenhaus
        ]
        chosen = _nearest(fitting, sentence.start)
        found[token.i] = chosen
        if chosen is not None:
            gender[names.surname(chosen.text)] = want
    return found


def salient_person(mention: DocSpan) -> DocSpan | None:
    """The person an epithet stands for ("the three-time Pro Bowler"): the subject named
    nearest before it in its sentence or the ``WINDOW`` before, else the nearest person."""
    doc = mention.doc
    first = mention.sent.start
    for _ in range(WINDOW):
        first = doc[first - 1].sent.start if first > 0 else first
    fitting = [e for e in people(doc) if first <= e.start and e.end <= mention.start]
    return _nearest(fitting, mention.sent.start)


def _nearest(fitting: list[DocSpan], sentence_start: int) -> DocSpan | None:
    """The last subject of the pronoun's own sentence, else its last person, else the
    same in the sentences before."""
    own = [e for e in fitting if e.start >= sentence_start]
    earlier = [e for e in fitting if e.start < sentence_start]
    for group in (own, earlier):
        subjects = [e for e in group if e.root.dep_ in SUBJECTS]
        if subjects or group:
            return (subjects or group)[-1]
    return None


def _quote_before(token) -> DocSpan | None:
    """The quotation that ends just before ``token`` ("...," he said), if any."""
    doc = token.doc
    end = token.i
    while end > 0 and doc[end - 1].is_punct and doc[end - 1].text not in ("”", '"'):
        end -= 1
    if end == 0 or doc[end - 1].text not in ("”", '"'):
        return None
    for i in range(end - 2, -1, -1):
        if doc[i].text in ("“", '"'):
            return doc[i:end]
        if doc[i].text == "”":
            return None
    return None


def _in_quote(token) -> bool:
    """Whether ``token`` stands inside a quotation of its paragraph."""
    text = text_of(token.doc)
    before = text[text.rfind("\n", 0, token.idx) + 1 : token.idx]
    return before.count('"') % 2 == 1 or before.rfind("“") > before.rfind("”")


def _speaker(entity: DocSpan) -> bool:
    """Whether ``entity`` is the subject of a reporting verb ("Rosenhaus told Schefter")."""
    root = entity.root
    verbs = lexicon.words("sources", "speaking_verbs")
    return root.dep_ in SUBJECTS and root.head.lemma_.lower() in verbs
