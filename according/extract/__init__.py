"""Extraction steps over the spaCy ``Doc``: one module per kind of extraction.

``assemble.build`` runs them in order and returns the plain ``Analysis``. The
span extractor is chosen by name from ``registry``, where each extractor
registers itself: ``hybrid`` (the learned tagger with the rules, the default),
``hybrid-crf`` (the same with the faster CRF tagger), ``learned`` or ``rules``
alone, or ``crf`` (the CRF tagger alone). The ``extractor`` setting picks it for
analyze, batch, add, compare and serve.
"""

from according.extract import hybrid, learned, rules  # noqa: F401 - they register themselves
from according.extract.registry import get as extractor
from according.extract.registry import names as extractor_names

__all__ = ["extractor", "extractor_names"]
