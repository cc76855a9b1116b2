"""Sources: mentions merged across the article (``resolver``, with ``antecedents``,
``proper_names``, ``occurrences``, ``merges``, ``pronoun_mentions``), typed (``kinds``), with
role, rank, affiliation, count and basis (``descriptors``) and names matched (``names``).
"""

from according.extract.sources.resolver import Resolver

__all__ = ["Resolver"]
