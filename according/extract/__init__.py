"""Extraction steps over the spaCy ``Doc``: one module per kind of extraction.

``assemble.build`` runs them in order and returns the plain ``Analysis``. The
span extractor is chosen by name: ``hybrid`` (the learned tagger with the
rules, the default), ``hybrid-crf`` (the same with the faster CRF tagger),
``learned`` or ``rules`` alone, or ``crf`` (the CRF tagger alone). The
``extractor`` setting picks it for analyze, batch, add and serve.
"""

EXTRACTOR_NAMES = ("hybrid", "hybrid-crf", "learned", "rules", "crf")
DEFAULT_EXTRACTOR = "hybrid"
