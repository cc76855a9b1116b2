"""Source typing, descriptors and merging on hand-written sentences (spaCy parse only)."""

from __future__ import annotations

import re

import pytest

from according import analyze, nlp
from according.extract.sources import Resolver


def resolve(text: str, *mentions: str) -> tuple[Resolver, list]:
    """Resolve each mention (its first occurrence after the previous one) in order."""
    resolver = Resolver(nlp.load()(text))
    found, at = [], 0
    for mention in mentions:
        start = text.index(mention, at)
        found.append(resolver.resolve(start, start + len(mention)))
        at = start + 1
    resolver.complete()
    return resolver, found


# -- merging by the rules of English reference (issue 12, real_dev merges) ----------


def test_a_described_document_repeats_the_document_its_modifier_names():
    text = (
        "A newspaper reported his autopsy shows a neck injury. "
        "The autopsy report has not been made public, the lawyers said."
    )
    _, (autopsy, report) = resolve(text, "his autopsy", "The autopsy report")
    assert report is autopsy and autopsy.kind == "document"


def test_a_noun_modifier_the_earlier_document_lacks_makes_another_document():
    text = (
        "The agency said in its monthly forecast that rain is likely. "
        "The consensus forecast favours a dry spring, the agency said."
    )
    _, (monthly, consensus) = resolve(text, "its monthly forecast", "The consensus forecast")
    assert consensus is not monthly


def test_a_described_report_is_no_outlets_story():
    text = (
        "CNN said the office told the network that the full autopsy and toxicology report "
        "will not be released."
    )
    _, (cnn, report) = resolve(text, "CNN", "the full autopsy and toxicology report")
    assert report is not cnn


def test_the_report_just_named_beats_the_outlets_story():
    text = (
        "The death was a homicide, according to a copy of the report obtained by the "
        "newspaper. The report gives a better picture of the death, the newspaper said."
    )
    _, (report, paper, again) = resolve(
        text, "a copy of the report obtained by the newspaper", "the newspaper", "The report"
    )
    assert report.kind == "document" and again is report and paper is not report
    assert "the report" in [m.text for m in report.mentions]  # the whole, not the copy


def test_a_part_of_a_poll_speaks_for_the_poll():
    text = (
        "Rates will rise, according to a Reuters poll on Tuesday. "
        "The median consensus in the poll showed a quarter-point hike."
    )
    _, (poll, median) = resolve(text, "a Reuters poll", "The median consensus in the poll")
    assert median is poll


def test_an_outlets_possessive_names_the_outlet_a_lead_introduced():
    text = (
        "A newspaper reported the death was a homicide. The injury was likened to a fall, "
        "according to the Baltimore Sun’s account of the report."
    )
    resolver, _ = resolve(text, "A newspaper", "the Baltimore Sun’s")
    outlets = [s for s in resolver.sources if s.kind == "outlet"]
    assert len(outlets) == 1
    assert {"A newspaper", "the Baltimore Sun"} <= {m.text for m in outlets[0].mentions}


def test_the_authorities_repeat_a_group_of_that_head():
    text = (
        "Swedish authorities said the door failed. Officials from the maritime agency said "
        "the same. The authorities said they had not decided."
    )
    _, (swedish, _officials, again) = resolve(
        text, "Swedish authorities", "Officials from the maritime agency", "The authorities"
    )
    assert again is swedish


def test_the_agencies_are_no_one_institution():
    text = "The NSA had only moderate confidence. The issue was debated among the agencies."
    resolver, _ = resolve(text, "The NSA")
    start = text.index("the agencies")
    assert resolver.resolve(start, start + len("the agencies"), create=False) is None


def test_the_agency_is_not_an_unnamed_spokesperson():
    text = (
        "A White House spokesperson said it would not comment. "
        "Comey said the agency was looking into the links."
    )
    resolver, (voice,) = resolve(text, "A White House spokesperson")
    start = text.index("the agency")
    assert resolver.resolve(start, start + len("the agency"), create=False) is not voice


def test_a_group_counted_later_is_the_same_group():
    text = (
        "Current and former officials said the request was refused. Two current and two "
        "former officials told the newspaper it was inappropriate."
    )
    _, (group, counted) = resolve(
        text, "Current and former officials", "Two current and two former officials"
    )
    assert counted is group and group.count == 4


def test_a_standfirst_mention_is_the_bodys():
    text = (
        "Campaign dismisses new poll\n\n"
        "A senior Clinton campaign official says the poll is wrong\n\n"
        "A senior campaign official conceded there was a tightening, the newspaper said."
    )
    resolver, (top, body) = resolve(
        text, "A senior Clinton campaign official", "A senior campaign official"
    )
    assert resolver.final_id(body.id) == top.id


def test_an_epithet_is_the_person_named_before():
    text = (
        "Wide receiver Ja'Marr Chase said he was close to a deal. "
        "The three-time Pro Bowler said that he is willing to play."
    )
    _, (chase, epithet) = resolve(text, "Wide receiver Ja'Marr Chase", "The three-time Pro Bowler")
    assert epithet is chase and chase.kind == "person"


def test_she_stands_for_a_name_the_tagger_missed():
    text = (
        "West's sister, Tawanda Jones, said the family had not been told. "
        "“I'm just totally shocked,” she said."
    )
    resolver, (sister, _she) = resolve(text, "West's sister, Tawanda Jones", "she")
    assert "she" in [m.text for m in sister.mentions]


def test_an_unnamed_contractor_named_next_as_an_institution_is_that_institution():
    text = (
        "A western Ohio plumbing contractor that services the chain's stores said it was "
        "the victim of a cyberattack. Acme Mechanical Services Inc. issued the statement "
        "after bloggers named it."
    )
    resolver, (lead,) = resolve(text, "A western Ohio plumbing contractor")
    merged = next(s for s in resolver.sources if s.id == resolver.final_id(lead.id))
    assert merged.kind == "organization" and "Acme Mechanical Services" in merged.name


def test_a_thing_before_an_institution_is_not_that_institution():
    text = (
        "It is rare for a second sample to contradict the first. "
        "The International Olympic Committee would not confirm the test."
    )
    resolver, (sample,) = resolve(text, "a second sample")
    assert not [
        s for s in resolver.sources if s.kind == "organization" and sample.mentions[0] in s.mentions
    ]


def test_a_name_the_text_calls_a_company_is_an_organization():
    text = (
        "Colorado-based Maxar said hackers breached its network. "
        "He said he accessed files. Maxar said it took immediate action."
    )
    _, (maxar, again) = resolve(text, "Colorado-based Maxar", "Maxar")
    assert again is maxar and maxar.kind == "organization"
    assert "He" not in [m.text for m in maxar.mentions]


def test_a_possessed_role_is_the_person_named_with_it():
    text = (
        "“It's political,” Tim Stoesz, an attorney representing Pauley on the matter, said. "
        "Pauley's attorney said they did not have a relationship."
    )
    resolver, (stoesz, attorney) = resolve(text, "Tim Stoesz", "Pauley's attorney")
    assert resolver.final_id(attorney.id) == stoesz.id


def test_joined_documents_are_mentioned_by_the_first():
    text = (
        "The findings were accurate, according to an unclassified report and accompanying "
        "statement by the committee released Tuesday. The report also said the dispute "
        "was reasonable."
    )
    _, (report, again) = resolve(
        text, "an unclassified report and accompanying statement by the committee", "The report"
    )
    assert again is report
    assert report.mentions[0].text == "an unclassified report"


@pytest.mark.parametrize(
    "described",
    [
        "Acme, a consumer credit reporting agency,",
        "US space technology and satellite giant Acme",
        "The poll by pollsters Acme",
    ],
)
def test_an_institution_described_around_its_name_is_that_name(described):
    text = f"{described} has revealed that hackers breached its data. Acme said it was sorry."
    resolver = Resolver(nlp.load()(text))
    at = text.index("pollsters") if "pollsters" in text else 0
    first = resolver.resolve(at, len(described.rstrip(",")))
    at = text.rindex("Acme")
    assert resolver.resolve(at, at + 4) is first and first.kind == "organization"


def test_a_document_dated_as_one_named_before_is_that_one():
    text = (
        "The review covered a January 2017 intelligence community assessment. "
        "The NSA had moderate confidence, according to the January 2017 analysis."
    )
    resolver, (analysis,) = resolve(text, "the January 2017 analysis")
    assert analysis.kind == "document"
    assert "a January 2017 intelligence community assessment" in [m.text for m in analysis.mentions]


@pytest.mark.parametrize(
    ("named", "outlet"),
    [("the Sun Journal", "Sun Journal (Lewiston, Maine)"), ("ABCNEWS", "ABC News")],
)
def test_the_publisher_named_in_its_own_story_is_the_publisher(named, outlet):
    from according.analysis import Span
    from according.article import Article
    from according.extract.assemble import resolve_sources

    text = f"Two internal polls obtained by {named} show a dead heat, officials said."
    at = text.index(named)
    sources, publisher = resolve_sources(
        nlp.load()(text),
        [],
        Article(text=text, outlet=outlet),
        [Span.of(text, at, at + len(named))],
    )
    assert [s.kind for s in sources if s.kind in ("outlet", "publisher")] == ["publisher"]


def test_one_name_with_and_inside_is_not_split():
    text = "The National Oceanic and Atmospheric Administration expects 11 named storms."
    resolver, (noaa,) = resolve(text, "The National Oceanic and Atmospheric Administration")
    assert noaa.name == "National Oceanic and Atmospheric Administration"
    assert len(resolver.sources) == 1


def test_a_one_word_name_is_found_where_a_title_stands_before_it():
    text = (
        "Tensions rose after President Trump spoke on Tuesday. "
        "Trump warned that the attack would be answered."
    )
    resolver = Resolver(nlp.load()(text))
    at = text.rindex("Trump")
    trump = resolver.resolve(at, at + len("Trump"))
    resolver.complete()
    assert trump.role == "President"
    assert [m.start for m in trump.mentions][0] == text.index("Trump")


def test_a_document_compiled_by_a_named_body_is_mentioned_without_it():
    text = (
        "Chances are 58 percent, according to a report compiled by the Climate Prediction "
        "Center and the National Weather Service. The Climate Prediction Center said more."
    )
    resolver, (report, center) = resolve(
        text, "a report compiled by the Climate Prediction Center", "The Climate Prediction Center"
    )
    assert report.mentions[0].text == "a report"
    assert center is not report and center.kind == "organization"


def test_a_common_noun_nothing_types_is_no_source():
    text = "The election has energized the small opposition, officials said."
    resolver, (election,) = resolve(text, "The election")
    assert election not in resolver.sources
    assert resolver.final_id(election.id) is None


def test_a_mention_does_not_end_inside_a_compound_noun():
    text = "Half of the computer model forecasts show a storm forming by Friday."
    _, (forecasts,) = resolve(text, "Half of the computer model")
    assert forecasts.kind == "document"
    assert forecasts.mentions[0].text == "the computer model forecasts"


def test_the_maker_named_after_a_document_is_part_of_its_mention():
    text = (
        "A new assessment by the Pentagon's intelligence arm has concluded that the "
        "weapon is small."
    )
    _, (assessment,) = resolve(text, "the Pentagon's intelligence arm")
    assert assessment.kind == "document"
    assert assessment.mentions[0].text == "A new assessment by the Pentagon's intelligence arm"


def test_a_described_mention_takes_the_institution_apposed_after_it():
    text = (
        "There were 982 passengers on board, according to the ferry's operator, Estline, "
        "although the authorities put the number higher."
    )
    _, (operator,) = resolve(text, "the ferry's operator")
    assert operator.kind == "organization" and operator.name == "Estline"
    assert operator.role == "ferry operator"


def test_the_country_with_no_state_before_it_is_no_source():
    text = "The agency said the athlete was suspended. The country has pledged to reform."
    _, (_agency, country) = resolve(text, "The agency", "The country")
    assert country is None


def test_a_group_named_later_by_its_institution_is_the_group():
    text = (
        "Hurricane forecasters said a storm was likely. National Hurricane Center "
        "forecasters gave it a 70 percent chance."
    )
    _, (group, named) = resolve(
        text, "Hurricane forecasters", "National Hurricane Center forecasters"
    )
    assert named is group


def test_a_document_owned_by_the_issuer_of_an_earlier_one_is_that_one():
    text = (
        "The findings were accurate, according to an unclassified report by the Senate "
        "Select Committee on Intelligence. The disagreement was reasonable, the Senate "
        "intelligence committee's findings said."
    )
    resolver, (report, findings) = resolve(
        text,
        "an unclassified report by the Senate Select Committee on Intelligence",
        "the Senate intelligence committee's findings",
    )
    assert resolver.final_id(findings.id) == report.id


def test_an_abbreviation_is_found_where_the_text_spells_it_out():
    text = (
        "Russia’s anti-doping agency plans to suspend the skater, two sources said. "
        "The document was sent to the agency, RUSADA, earlier this year."
    )
    _, (rusada,) = resolve(text, "RUSADA")
    assert "Russia’s anti-doping agency" in [m.text for m in rusada.mentions]
    assert rusada.role is None


def test_title_splits_into_affiliation_role_and_rank():
    text = "Pentagon spokesman Army Maj. Rob Lodewick said the report was wrong."
    _, (source,) = resolve(text, "Pentagon spokesman Army Maj. Rob Lodewick")
    assert source.kind == "person"
    assert (source.role, source.rank, source.affiliation) == ("spokesman", "Army Maj.", "Pentagon")


def test_apposition_gives_role_and_affiliation():
    text = (
        "Gen. Qassem Soleimani, the commander of the Iranian Quds Force, said the strike "
        "would be answered."
    )
    _, (source,) = resolve(text, "Gen. Qassem Soleimani")
    assert source.role == "commander"
    assert "Quds Force" in source.affiliation


@pytest.mark.parametrize(
    ("sentence", "mention", "count", "basis"),
    [
        ("A third official said the talks had stalled.", "A third official", 1, None),
        ("Officials said the talks had stalled.", "Officials", None, None),
        (
            "Two people familiar with the matter said the talks had stalled.",
            "Two people familiar with the matter",
            2,
            "familiar with the matter",
        ),
        (
            "Two current and two former officials said the talks had stalled.",
            "Two current and two former officials",
            4,
            None,
        ),
    ],
)
def test_anonymous_groups_have_count_and_basis(sentence, mention, count, basis):
    _, (source,) = resolve(sentence, mention)
    assert source.kind == "anonymous"
    assert (source.count, source.basis) == (count, basis)


def test_unnamed_spokesperson_speaks_for_the_institution():
    text = "A White House spokesperson said the president would not comment."
    _, (source,) = resolve(text, "A White House spokesperson")
    assert source.kind == "organization"
    assert (source.role, source.affiliation) == ("spokesperson", "White House")


@pytest.mark.parametrize(
    ("sentence", "mention", "kind"),
    [
        ("The Kremlin denied the report on Monday.", "The Kremlin", "organization"),
        (
            "The Wall Street Journal reported the deal on Monday.",
            "The Wall Street Journal",
            "outlet",
        ),
        (
            "A poll by the Levada Center showed him ahead.",
            "A poll by the Levada Center",
            "document",
        ),
        ("FDA investigators found no problems at the plant.", "FDA investigators", "anonymous"),
    ],
)
def test_kinds(sentence, mention, kind):
    _, (source,) = resolve(sentence, mention)
    assert source.kind == kind


def test_surnames_documents_and_outlets_merge():
    text = (
        "Senator John Reilly said a memo was leaked. The Denver Post reported the memo. "
        "Mr. Reilly said the memo was old, the newspaper reported."
    )
    resolver, found = resolve(
        text,
        "Senator John Reilly",
        "a memo",
        "The Denver Post",
        "Mr. Reilly",
        "the memo",
        "the newspaper",
    )
    reilly, memo, post, mr_reilly, the_memo, newspaper = found
    assert mr_reilly is reilly and reilly.kind == "person"
    assert the_memo is memo and memo.kind == "document"
    assert newspaper is post and post.kind == "outlet"


def test_an_unnamed_lead_is_merged_into_the_name_that_follows():
    text = (
        "A federal judge refused to dismiss the case on Thursday. "
        "U.S. District Judge Lucy Koh said the company had not shown harm."
    )
    resolver, (lead, named) = resolve(text, "A federal judge", "U.S. District Judge Lucy Koh")
    judge = resolver.sources[0]
    assert len(resolver.sources) == 1 and judge.kind == "person"
    assert resolver.final_id(lead.id) == judge.id == named.id


def test_profile_parts_add_up(seed_analysis):
    p = seed_analysis.profile
    parts = p.persons + p.anonymous_sources + p.documents + p.organizations + p.cited_outlets
    assert parts + p.unknown_sources == p.sources
    assert 0.0 <= p.anonymous_share <= 1.0


def _texts(source) -> list[str]:
    return [m.text for m in source.mentions]


def _at(resolver: Resolver, text: str, word: str, nth: int = 0):
    """Resolve the ``nth`` occurrence of ``word`` as a whole word."""
    match = list(re.finditer(rf"\b{word}\b", text))[nth]
    return resolver.resolve(match.start(), match.end())


def test_he_and_she_go_to_the_person_of_their_gender():
    text = (
        "Mayor John Carter wrote to council member Susan Blake, in a letter in which he "
        "named the officials. Carter accused Blake of lying when she spoke to reporters."
    )
    resolver = Resolver(nlp.load()(text))
    carter, blake = _at(resolver, text, "John Carter"), _at(resolver, text, "Susan Blake")
    he, she = _at(resolver, text, "he"), _at(resolver, text, "she")
    resolver.complete()
    assert he is carter and "he" in _texts(carter)
    assert she is blake and "she" in _texts(blake)


def test_a_pronoun_used_for_someone_else_too_is_no_ones_mention():
    text = (
        "Robert Hale, a lawyer for the defendant, said he was contacted on Tuesday. "
        "Michael Stone, a neighbour, said he had seen nothing."
    )
    resolver = Resolver(nlp.load()(text))
    hale = _at(resolver, text, "Robert Hale")
    assert _at(resolver, text, "he") is hale  # the claim's speaker is still Hale
    resolver.complete()
    assert all("he" not in _texts(s) for s in resolver.sources)  # but "he" is Stone too


def test_after_a_quote_he_is_the_speaker_named_before_the_quote():
    text = 'Coach Peter Walsh praised the team. "Daniel Moss will start on Sunday," he said.'
    resolver = Resolver(nlp.load()(text))
    walsh = _at(resolver, text, "Coach Peter Walsh")
    assert _at(resolver, text, "he") is walsh


def test_descriptions_do_not_repeat_a_group_of_another_number_or_nationality():
    text = (
        "Swedish authorities said the door had failed. Diplomats said the vote would wait. "
        "The four council members said in a note that they would act, and the Estonian "
        "authorities put the number at 1,049."
    )
    resolver, (swedes, diplomats, four, estonians) = resolve(
        text,
        "Swedish authorities",
        "Diplomats",
        "The four council members",
        "the Estonian authorities",
    )
    assert four is not diplomats
    assert estonians is not swedes


def test_a_contrasted_description_names_another_document():
    text = (
        "A new poll found that 40 percent backed the plan. The last poll had found 35 "
        "percent, the pollster said."
    )
    _, (poll, last) = resolve(text, "A new poll", "The last poll")
    assert last is not poll


def test_an_abbreviation_of_word_starts_merges_with_the_full_name():
    text = (
        "Russia's anti-doping agency plans a suspension, sources said. "
        "RUSADA said the results were confidential."
    )
    _, (agency, short) = resolve(text, "Russia's anti-doping agency", "RUSADA")
    assert short is agency


def test_initials_and_bare_surnames_are_collected_everywhere():
    text = (
        "The U.S. Food and Drug Administration cited the plant, according to a letter. "
        "The FDA said inspectors found problems. Skater Maria Petrova did not comment. "
        "The sources said Petrova had tested positive."
    )
    _, (fda, skater) = resolve(
        text, "The U.S. Food and Drug Administration", "Skater Maria Petrova"
    )
    assert "FDA" in _texts(fda)
    assert "Petrova" in _texts(skater)


def test_a_relative_clause_is_no_part_of_the_mention():
    text = "A heating contractor that services Target stores said it was the victim of an attack."
    _, (contractor,) = resolve(text, "A heating contractor that services Target stores")
    assert _texts(contractor) == ["A heating contractor"]


def test_he_inside_a_quote_is_not_the_one_quoted():
    text = (
        '"I am sure Daniel Moss will start," Walsh told reporters. "I expect he will '
        'score twice," he said.'
    )
    resolver = Resolver(nlp.load()(text))
    moss, walsh = _at(resolver, text, "Daniel Moss"), _at(resolver, text, "Walsh")
    assert _at(resolver, text, "he") is moss
    assert _at(resolver, text, "he", nth=1) is walsh


@pytest.mark.parametrize(
    ("text", "mention", "affiliation"),
    [
        # a common noun opening a sentence or a lone adjective names no employer
        (
            "Study lead author Jane Roe of Acme University said the data held.",
            "Study lead author Jane Roe",
            "Acme University",
        ),
        (
            "Olympic figure skater Maria Petrova said she was innocent.",
            "Olympic figure skater Maria Petrova",
            None,
        ),
        ("Hurricane forecasters said the storm would weaken.", "Hurricane forecasters", None),
        ("League sources said the coach would retire.", "League sources", None),
        # a stock ticker is no part of a company's name
        (
            "Mark Hale, an analyst at JPMorgan (NYSE:JPM), said rates would rise.",
            "Mark Hale",
            "JPMorgan",
        ),
        # "the agency" is the public body named before it, "the company" the company
        (
            'The FDA fined Mylan on Monday. "That is untrue," said John Doe, the agency\'s '
            "deputy commissioner.",
            "John Doe",
            "FDA",
        ),
        (
            "The risk is low, the Ohio Health Department said. The patient had traveled, "
            "but department officials said the risk was low.",
            "department officials",
            "Ohio Health Department",
        ),
        ("The four council members said the vote was fair.", "The four council members", None),
        # "administration" is a government, not the last agency named ("the Pentagon")
        (
            "The Pentagon declined to comment. A current administration official told "
            "reporters that the strike was justified.",
            "A current administration official",
            None,
        ),
        (
            "The FDA fined Mylan on Monday. The company's spokesman, John Doe, said it would "
            "appeal.",
            "John Doe",
            "Mylan",
        ),
    ],
)
def test_affiliation_names_an_institution(text, mention, affiliation):
    _, (source,) = resolve(text, mention)
    assert source.affiliation == affiliation


def test_a_title_opened_by_assistant_is_one_role():
    text = "Assistant U.S. Attorney Jane Roe said the case was closed."
    _, (source,) = resolve(text, "Assistant U.S. Attorney Jane Roe")
    assert source.role == "Assistant U.S. Attorney"
    assert source.affiliation == "U.S. Attorney's Office"  # the title's office, not "U.S."


def test_role_before_a_comma_and_a_name_however_parsed():
    text = (
        "The hearing was held with Defense Secretary Chuck Hagel and the chairman of the "
        "Joint Chiefs of Staff, Gen. Martin E. Dempsey. Dempsey declined to comment."
    )
    _, (source,) = resolve(text, "Gen. Martin E. Dempsey")
    assert source.role == "chairman"


def test_party_and_state_tag_is_skipped_for_the_apposition_after_it():
    text = "Sen. Orrin Hatch, R-Utah, ranking member of the Senate Judiciary Committee, said so."
    _, (source,) = resolve(text, "Sen. Orrin Hatch")
    assert source.role == "ranking member"


def test_the_city_of_a_datelined_story_is_the_dateline_city():
    text = (
        "CARMEL, Ind. — The race is close. It centers on emails between the mayor and "
        "the city’s clerk treasurer, Christine Pauley."
    )
    _, (source,) = resolve(text, "Christine Pauley")
    assert (source.role, source.affiliation) == ("clerk treasurer", "Carmel")


def test_a_mayor_without_a_city_holds_office_in_the_dateline_city():
    text = "CARMEL, Ind. — The race is close. Mayor Jim Brainard said he would win."
    _, (source,) = resolve(text, "Mayor Jim Brainard")
    assert source.affiliation == "Carmel"
    _, (other,) = resolve(
        "The race is close. Mayor Jim Brainard said he would win.", "Mayor Jim Brainard"
    )
    assert other.affiliation is None


def test_documents_and_offices_take_their_issuer_or_parent():
    text = "The FDA inspected the plant. It failed, according to a letter released by the agency."
    _, (letter,) = resolve(text, "a letter released by the agency")
    assert (letter.kind, letter.affiliation) == ("document", "FDA")
    text = "The risk is low, according to a report commissioned by WADA."
    _, (report,) = resolve(text, "a report commissioned by WADA")
    assert report.affiliation is None  # who commissioned a report did not issue it
    text = "NASA's Near Earth Object Program Office said the risk was low."
    _, (office,) = resolve(text, "NASA's Near Earth Object Program Office")
    assert office.affiliation == "NASA"


def test_a_name_closing_a_long_title_is_the_person():
    text = (
        "California Department of Public Health State Epidemiologist Dr. Gil Chavez said the "
        "risk is low."
    )
    _, (source,) = resolve(
        text, "California Department of Public Health State Epidemiologist Dr. Gil Chavez"
    )
    assert source.kind == "person"
    assert source.role == "Epidemiologist"


def test_an_office_of_a_named_institution_in_an_apposition():
    text = (
        "Don Yeomans, manager of NASA's Near-Earth Object Program Office at the Jet "
        "Propulsion Laboratory, said the risk was low."
    )
    _, (source,) = resolve(text, "Don Yeomans")
    assert source.affiliation == "NASA"
    assert source.role == "manager of NASA's Near-Earth Object Program Office"
    text = "Jane Roe, the head of Poland's central bank, said rates would stay."
    _, (source,) = resolve(text, "Jane Roe")
    assert (source.role, source.affiliation) == ("head", "Poland's central bank")


def test_a_hyphenated_role_split_by_the_parse_is_kept_whole():
    text = "“The signal is clear,” said Mark Hale, a study co-author, referring to the data."
    _, (source,) = resolve(text, "Mark Hale")
    assert source.role == "study co-author"


# -- descriptors stated elsewhere in the article (sources/context.py) -------------------


def test_a_basis_stated_in_a_later_clause_on_the_source():
    text = (
        "An anonymous police official said the tests showed an overdose. The official who "
        "shared the results was close to the inquiry but was not allowed to speak."
    )
    _, (source, again) = resolve(text, "An anonymous police official", "The official")
    assert again is source
    assert source.basis == "close to the inquiry"


def test_a_document_is_issued_by_who_speaks_in_it():
    text = (
        "Regulators cited Halvor Foods for violations. In an email to Reuters, the company "
        "said it was cooperating."
    )
    _, (company, email, _) = resolve(text, "Halvor Foods", "an email", "the company")
    assert (email.kind, email.affiliation) == ("document", company.name)


def test_a_document_is_issued_by_its_possessor_or_a_named_author():
    text = (
        "The Lakeside County Coroner's Office ruled the death an accident. The coroner's "
        "office's statement said no one else was involved."
    )
    _, (_, statement) = resolve(
        text, "The Lakeside County Coroner's Office", "The coroner's office's statement"
    )
    assert statement.affiliation == "Lakeside County Coroner's Office"
    text = (
        "A new review found the program had failed. The review by the Government "
        "Accountability Office said costs had doubled."
    )
    _, (review, again) = resolve(
        text, "A new review", "The review by the Government Accountability Office"
    )
    assert again is review
    assert review.affiliation == "Government Accountability Office"
    text = (
        "The plan failed, according to a draft audit and accompanying letter by the Harbor "
        "Oversight Board released Tuesday."
    )
    _, (audit,) = resolve(text, "a draft audit")
    assert audit.affiliation == "Harbor Oversight Board"  # "by" on the joined document
    text = "A new poll by the Marist Institute showed the race tied."
    _, (poll,) = resolve(text, "A new poll by the Marist Institute")
    assert poll.affiliation is None  # a poll's pollster is not its issuer (annotation rule)


def test_a_coach_and_the_franchise_belong_to_the_one_team_the_story_names():
    text = (
        "Portland Hawks coach Dan Reyes said the deal was close. The franchise later said "
        "talks went on, and assistant coach Mark Ortiz said the player would be ready."
    )
    _, (head_coach, franchise, assistant) = resolve(
        text, "Portland Hawks coach Dan Reyes", "The franchise", "assistant coach Mark Ortiz"
    )
    assert head_coach.affiliation == "Portland Hawks"
    assert (franchise.affiliation, assistant.affiliation) == ("Portland Hawks", "Portland Hawks")


def test_a_group_named_by_a_kind_of_institution_takes_the_one_the_story_names():
    text = (
        "A man was taken to Riverside General Hospital on Monday. On Tuesday, hospital "
        "representatives said he was stable."
    )
    _, (group,) = resolve(text, "hospital representatives")
    assert group.affiliation == "Riverside General Hospital"
    text = "The NHL fined the player. Citing league sources, the paper said he would appeal."
    _, (group,) = resolve(text, "league sources")
    assert group.affiliation == "NHL"


def test_a_group_written_later_with_its_institution():
    text = (
        "The system could strengthen, weather forecasters said. Later, Caribbean Weather "
        "Center forecasters gave it a 60 percent chance of forming."
    )
    _, (group,) = resolve(text, "weather forecasters")
    assert group.affiliation == "Caribbean Weather Center"


def test_a_sector_is_no_employer_and_a_candidate_speaks_through_his_campaign():
    text = "Some Wall Street analysts said the stock would rise."
    _, (group,) = resolve(text, "Some Wall Street analysts")
    assert group.affiliation is None
    text = "Internet Archive officials said the site was back."
    _, (group,) = resolve(text, "Internet Archive officials")
    assert group.affiliation == "Internet Archive"  # a name, not the sector
    text = (
        "Rep. Tom Kessler leads the race. Kessler's campaign declined to comment. Kessler "
        "consultant Brent Ames said the polls were fake."
    )
    _, (consultant,) = resolve(text, "Kessler consultant Brent Ames")
    assert consultant.affiliation == "Kessler campaign"


def test_affiliations_from_the_words_around_a_role():
    text = "Jane Roe, president of the ferry's operator, Harbor Lines Inc., said the crew was safe."
    _, (source,) = resolve(text, "Jane Roe")
    assert (source.role, source.affiliation) == ("president", "Harbor Lines Inc.")
    text = "U.S. District Judge Ann Park ruled that the case can proceed."
    _, (judge,) = resolve(text, "U.S. District Judge Ann Park")
    assert judge.affiliation == "U.S. District Court"


def test_a_described_body_is_the_one_the_article_names():
    text = (
        "Oregon Department of Public Health Director Dr. Ann Cole said the risk is low. The "
        "state health department's head of infection control, Dr. Sam Lee, said the virus "
        "is not airborne."
    )
    _, (source,) = resolve(text, "Dr. Sam Lee")
    assert source.affiliation.startswith("Oregon Department of Public Health")


def test_rate_setters_belong_to_the_story_s_central_bank():
    text = (
        "Hungary's central bank is likely to cut rates, a poll showed. In March, rate-setter "
        "Peter Kovacs said there was no reason to wait."
    )
    _, (source,) = resolve(text, "rate-setter Peter Kovacs")
    assert source.affiliation == "Hungary's central bank"


def test_an_autopsy_is_the_medical_examiner_s():
    text = (
        "The Cook County Medical Examiner's Office ruled the death a homicide. His autopsy "
        "showed a head injury."
    )
    _, (autopsy,) = resolve(text, "His autopsy")
    assert (autopsy.kind, autopsy.affiliation) == (
        "document",
        "Cook County Medical Examiner's Office",
    )


def test_a_role_noun_before_institutions_names_what_each_is():
    text = "The exit polls by pollsters ORB and TNS, which are both respected, put the mayor ahead."
    _, (first, second) = resolve(text, "ORB", "TNS")
    assert (first.role, second.role) == ("pollster", "pollster")
    _, (company,) = resolve("Drug developer Halvor Inc. said sales rose.", "Halvor Inc.")
    assert company.role is None  # a description, not a listed role


def test_role_and_employer_said_of_a_later_mention():
    text = (
        "Maria Lopez said the dam was safe. Repairs will start soon, said Lopez, a deputy "
        "director of the Ohio Water Board."
    )
    _, (source, again) = resolve(text, "Maria Lopez", "Lopez")
    assert again is source
    assert (source.role, source.affiliation) == ("deputy director", "Ohio Water Board")
    text = "Dan Reyes, who works for Halvor Foods, said the plant was clean."
    _, (source,) = resolve(text, "Dan Reyes")
    assert source.affiliation == "Halvor Foods"
    text = "Ann Cole, who is the chief economist at Brightline Bank, said rates would rise."
    _, (source,) = resolve(text, "Ann Cole")
    assert (source.role, source.affiliation) == ("chief economist", "Brightline Bank")


def test_local_police_of_a_datelined_story_are_the_city_s():
    text = "SPRINGFIELD, Ill. — Police said the man was arrested after a chase."
    _, (source,) = resolve(text, "Police")
    assert (source.kind, source.affiliation) == ("organization", "Springfield police")
    _, (source,) = resolve("Police said the man was arrested after a chase.", "Police")
    assert source.affiliation is None


def test_kin_of_a_named_person():
    text = (
        "Marcus Hale died in custody in July. Hale's sister, Dana Moore, said the family "
        "had not been told."
    )
    _, (source,) = resolve(text, "Hale's sister, Dana Moore")
    assert source.role == "sister of Marcus Hale"


def test_a_described_author_is_part_of_the_speaking_document():
    text = (
        "A new audit by the city's finance office has concluded the fund ran dry. The audit "
        "by the Springfield Finance Office was sent to the council."
    )
    _, (source, again) = resolve(
        text, "the city's finance office", "The audit by the Springfield Finance Office"
    )
    assert again is source
    assert source.kind == "document"
    assert source.mentions[0].text == "A new audit by the city's finance office"
    assert source.affiliation == "Springfield Finance Office"


def test_a_headline_in_title_case_is_not_the_full_name_of_an_institution_it_begins_with():
    # spaCy tags the whole title-case headline as one ORG beginning with "Boeing"
    text = (
        "Boeing Wins Huge Air Force Contract\n\n"
        "The Air Force said Monday that Boeing had won the contract. Boeing said it was pleased."
    )
    names = {s.name for s in analyze(text).sources}
    assert "Boeing" in names and not any("Wins" in n for n in names)


def test_a_mention_does_not_grow_into_a_verb_of_saying_misparsed_as_a_noun():
    """ "U.S. intelligence reports that ...": "reports" is the cue, not a document."""
    text = "U.S. intelligence reports that the Iranian government has offered bounties to fighters."
    source = Resolver(nlp.load()(text)).resolve(0, len("U.S. intelligence"))
    assert (source.name, source.kind) == ("U.S. intelligence", "organization")
