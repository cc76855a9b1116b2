"""Sources: mentions merged across the article (``resolver``, with ``antecedents``,
``proper_names``, ``occurrences``, ``merges``, ``pronoun_mentions``), typed (``kinds``), with
role, rank and affiliation (``descriptors`` from ``titles``, ``role_phrases``, ``institutions``),
a group's count and basis (``anonymous_groups``) and names matched (``names``).
"""

from according.extract.sources.resolver import Resolver

__all__ = ["Resolver"]
