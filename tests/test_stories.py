"""Story clusters and origin tracing on the fixture story (``according add / stories / trace``).

The fixtures: an original report, a close copy, a machine-style rewording, an
independent rewrite of the same event by another outlet (with a source no one
else has: a State Department spokesperson) and an unrelated article on the same
topic (US-Taliban talks).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from cli import according_cli

import according
from according.analysis import Analysis
from according.article import Article
from according.stories.store import Store
from according.stories.trace import trace_story

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "stories"
CLUSTER = ("original", "copy", "reworded", "independent")
ALL = (*CLUSTER, "unrelated")
# outlets and publication dates for the CLI run: the original is published first
META = {
    "original": ("The Hill", "2020-06-10"),
    "copy": ("Copy Daily", "2020-06-11"),
    "reworded": ("Spin Mill", "2020-06-12"),
    "independent": ("Meridian Wire", "2020-06-11"),
    "unrelated": ("Meridian Wire", "2020-02-29"),
}


def _text(name: str) -> str:
    return (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def analyses() -> dict[str, Analysis]:
    """Each fixture analysed once, with its outlet and date."""
    return {
        name: according.analyze(
            Article(
                text=_text(name), id=f"{name}.txt", outlet=META[name][0], published=META[name][1]
            )
        )
        for name in ALL
    }


def _store(path: Path, analyses: dict[str, Analysis], order) -> dict[str, int]:
    """Add the named analyses in order; name -> story id."""
    with Store(path) as store:
        return {name: store.add(analyses[name]).story_id for name in order}


@pytest.mark.parametrize(
    "order",
    [ALL, tuple(reversed(ALL)), ("independent", "unrelated", "reworded", "original", "copy")],
    ids=["original-first", "reversed", "independent-first"],
)
def test_the_cluster_is_one_story_and_the_unrelated_article_another(tmp_path, analyses, order):
    story = _store(tmp_path / "s.db", analyses, order)
    assert len({story[name] for name in CLUSTER}) == 1
    assert story["unrelated"] != story["original"]


def test_how_each_article_joined(tmp_path, analyses):
    with Store(tmp_path / "s.db") as store:
        added = {name: store.add(analyses[name]) for name in ALL}
    assert added["original"].new_story and added["unrelated"].new_story
    ids = {name: a.article_id for name, a in added.items()}
    assert added["copy"].joined_via == "near-duplicate"
    assert added["copy"].nearest == ids["original"]
    assert added["copy"].score > added["reworded"].score  # a close copy is closer than a rewording
    assert added["reworded"].joined_via == "near-duplicate"
    # the independent rewrite shares almost no wording: it joins by its opening's embedding
    assert added["independent"].joined_via == "embedding"
    assert added["independent"].score >= 0.78


def test_adding_articles_moves_earlier_ones_only_by_a_recorded_merge(tmp_path, analyses):
    seen: dict[int, int] = {}
    with Store(tmp_path / "s.db") as store:
        for name in ("unrelated", *CLUSTER):
            added = store.add(analyses[name])
            now = {a.id: a.story_id for a in store.articles()}
            merged = set(added.merged)
            for article_id, story_id in seen.items():
                expected = added.story_id if story_id in merged else story_id
                assert now[article_id] == expected
            seen = now
        recorded = store.merges()
    assert all(m["via"] in ("embedding", "near-duplicate") for m in recorded)


def test_a_bridging_article_merges_two_stories_and_the_merge_is_recorded(tmp_path, analyses):
    path = tmp_path / "s.db"
    # two halves of one report, too different to join each other: each its own story
    first, second = _text("independent").split("\n\n", 1)
    with Store(path) as store:
        a = store.add(Analysis(Article(text=_text("original"), id="o", lang="en")))
        b = store.add(Analysis(Article(text=_text("unrelated"), id="u", lang="en")))
        assert a.story_id != b.story_id
        both = _text("original") + "\n\n" + _text("unrelated")
        added = store.add(Analysis(Article(text=both, id="both.txt", lang="en")))
        merges = store.merges()
        stories = {x.story_id for x in store.articles()}
    # the joined text is like both: it joins one and may merge the other, on the record
    assert added.story_id in (a.story_id, b.story_id)
    if added.merged:
        assert stories == {added.story_id}
        assert merges[0]["article_id"] == added.article_id
        assert merges[0]["merged"] in (a.story_id, b.story_id)
    else:
        assert stories == {a.story_id, b.story_id} and merges == []


def test_a_story_a_week_later_is_another_story(tmp_path, analyses):
    import dataclasses

    late = dataclasses.replace(
        analyses["independent"],
        article=dataclasses.replace(analyses["independent"].article, published="2020-07-01"),
    )
    with Store(tmp_path / "s.db") as store:
        first = store.add(analyses["original"])
        later = store.add(late)
    assert later.story_id != first.story_id


ABE_EN = (
    "Shinzo Abe, Japan's former prime minister, was shot in Nara on Friday while "
    "giving a campaign speech, and died hours later in hospital, officials said. "
    "Police arrested Tetsuya Yamagami, 41, at the scene. Abe was 67."
)
ABE_DE = (
    "Der ehemalige japanische Ministerpr\u00e4sident Shinzo Abe ist am Freitag in Nara "
    "bei einer Wahlkampfrede angeschossen worden und wenige Stunden sp\u00e4ter im "
    "Krankenhaus gestorben. Die Polizei nahm Tetsuya Yamagami (41) fest. Abe wurde 67 Jahre alt."
)


def test_a_translation_is_stored_unanalysed_and_placed_by_names_and_numbers(tmp_path):
    from according.stories.language import article_language, unanalysed

    english, german = ABE_EN, ABE_DE
    assert article_language(german) == "de" and article_language(english) == "en"
    with Store(tmp_path / "s.db") as store:
        one = store.add(according.analyze(Article(text=english, published="2022-07-08")))
        two = store.add(unanalysed(Article(text=german, published="2022-07-08", lang="de")))
        stored = store.article(two.article_id)
        analysis = store.analysis(two.article_id)
    assert two.story_id == one.story_id and two.joined_via == "names"
    assert stored.lang == "de" and not stored.supported
    assert analysis.attributions == [] and "not supported" in analysis.warnings[0]


def test_an_english_version_joins_a_story_told_only_in_other_languages_on_more_names(tmp_path):
    import dataclasses

    from according.settings import DEFAULTS
    from according.stories.language import unanalysed

    def place(options):
        with Store(tmp_path / f"{len(list(tmp_path.iterdir()))}.db", options) as store:
            german = Article(text=ABE_DE, published="2022-07-08", lang="de")
            first = store.add(unanalysed(german))
            added = store.add(Analysis(Article(text=ABE_EN, lang="en", published="2022-07-08")))
        return added.story_id == first.story_id, added

    joined, added = place(dataclasses.replace(DEFAULTS, story_english_key_weight=0.0))
    assert joined and added.joined_via == "names"
    # the same names that place the German version beside an English story (story_key_weight)
    # fall short of story_english_key_weight for an English article beside a German story
    options = dataclasses.replace(
        DEFAULTS, story_key_weight=added.score - 1, story_english_key_weight=added.score + 1
    )
    assert not place(options)[0]


def test_trace_of_the_cluster(tmp_path, analyses):
    path = tmp_path / "s.db"
    with Store(path) as store:
        # the copy is stored first, but the original was published first
        ids = {name: store.add(analyses[name]).article_id for name in ("copy", *ALL)}
        story = store.article(ids["original"]).story_id
        trace = trace_story(store, story)
    roles = {a.id: a for a in trace.articles}
    assert len(trace.articles) == 4
    assert trace.earliest == ids["original"]
    assert roles[ids["original"]].role == "original"
    assert roles[ids["copy"]].role == "copy"
    assert roles[ids["copy"]].copy_of == ids["original"]
    assert roles[ids["reworded"]].role == "machine-reworded"
    independent = roles[ids["independent"]]
    assert independent.role == "independent"
    unique = [trace.node(k).name for k in independent.unique]
    assert any("State Department" in n or "Ortagus" in n for n in unique), unique
    # the common origin: CNN, relayed by the three versions of the original report
    assert trace.origin is not None and trace.origin.name == "CNN"
    assert trace.origin.kind == "outlet"
    assert (trace.origin.articles, trace.origin.total) == (3, 4)
    assert ids["independent"] not in trace.node(trace.origin.key).articles
    cited = {trace.node(k).kind for k in trace.origin.cites}
    assert {"document", "anonymous"} <= cited
    assert trace.summary[0].startswith("3 of 4 articles relay CNN; CNN cites")
    assert any(line.startswith("independent reporting: article") for line in trace.summary)


def test_trace_without_dates_takes_the_first_stored_as_earliest(tmp_path, analyses):
    undated = {
        name: Analysis.from_dict({**a.to_dict(), "article": {**a.to_dict()["article"]}})
        for name, a in analyses.items()
    }
    for a in undated.values():
        a.article.published = None
    path = tmp_path / "s.db"
    with Store(path) as store:
        ids = {name: store.add(undated[name]).article_id for name in ("reworded", "original")}
        trace = trace_story(store, store.article(ids["original"]).story_id)
    assert trace.earliest == ids["reworded"]
    assert "first stored" in trace.summary[1]


# -- through the command line ----------------------------------------------------------------


def _cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return according_cli(*args, cwd=cwd)


@pytest.fixture(scope="module")
def cli_store(tmp_path_factory) -> tuple[Path, list[dict]]:
    """The five fixtures added through ``according add --json`` from one JSONL file."""
    folder = tmp_path_factory.mktemp("cli")
    feed = folder / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as out:
        for name in ("copy", *ALL):  # the copy twice: the second is already stored
            outlet, published = META[name]
            record = {"text": _text(name), "outlet": outlet, "published": published}
            out.write(json.dumps({**record, "url": f"https://{name}.example/story"}) + "\n")
    path = folder / "stories.db"
    done = _cli("add", "--db", str(path), "--json", "--workers", "1", str(feed))
    assert done.returncode == 0, done.stderr
    assert "5 added, 1 already stored, 0 failed; 2 stories" in done.stderr
    return path, [json.loads(line) for line in done.stdout.splitlines()]


def test_cli_add_reports_each_article(cli_store):
    _, lines = cli_store
    assert len(lines) == 6
    by_line = {line["input"].rsplit(":", 1)[1]: line for line in lines}
    copy, original, again = by_line["1"], by_line["2"], by_line["3"]
    assert copy["new_story"] and not copy["duplicate"]
    assert again["duplicate"] and again["article_id"] == copy["article_id"]
    assert original["story_id"] == copy["story_id"]
    assert original["joined_via"] == "near-duplicate"
    assert by_line["6"]["new_story"]  # unrelated


def test_cli_stories_text_and_json(cli_store):
    path, _ = cli_store
    done = _cli("stories", "--db", str(path), "--json")
    assert done.returncode == 0, done.stderr
    stories = json.loads(done.stdout)
    assert [s["size"] for s in stories] == [4, 1]
    big = stories[0]
    assert big["outlets"] == sorted(["The Hill", "Copy Daily", "Spin Mill", "Meridian Wire"])
    assert (big["first"], big["last"]) == ("2020-06-10", "2020-06-12")
    assert big["headline"].startswith("Iran paid bounties")
    text = _cli("stories", "--db", str(path), "--min-size", "2")
    assert text.returncode == 0
    rows = text.stdout.splitlines()
    assert rows[0].split()[:2] == ["story", "size"]
    assert len(rows) == 2 and rows[1].split()[:3] == [str(big["id"]), "4", "2020-06-10"]


def test_cli_trace_text_and_json(cli_store):
    path, lines = cli_store
    story = lines[0]["story_id"]
    done = _cli("trace", str(story), "--db", str(path), "--json")
    assert done.returncode == 0, done.stderr
    trace = json.loads(done.stdout)
    articles = {a["outlet"]: a for a in trace["articles"]}
    assert trace["earliest"] == articles["The Hill"]["id"]
    assert articles["The Hill"]["role"] == "original"
    assert articles["Copy Daily"]["role"] == "copy"
    assert articles["Copy Daily"]["copy_of"] == articles["The Hill"]["id"]
    assert articles["Meridian Wire"]["role"] == "independent"
    assert trace["origin"]["name"] == "CNN"
    keys = {n["key"] for n in trace["nodes"]}
    assert all(e["cited"] in keys for e in trace["edges"])
    text = _cli("trace", str(story), "--db", str(path))
    assert text.returncode == 0
    assert "3 of 4 articles relay CNN" in " ".join(text.stdout.split())
    assert f"earliest: article {articles['The Hill']['id']} (The Hill, 2020-06-10)" in text.stdout
    assert "independent reporting: article" in text.stdout
    assert "relay graph" in text.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("trace", "999"), "no story 999"),
        (("trace", "abc"), "story ids are numbers"),
        (("compare", "999", "1"), "no article 999"),
    ],
)
def test_cli_unknown_ids_are_clear(cli_store, args, message):
    path, _ = cli_store
    done = _cli(*args, "--db", str(path))
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_cli_on_a_missing_store(tmp_path):
    done = _cli("stories", "--db", str(tmp_path / "none.db"))
    assert done.returncode == 2
    assert "no store at" in done.stderr
    assert not (tmp_path / "none.db").exists()


def test_cli_compare_stored_articles_by_id(cli_store):
    path, lines = cli_store
    ids = {line["input"].rsplit(":", 1)[1]: line["article_id"] for line in lines}
    done = _cli("compare", str(ids["2"]), str(ids["4"]), "--db", str(path), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["a"]["text"] == _text("original") and data["b"]["text"] == _text("reworded")
    assert data["related"] and data["counts"].get("number", 0) >= 1


def test_cli_add_stores_a_non_english_article_that_analyze_refuses(tmp_path):
    german = (
        "Der ehemalige japanische Ministerpr\u00e4sident Shinzo Abe ist am Freitag in Nara bei "
        "einer Wahlkampfrede angeschossen worden und wenige Stunden sp\u00e4ter im Krankenhaus "
        "gestorben, wie die Regierung mitteilte. Die Polizei nahm einen 41 Jahre alten Mann fest."
    )
    path = tmp_path / "abe-de.txt"
    path.write_text(german, encoding="utf-8")
    refused = _cli("analyze", str(path), cwd=tmp_path)
    assert refused.returncode == 2 and "not English" in refused.stderr
    added = _cli("add", str(path), "--db", str(tmp_path / "s.db"), "--json", cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    line = json.loads(added.stdout.splitlines()[0])
    assert line["lang"] == "de" and line["new_story"]
    with Store(tmp_path / "s.db") as store:
        stored = store.article(line["article_id"])
        assert stored.lang == "de" and not stored.supported
        assert store.analysis(line["article_id"]).attributions == []


def test_cli_trace_html_report_draws_the_relay_graph_and_the_changes(cli_store):
    path, lines = cli_store
    story = lines[0]["story_id"]
    done = _cli("trace", str(story), "--db", str(path), "--format", "html")
    assert done.returncode == 0, done.stderr
    page = done.stdout
    assert page.startswith("<!doctype html>") and "<svg" in page and "story-graph" in page
    assert page.count('class="node kind-article"') == 4  # the four versions, drawn
    assert 'class="node kind-outlet"' in page  # CNN, the outlet they credit
    for role in ("original", "copy", "machine-reworded", "independent"):
        assert f'<span class="role">{role}</span>' in page
    assert 'class="high"' in page  # what the rewording changed against the original
    assert "<script" not in page


def test_a_month_only_date_is_narrowed_by_the_past_days_its_text_names():
    from according.stories.cluster import day_range, narrowed

    month = day_range("2020-06")
    reported = narrowed(month, "Talks began on June 2. On 14 June, officials confirmed it.")
    assert reported == (day_range("2020-06-14")[0], month[1])
    # a day still to come, or one outside the month, says nothing of when it was written
    assert narrowed(month, "A deal is expected to be signed on June 24.") == month
    assert narrowed(month, "Bids are due by June 24.") == month
    assert narrowed(month, "The offer was made on May 30.") == month
    # a full date is never moved
    assert narrowed(day_range("2020-06-03"), "On June 14 it ended.") == day_range("2020-06-03")


@pytest.mark.parametrize(
    ("extra", "joins"),
    [
        ("", True),
        ("\n\nOn June 24, officials confirmed the report.", False),
        ("\n\nA deal is expected to be signed on June 24.", True),
    ],
)
def test_a_version_dated_only_to_the_month_joins_unless_its_text_is_from_later(
    tmp_path, extra, joins
):
    with Store(tmp_path / "s.db") as store:
        first = store.add(
            Analysis(Article(text=_text("original"), lang="en", published="2020-06-10"))
        )
        text = _text("independent") + extra
        later = store.add(Analysis(Article(text=text, lang="en", published="2020-06")))
    assert (later.story_id == first.story_id) is joins


@pytest.mark.parametrize(("second", "merged"), [("2020-06-05", True), ("2020-06-20", False)])
def test_an_article_dated_only_to_the_month_merges_stories_only_days_apart(
    tmp_path, second, merged
):
    import dataclasses

    from according.settings import DEFAULTS

    # at this threshold the two reports are two stories and the bridge is like both
    options = dataclasses.replace(DEFAULTS, story_similarity=0.65)
    bridge = _text("unrelated") + "\n\n" + _text("original")
    with Store(tmp_path / "s.db", options) as store:
        a = store.add(Analysis(Article(text=_text("original"), lang="en", published="2020-06-01")))
        b = store.add(Analysis(Article(text=_text("unrelated"), lang="en", published=second)))
        added = store.add(Analysis(Article(text=bridge, lang="en", published="2020-06")))
        stories = {x.story_id for x in store.articles()}
    assert a.story_id != b.story_id
    assert bool(added.merged) is merged
    assert len(stories) == (1 if merged else 2)


def test_a_number_joined_to_a_name_is_part_of_the_name():
    from according.stories.cluster import numbers

    # "COVID-19" is a name (counted once, as a name), not the number 19
    text = "COVID-19 cases rose. The G-20 met. A Boeing 737 crashed; 2,300 died and 7,8 fled."
    assert numbers(text) == {"737", "2300", "78"}


@pytest.mark.parametrize(
    "opening",
    [
        "NEW YORK (AP) \u2014 ",
        "New York. (dpa) ",
        "New York, Nov 18 (Reuters) - ",
        "NEW YORK -- ",
        "Vaccine results\n\nNew York. ",
    ],
)
def test_a_dateline_is_where_a_report_was_filed_not_a_name_it_shares(opening):
    from according.stories.cluster import names

    body = "Moderna said its vaccine appears to be 94.5% effective."
    assert "new york" not in names(opening + body) and "moderna" in names(opening + body)
    # the same place in the running text is a name like any other
    assert "new york" in names(body + " Poll workers in New York tested positive.")
    assert names("Turkey \u2014 Syria: a quake kills 200") >= {"turkey", "syria"}


def test_names_common_in_ordinary_news_weigh_little_even_in_a_small_store(tmp_path):
    from according.stories.cluster import _idf

    with Store(tmp_path / "s.db") as store:
        weight = _idf(store.db, ["name:us", "name:moderna"])
    # "US" is in more than a quarter of PolNeAR's articles: about log(1/0.285)
    assert weight["name:us"] < 1.5 < 6 < weight["name:moderna"]


MODERNA = (
    "Moderna said on Monday its coronavirus vaccine was 94.5% effective in a trial of 30,000 "
    "people. It will ask the Food and Drug Administration in Washington for emergency "
    "approval within weeks."
)
PFIZER = (
    "Pfizer announced on Monday that early results showed its experimental shot prevented "
    "more than 90% of infections among 43,000 volunteers. The Food and Drug Administration "
    "in Washington could be asked for emergency use soon."
)


def test_the_lead_names_who_a_report_is_about():
    from according.stories.cluster import lead_names

    assert lead_names(MODERNA + " Pfizer Inc. reported similar results last week.") == {"moderna"}
    assert lead_names("Pfizer's shot works\n\nWASHINGTON (AP) \u2014 " + PFIZER) == {"pfizer"}


@pytest.mark.parametrize(
    ("second", "margin", "joins"), [(PFIZER, 0.03, False), (PFIZER, 0.0, True)]
)
def test_a_report_about_someone_else_needs_a_closer_likeness_to_join(
    tmp_path, second, margin, joins
):
    import dataclasses

    from according.settings import DEFAULTS

    def place(options, text):
        with Store(tmp_path / f"{len(list(tmp_path.iterdir()))}.db", options) as store:
            first = store.add(Analysis(Article(text=MODERNA, lang="en", published="2020-11-16")))
            added = store.add(Analysis(Article(text=text, lang="en", published="2020-11-16")))
        return added.story_id == first.story_id, added.score

    # the rival's report is alike enough in words: the threshold just below its likeness
    _, score = place(dataclasses.replace(DEFAULTS, story_similarity=0.0), second)
    options = dataclasses.replace(
        DEFAULTS, story_similarity=score - 0.01, story_subject_margin=margin
    )
    assert place(options, second)[0] is joins
    # a version whose lead names the same company joins at that threshold, margin or not
    same = second.replace("Pfizer announced", "Moderna announced")
    assert place(options, same)[0]


def _member(article_id: int, published: str, via: str = "embedding"):
    from according.stories.cluster import _Member, day_range

    return _Member(article_id, "en", None, day_range(published), via)


def test_one_report_dated_to_the_day_does_not_date_versions_known_only_to_the_month():
    from according.stories.cluster import day_range, story_date

    month = [_member(i, "2022-12") for i in range(3)]
    assert story_date([*month, _member(9, "2022-12-05")]) == day_range("2022-12")
    # once as many are dated to the day as to the month, those days date the story
    days = [_member(7, "2022-12-30"), _member(8, "2022-12-31"), _member(9, "2022-12-31")]
    assert story_date(month + days) == day_range("2022-12-31")
    # an even count's median is the range between its middle two
    two = [_member(1, "2022-12-05"), _member(2, "2022-12-30")]
    assert story_date(two) == (day_range("2022-12-05")[0], day_range("2022-12-30")[1])


def test_members_weeks_from_the_date_the_others_agree_on_stray_in_groups():
    from according.stories.cluster import strays

    month = [_member(i, "2022-12") for i in range(3)]
    early = [_member(10, "2022-12-05"), _member(11, "2022-12-06")]
    late = [_member(20, "2022-12-30"), _member(21, "2022-12-31"), _member(22, "2022-12-31")]
    assert strays(month + early + late, 7) == [[10, 11]]
    # as many far as near: the story's date is not settled, nothing strays
    assert strays(month + early + late[:2], 7) == []
    # a copy keeps its place whatever its date
    copy = [_member(10, "2022-12-05", "near-duplicate")]
    assert strays(month + copy + late, 7) == []


def _dated_adder():
    """Adds versions alike in meaning (one embedding) with the same rare names, otherwise
    in different words (no near-duplicates), each with the publication date given."""
    import numpy as np

    from according.stories import cluster

    vector = np.ones(384, dtype=np.float32) / np.sqrt(384)

    def add(store: Store, i: int, published: str, meaning=None):
        # the same rare names, otherwise different words: no near-duplicates
        text = "Zorbania FC signed Quentin Marlowe. " + " ".join(f"word{k}x{i}" for k in range(40))
        analysis = Analysis(Article(text=text, lang="en", published=published))
        chosen = vector if meaning is None else meaning
        features = cluster.features(text, "en", published, vector=chosen)
        return store.add(analysis, features)

    return add


def test_a_story_dated_by_one_early_report_is_split_when_its_versions_agree_on_a_later_day(
    tmp_path,
):
    add = _dated_adder()
    with Store(tmp_path / "s.db") as store:
        month = [add(store, i, "2022-12") for i in range(3)]
        early = add(store, 3, "2022-12-05")  # joins: the story is dated only to the month
        late = [add(store, 4, "2022-12-30"), add(store, 5, "2022-12-31")]
        assert {a.story_id for a in [*month, early, *late]} == {month[0].story_id}
        assert all(not a.split for a in late[:1])
        last = late[-1]
        assert last.split and store.article(early.article_id).story_id == last.split[0]
        assert store.splits() == [
            {
                "story_id": month[0].story_id,
                "split": last.split[0],
                "article_id": last.article_id,
                "articles": 1,
                "at": store.splits()[0]["at"],
            }
        ]
        story_of = {a.id: a.story_id for a in store.articles()}
    assert {story_of[a.article_id] for a in [*month, *late]} == {month[0].story_id}


def test_an_article_whose_own_arrival_settles_the_date_against_it_is_reported_in_its_new_story(
    tmp_path,
):
    add = _dated_adder()
    with Store(tmp_path / "s.db") as store:
        first = [add(store, i, d) for i, d in enumerate(["2022-12"] * 3 + ["2022-12-30"] * 2)]
        early = add(store, 9, "2022-12-05")  # passes: the story is dated only to the month
        assert early.split and early.story_id == early.split[0] != first[0].story_id
        assert store.article(early.article_id).story_id == early.story_id
        assert {store.article(a.article_id).story_id for a in first} == {first[0].story_id}


def test_a_document_named_by_a_possessive_is_one_node_with_the_same_document_elsewhere():
    from according.analysis import Source
    from according.stories.trace import node_key, node_name

    his = Source("s1", "his 277-page ruling", "document")
    the = Source("s2", "the 277-page ruling", "document")
    assert node_name(his) == "the 277-page ruling" and node_key(his) == node_key(the)
    # a person's or an organisation's name is left as it is
    assert node_name(Source("s3", "Their Majesties' Office", "organization")).startswith("Their")


def test_a_trace_says_how_its_story_formed(tmp_path):
    from according.stories.trace import trace_story

    add = _dated_adder()
    with Store(tmp_path / "s.db") as store:
        month = [add(store, i, "2022-12") for i in range(3)]
        early = add(store, 3, "2022-12-05")
        add(store, 4, "2022-12-30")
        last = add(store, 5, "2022-12-31")
        kept = trace_story(store, month[0].story_id).history
        moved = trace_story(store, store.article(early.article_id).story_id).history
    assert kept == [
        f"1 article split off into story {last.split[0]} when article {last.article_id} "
        "joined: dated weeks from the day its versions agree on"
    ]
    assert moved == [
        f"split off story {month[0].story_id} when article {last.article_id} joined it: "
        "dated weeks from the day that story's versions agree on"
    ]


def test_a_trace_says_which_article_merged_another_story_into_it(tmp_path):
    import numpy as np

    from according.stories.trace import trace_story

    # two meanings half alike (cosine 0.5: two stories) and a version like both (0.87)
    one = np.zeros(384, dtype=np.float32)
    one[0] = 1.0
    two = np.zeros(384, dtype=np.float32)
    two[0], two[1] = 0.5, np.sqrt(0.75)
    both = (one + two) / np.linalg.norm(one + two)
    add = _dated_adder()
    with Store(tmp_path / "s.db") as store:
        a = add(store, 1, "2022-12-30", one)
        b = add(store, 2, "2022-12-30", two)
        bridge = add(store, 3, "2022-12-30", both)
        history = trace_story(store, bridge.story_id).history
    assert a.story_id != b.story_id and bridge.merged
    other = two if bridge.story_id == a.story_id else one
    assert history == [
        f"story {bridge.merged[0]} (1 article) merged in: article {bridge.article_id} "
        f"was like both (opening similarity {round(float(both @ other), 3)})"
    ]


def test_a_month_only_version_that_fits_two_events_weeks_apart_joins_neither_until_one_bridges(
    tmp_path,
):
    """Musk's stake (4 April) and Twitter's acceptance (25 April): a version dated only
    "2022-04" reads like both; it is put in a story of its own, not guessed into the one it
    happens to score higher with, and a later version of its event takes it in."""
    import numpy as np

    from according.stories import cluster

    a = np.zeros(384, dtype=np.float32)
    a[0] = 1.0
    b = np.zeros(384, dtype=np.float32)
    b[0], b[1] = 0.6, 0.8  # cosine 0.6 with a: two events of one topic
    between = (1.2 * a + b) / np.linalg.norm(1.2 * a + b)  # 0.93 with a, 0.87 with b

    def add(store: Store, i: int, published: str, vector: np.ndarray):
        text = "Zorbania FC signed Quentin Marlowe. " + " ".join(f"word{k}x{i}" for k in range(40))
        analysis = Analysis(Article(text=text, lang="en", published=published))
        return store.add(analysis, cluster.features(text, "en", published, vector=vector))

    with Store(tmp_path / "s.db") as store:
        stake = [add(store, i, "2022-04-04", a) for i in range(2)]
        deal = [add(store, i, "2022-04-25", b) for i in range(2, 4)]
        assert stake[1].story_id == stake[0].story_id != deal[0].story_id == deal[1].story_id
        loose = add(store, 4, "2022-04", between)
        assert loose.new_story and loose.story_id not in {stake[0].story_id, deal[0].story_id}
        later = add(store, 5, "2022-04-25", b)  # fits the deal's story and the loose version
        assert later.story_id == deal[0].story_id and later.merged == [loose.story_id]
        story_of = {x.id: x.story_id for x in store.articles()}
    assert story_of[loose.article_id] == deal[0].story_id
    assert {story_of[x.article_id] for x in stake} == {stake[0].story_id}
