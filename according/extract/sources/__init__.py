"""Sources: mentions merged across the article (``resolver``), typed (``kinds``), with
role, rank, affiliation, count and basis (``descriptors``) and names matched (``names``).
"""

from according.extract.sources.resolver import Resolver

__all__ = ["Resolver"]
