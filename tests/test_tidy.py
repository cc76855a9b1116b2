"""Source spans are tidied before sources are resolved: no source named "by ..." or "";
content spans get PolNeAR's edges."""

from __future__ import annotations

import pytest

from according.extract.found import Found
from according.extract.hybrid import _speakerless as hybrid_speakerless
from according.extract.link import Tagged, link
from according.extract.tidy import tidy_content, tidy_cues, tidy_sources
from according.nlp import load as according_nlp


def tidied(text: str, source: str) -> str | None:
    """The source text after tidying a record whose source span is ``source`` in ``text``."""
    start = text.index(source)
    doc = according_nlp()(text)
    [record] = tidy_sources(doc, [Found(cue=None, source=(start, start + len(source)))])
    return None if record.source is None else text[record.source[0] : record.source[1]]


@pytest.mark.parametrize(
    ("text", "source", "expected"),
    [
        (
            "The nominee has been endorsed by dozens of papers across the country.",
            "by dozens of papers",
            "dozens of papers",
        ),
        (
            "Schools protested the funding system, which advocates say hurts needy schools.",
            "which advocates",
            "advocates",
        ),
        ("It’s denouncing what it calls a smear campaign.", "It’s", "It"),
        (
            "He was sorry, Gingrich cynically said on Sunday.",
            "Gingrich cynically",
            "Gingrich",
        ),
        (
            "Forty percent are black, according to the Federal Bureau of Prisons.",
            "the",
            "the Federal Bureau of Prisons",
        ),
    ],
)
def test_words_a_source_cannot_start_or_end_with_are_trimmed(text, source, expected):
    assert tidied(text, source) == expected


def test_a_span_of_function_words_alone_is_no_source():
    text = "He rated contestants by their looks, according to show insiders."
    assert tidied(text, "according to") is None


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Sen. David Perdue (R-Ga.), a member of the panel, said the bill was dead.",
            "Sen. David Perdue (R-Ga.),",
        ),
        ("Trump's campaign said the poll was rigged.", "Trump's"),
        ("The senator, who spoke on Monday, said the bill was dead.", "who"),
        (
            "Retired Lt. Gen. Michael Flynn said the deal was weak.",
            "Retired Lt. Gen. Michael Flynn",
        ),
    ],
)
def test_punctuation_possessives_and_a_lone_relative_pronoun_stay(text, source):
    """PolNeAR's source spans keep an apposition's comma and a possessive; the resolver
    takes a relative pronoun's antecedent."""
    assert tidied(text, source) == source


def content_after(text: str, cue: str, pieces: list[str]) -> list[str]:
    """The content pieces' texts after tidying one record with ``cue`` and ``pieces``."""
    at = text.index(cue)
    spans = [(text.index(p), text.index(p) + len(p)) for p in pieces]
    [record] = tidy_content(according_nlp()(text), [Found((at, at + len(cue)), None, spans)])
    return [text[s:e] for s, e in record.content]


def test_a_quotation_is_taken_whole_and_no_piece_ends_in_a_comma():
    text = "“We will win this. Then we rebuild,” she said. He added that it was over, too."
    assert content_after(text, "said", ["“We will win this."]) == [
        "“We will win this. Then we rebuild,”"
    ]
    assert content_after(text, "added", ["that it was over,"]) == ["that it was over"]


def test_a_quotation_split_by_its_cue_is_one_content_in_two_pieces():
    text = "“It is hard,” said Ryan Ellis, an adviser. “The cuts hit the top.”\n\n“No.”"
    assert content_after(text, "said", ["“It is hard,”"]) == [
        "“It is hard,”",
        "“The cuts hit the top.”",
    ]


def test_the_next_quotation_is_not_taken_past_a_paragraph_or_another_cue():
    text = "“It is hard,” she said.\n\n“The cuts hit the top,” he said."
    assert content_after(text, "she said", ["“It is hard,”"]) == ["“It is hard,”"]
    text = "“It is hard,” she said, and he said: “The cuts hit the top.”"
    cue, other = text.index("she said"), text.index("he said:")
    first = Found((cue, cue + 8), None, [(0, text.index("”") + 1)])
    second = Found((other, other + 7), None, [])
    tidy_content(according_nlp()(text), [first, second])
    assert [text[s:e] for s, e in first.content] == ["“It is hard,”"]


def test_a_speakerless_quotation_after_the_cue_joins_the_quoted_content():
    """The rules report an unclaimed quotation without a speaker; PolNeAR's content of
    "“X,” she said. “Y.”" holds both quotations, so Y is hers, not a second record."""
    text = "“It is hard,” she said. “There seems to be no way out.”"
    cue, second = text.index("said"), text.index("“There")
    record = Found((cue, cue + 4), None, [(0, text.index("”") + 1)])
    orphan = Found(None, None, [(second, len(text))], kind="direct")
    kept = tidy_content(according_nlp()(text), [record, orphan])
    assert kept == [record]
    assert [text[s:e] for s, e in record.content] == [
        "“It is hard,”",
        "“There seems to be no way out.”",
    ]


def test_a_rule_cue_inside_its_own_quotation_is_a_quotation_without_speaker():
    text = "“I think we will win,” the senator said."
    think, quote = text.index("think"), (0, text.index("”") + 1)
    one = Found((think, think + 5), None, [quote], kind="direct")
    two = Found((think, think + 5), None, [quote], kind="direct")
    [record] = hybrid_speakerless([one, two])
    assert record.cue is None and record.source is None and record.content == [quote]


def test_an_unquoted_sentence_before_a_cue_is_not_its_content():
    """Nearness alone does not give a later sentence's cue an earlier plain sentence."""
    text = "The army decided not to act. Council officials recommended against a strike."
    doc = according_nlp()(text)
    first = doc[0].sent
    cue = next(t for t in doc if t.text == "recommended")
    spans = [
        Tagged("CONTENT", first.start, first.end - 1),  # "The army decided not to act"
        Tagged("SOURCE", cue.i - 2, cue.i),
        Tagged("CUE", cue.i, cue.i + 1),
        Tagged("CONTENT", cue.i + 1, len(doc) - 1),  # "against a strike"
    ]
    (found,) = link(doc, spans, [0] * len(doc))
    assert [text[s:e] for s, e in found.content] == ["against a strike"]
    quoted = "“The army will not act.” Council officials recommended against a strike."
    doc = according_nlp()(quoted)
    cue = next(t for t in doc if t.text == "recommended")
    spans[0] = Tagged("CONTENT", 0, next(t.i for t in doc if t.text == "”") + 1)
    spans[1:] = [
        Tagged("SOURCE", cue.i - 2, cue.i),
        Tagged("CUE", cue.i, cue.i + 1),
        Tagged("CONTENT", cue.i + 1, len(doc) - 1),
    ]
    (found,) = link(doc, spans, [0] * len(doc))
    assert len(found.content) == 2  # a quotation before its speaker may be the speaker's


def _tokens(doc, words: str) -> tuple[int, int]:
    span = doc.char_span(*_span(doc.text, words))
    return span.start, span.end


def test_a_cue_takes_content_in_its_own_paragraph_not_the_next_one():
    """ "P, X said.\nQ": Q, nearer to "said", is the next paragraph's; P is X's."""
    text = "The man is unlikely to be ill, the health department said.\nHe had been abroad."
    doc = according_nlp()(text)
    spans = [
        Tagged("CONTENT", *_tokens(doc, "is unlikely to be ill")),
        Tagged("SOURCE", *_tokens(doc, "the health department")),
        Tagged("CUE", *_tokens(doc, "said")),
        Tagged("CONTENT", *_tokens(doc, "He had been abroad")),
    ]
    (found,) = link(doc, spans, [0] * len(doc))
    assert [text[s:e] for s, e in found.content] == ["is unlikely to be ill"]


def test_a_headline_cue_does_not_take_the_leads_content():
    text = (
        "Rain is likely, forecast says\n\n"
        "There's a 90 percent chance of rain today, a new forecast reported Monday."
    )
    doc = according_nlp()(text)
    spans = [
        Tagged("CONTENT", *_tokens(doc, "Rain is likely")),
        Tagged("CUE", *_tokens(doc, "says")),
        Tagged("CONTENT", *_tokens(doc, "There's a 90 percent chance of rain today")),
        Tagged("CUE", *_tokens(doc, "reported")),
    ]
    headline, lead = link(doc, spans, [0] * len(doc))
    assert [text[s:e] for s, e in headline.content] == ["Rain is likely"]
    assert [text[s:e] for s, e in lead.content] == ["There's a 90 percent chance of rain today"]


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def test_a_refusal_with_no_source_span_takes_its_verbs_subject():
    text = "The firm, which runs two plants in India, did not respond to emails seeking comment."
    record = Found(
        cue=_span(text, "did not respond to"), source=None, content=[_span(text, "emails")]
    )
    [tidy] = tidy_sources(according_nlp()(text), [record])
    assert tidy.source is not None and text[tidy.source[0] : tidy.source[1]] == "The firm"


def test_a_statement_with_no_source_span_is_left_without_one():
    text = "The firm, which runs two plants in India, said profits rose."
    record = Found(cue=_span(text, "said"), source=None, content=[_span(text, "profits rose")])
    [tidy] = tidy_sources(according_nlp()(text), [record])
    assert tidy.source is None  # only a refusal is read from the parse here


@pytest.mark.parametrize(
    ("text", "cue", "piece", "expected"),
    [
        (
            "Prosecutors unsealed an indictment charging five men with fraud.",
            "unsealed",
            "an",
            "an indictment charging five men with fraud",
        ),
        (
            "Officials have dismissed a poll suggesting that the senator may lose, aides said.",
            "have dismissed",
            "a poll suggesting",
            "a poll suggesting that the senator may lose",
        ),
        (
            "The sentence could be cut if the council felt this would help calm the protests.",
            "felt",
            "this would",
            "this would help calm the protests",
        ),
        (
            "He voted against the Justice for Victims of Trafficking Act of 2015 last year.",
            "voted against",
            "the Justice for Victims of Trafficking Act of",
            "the Justice for Victims of Trafficking Act of 2015",
        ),
    ],
)
def test_a_piece_cut_inside_a_phrase_runs_to_the_phrase_end(text, cue, piece, expected):
    assert content_after(text, cue, [piece]) == [expected]


def test_a_whole_piece_is_not_run_on_past_a_noun_or_into_another_record():
    text = "The mayor said the city would cut taxes in the spring."
    assert content_after(text, "said", ["the city would cut taxes"]) == ["the city would cut taxes"]
    text = "Critics, the mayor said, are wrong about the plan."
    assert content_after(text, "said", ["Critics", "are wrong about the plan"]) == [
        "Critics",
        "are wrong about the plan",
    ]
    text = (
        "Prosecutors unsealed an indictment charging a spy ring amid reports that a swap is near."
    )
    cue, reports = text.index("unsealed"), text.index("reports")
    first = Found((cue, cue + 8), None, [(text.index("an "), text.index("an ") + 2)])
    second = Found((reports, reports + 7), None, [(text.index("that a"), len(text) - 1)])
    tidy_content(according_nlp()(text), [first, second])
    assert text[slice(*first.content[0])] in ("an indictment charging a spy ring", "an indictment")


def cues_after(text: str, cue: str, content: str) -> list[str]:
    """The cue texts left after tidying one record with ``cue`` and ``content``."""
    at, c = text.index(cue), text.index(content)
    found = [Found((at, at + len(cue)), None, [(c, c + len(content))])]
    return [text[slice(*f.cue)] for f in tidy_cues(according_nlp()(text), found)]


def test_a_cue_of_auxiliaries_runs_on_to_its_verb():
    text = "She’ll present an affirmative message in Florida."
    assert cues_after(text, "’ll", "an affirmative message") == ["’ll present"]
    text = "If internal polling can be believed, the race is close."
    assert cues_after(text, "can", "internal polling") == ["can be believed"]


def test_a_copula_alone_is_no_cue():
    text = "The measure is a bill about taxes."
    assert cues_after(text, "is", "a bill about taxes") == []
    text = "The senator said the measure was a bill about taxes."
    assert cues_after(text, "said", "the measure was a bill about taxes") == ["said"]


def test_a_cue_in_an_indirect_question_with_the_asking_clause_for_content_goes():
    text = "It was unclear from the report whether the other agencies agreed with the finding."
    cue, asking = text.index("agreed"), (0, text.index(" whether"))
    doc = according_nlp()(text)
    assert tidy_content(doc, [Found((cue, cue + 6), None, [asking])]) == []
    text = "The agencies agreed that the finding was sound."
    cue, content = text.index("agreed"), text.index("that the")
    record = Found((cue, cue + 6), None, [(content, len(text) - 1)])
    assert tidy_content(according_nlp()(text), [record]) == [record]
