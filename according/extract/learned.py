"""The learned extractor: the shipped tagger marks cue, source and content tokens;
``link`` groups them into attributions."""

from __future__ import annotations

from spacy.tokens import Doc

from according.extract.found import Found
from according.extract.link import Tagged, link
from according.extract.registry import register
from according.learned import model as learned_model
from according.learned.features import quote_states


@register("learned")
def find(doc: Doc, model: learned_model.Tagging | None = None) -> list[Found]:
    """Attributions the tagger finds in ``doc`` (the shipped model unless ``model`` is given)."""
    model = model or learned_model.load()
    spans = [Tagged(role, start, end) for role, start, end in model.spans(doc)]
    return link(doc, spans, quote_states(doc))


@register("crf")
def find_crf(doc: Doc) -> list[Found]:
    """Attributions the CRF tagger (the transformer's predecessor) finds, for comparison."""
    return find(doc, learned_model.load(learned_model.CRF_NAME))
