"""Extraction steps over the spaCy ``Doc``: one module per kind of extraction.

``assemble.build`` runs them in order and returns the plain ``Analysis``. The
span extractor is chosen by name: ``hybrid`` (the learned tagger with the
rules, the default), ``learned`` or ``rules`` alone, or ``crf`` (the earlier
CRF tagger alone), for comparison.
"""

EXTRACTOR_NAMES = ("hybrid", "learned", "rules", "crf")
DEFAULT_EXTRACTOR = "hybrid"
