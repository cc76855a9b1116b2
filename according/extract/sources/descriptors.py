"""A named person's descriptors (role, rank, affiliation) put together from title words and the
phrase around the name, and descriptor fields filled into a Source that lacks them.
"""

from __future__ import annotations

from spacy.tokens import Span as DocSpan

from according import lexicon
from according.analysis import Source
from according.extract.sources.institutions import dateline_city, without_ticker
from according.extract.sources.role_phrases import apposition, named_after_role
from according.extract.sources.titles import premodifiers, split_title, titles_inside


def person_details(name: DocSpan) -> dict:
    """Role, rank and affiliation of a named person: title words, then apposition.

    A rank alone ("Gen.") gives the role only when nothing else does: "Gen. Qassem
    Soleimani, the commander of the Quds Force" is a commander.
    """
    inside = titles_inside(name)  # "Mayor Jim Brainard" tagged whole
    details = split_title(premodifiers(name) + inside)
    if details.get("affiliation"):  # a person's "US" is the United States
        countries = lexicon.load("sources")["country_names"]
        details["affiliation"] = countries.get(details["affiliation"], details["affiliation"])
    rank_role = details.pop("rank_role", None)
    details.update({k: v for k, v in apposition(name).items() if k not in details})
    details.update({k: v for k, v in named_after_role(name).items() if k not in details})
    if "role" not in details and rank_role:
        details["role"] = rank_role
    if details.get("affiliation"):
        details["affiliation"] = without_ticker(details["affiliation"])
    if "affiliation" not in details and (details.get("role") or "").lower() in _city_roles():
        city = dateline_city(name.doc.text)  # "ALBANY, N.Y. — ... Mayor Kathy Sheehan"
        if city:
            details["affiliation"] = city
    return details


def _city_roles() -> frozenset[str]:
    return lexicon.words("sources", "city_roles")


def fill(source: Source, details: dict) -> None:
    """Set descriptor fields the source does not have yet."""
    for name, value in details.items():
        if value is not None and getattr(source, name, None) is None:
            setattr(source, name, value)
