"""The self-contained HTML report and compare page: structure, escaping, exact spans."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

import pytest
from cli import according_cli
from seed_attributions import HOSTILE, altered_seed, seed_analysis

from according.analysis import Analysis, Attribution, Source, Span
from according.article import Article
from according.render import RENDERERS, compare_html, html


class Page(HTMLParser):
    """Collects tags, the article's plain text with the marks over it, and inline code."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.depth = 0  # >0 while inside the article div
        self.text = ""
        self.marks: list[dict] = []
        self.open_marks: list[dict] = []
        self.inline: dict[str, list[str]] = {"script": [], "style": []}
        self.code: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag in ("script", "style"):
            self.code = tag
            self.inline[tag].append("")
        if self.depth:
            self.depth += 1
            if tag == "mark":
                mark = {**a, "start": len(self.text)}
                self.open_marks.append(mark)
        elif a.get("id") == "article":
            self.depth = 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.code = None
        if self.depth:
            self.depth -= 1
            if tag == "mark":
                mark = self.open_marks.pop()
                mark["end"] = len(self.text)
                self.marks.append(mark)

    def handle_data(self, data):
        if self.code:
            self.inline[self.code][-1] += data
        if self.depth:
            self.text += data


def parse(document: str) -> Page:
    page = Page()
    page.feed(document)
    page.close()
    return page


def covered(page: Page, index: int, role: str) -> set[int]:
    """Character positions highlighted with ``role`` for attribution ``index``."""
    out: set[int] = set()
    for m in page.marks:
        if f"{index}:{role}" in m.get("data-r", "").split():
            assert f"r-{role}" in m["class"].split() and str(index) in m["data-a"].split()
            out |= set(range(m["start"], m["end"]))
    return out


@pytest.fixture(scope="module")
def analysis(seed_text) -> Analysis:
    return seed_analysis(seed_text)


@pytest.fixture(scope="module")
def page(analysis) -> Page:
    return parse(html.render(analysis))


def test_registered_as_html():
    assert RENDERERS["html"] is html.render


def test_article_text_survives_exactly(page, analysis):
    assert page.text == analysis.article.text


def test_every_role_span_is_highlighted_exactly(page, analysis):
    for i, attr in enumerate(analysis.attributions):
        expected = {
            "source": [attr.source_mention],
            "cue": [attr.cue],
            "content": attr.content,
            "recipient": [attr.recipient] if attr.recipient else [],
        }
        for role, spans in expected.items():
            want = set().union(*(range(s.start, s.end) for s in spans)) if spans else set()
            assert covered(page, i, role) == want, (attr.id, role)


def test_other_mentions_are_marked_with_their_source(page, analysis):
    memo = next(m for m in analysis.sources[0].mentions if m.text == "the memo")
    mark = next(m for m in page.marks if m["start"] == memo.start)
    assert mark["end"] == memo.end
    assert "r-mention" in mark["class"] and mark["data-s"] == "0"


def test_nested_and_overlapping_spans():
    text = "Officials said the minister told reporters the plan would fail."
    said = Span.of(text, 10, 14)
    inner = Span.of(text, 15, 63)  # the whole nested report is the content
    minister = Span.of(text, 15, 27)
    told = Span.of(text, 28, 32)
    plan = Span.of(text, 43, 63)
    odd = Span.of(text, 20, 38)  # overlaps two others partially
    analysis = Analysis(
        Article(text),
        [
            Source("s1", "Officials", "anonymous", [Span.of(text, 0, 9)]),
            Source("s2", "the minister", "person", [minister]),
        ],
        [
            Attribution("a1", said, [inner], "s1", Span.of(text, 0, 9)),
            Attribution("a2", told, [plan], "s2", minister, parent="a1"),
            Attribution("a3", None, [odd], None, None),
        ],
    )
    page = parse(html.render(analysis))
    assert page.text == text
    assert covered(page, 0, "content") == set(range(15, 63))
    assert covered(page, 1, "source") == set(range(15, 27))
    assert covered(page, 1, "cue") == set(range(28, 32))
    assert covered(page, 1, "content") == set(range(43, 63))
    assert covered(page, 2, "content") == set(range(20, 38))
    # marks never nest: each segment is one element listing every attribution over it
    both = next(m for m in page.marks if m["start"] == 28)
    assert set(both["data-a"].split()) == {"0", "1", "2"}


def test_spans_outside_the_text_are_ignored():
    text = "The minister said so."
    analysis = Analysis(
        Article(text),
        [],
        [Attribution("a1", Span(13, 17, "said"), [Span(18, 400, "x"), Span(-5, 2, "y")])],
    )
    page = parse(html.render(analysis))
    assert page.text == text
    assert covered(page, 0, "cue") == set(range(13, 17))
    assert covered(page, 0, "content") == set()


def test_self_contained(page):
    for tag, attrs in page.tags:
        if tag == "link":  # only the empty icon, so the browser asks for no favicon
            assert attrs == {"rel": "icon", "href": "data:,"}
            continue
        assert tag not in ("img", "iframe", "object", "embed"), tag
        assert "src" not in attrs or tag == "script" and attrs["src"] is None
        for name, value in attrs.items():
            if name in ("href", "src", "action", "xlink:href") and value:
                assert value.startswith("#") or value.startswith("url(#"), (tag, name, value)


def test_inline_code_is_allowed_by_hash_only(page):
    policy = next(
        a["content"] for t, a in page.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    assert "unsafe-inline" not in policy and "default-src 'none'" in policy
    for kind, directive in (("script", "script-src"), ("style", "style-src")):
        assert len(page.inline[kind]) == 1
        digest = base64.b64encode(hashlib.sha256(page.inline[kind][0].encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in policy


def test_cards_name_source_chain_and_certainty(analysis):
    document = html.render(analysis)
    card = re.search(r'<li id="card-1".*?</li>', document, re.S).group(0)
    assert "two sources familiar with the intelligence" in card
    assert (
        'two sources familiar with the intelligence</span> → <span class="link">CNN</span> → <span class="link">The Hill'
        in card
    )
    assert "likely (55%–80%)" in card and "suggests" in card
    assert "the network" in card  # recipient


def test_sources_panel(page, analysis):
    rows = [a for t, a in page.tags if t == "tr" and a.get("id", "").startswith("source-")]
    assert len(rows) == len(analysis.sources)
    document = html.render(analysis)
    cnn = re.search(r'<tr id="source-1".*?</tr>', document, re.S).group(0)
    assert "CNN" in cnn and "outlet" in cnn and "relays 2 claims" in cnn
    assert "“the network”" in cnn


def test_relay_graph_nodes_and_edges(analysis):
    graph = html.graph.layout(analysis)
    assert {n.name for n in graph.nodes} == {
        "Pentagon news document",
        "CNN",
        "two sources familiar with the intelligence",
        "Rob Lodewick",
        "The Hill",
    }
    edges = {(e.source.name, e.target.name): e.count for e in graph.edges}
    assert edges == {
        ("Pentagon news document", "CNN"): 1,
        ("two sources familiar with the intelligence", "CNN"): 1,
        ("CNN", "The Hill"): 2,
        ("Rob Lodewick", "The Hill"): 1,
    }
    x = {n.name: n.x for n in graph.nodes}
    assert x["Pentagon news document"] < x["CNN"] < x["The Hill"]
    assert x["Rob Lodewick"] < x["The Hill"]


def test_relay_graph_survives_a_cycle():
    text = "A said B said C."
    analysis = Analysis(
        Article(text),
        [Source("s1", "A", "person"), Source("s2", "B", "person")],
        [Attribution("a1", None, [], "s1", chain=["s1", "s2", "s1"])],
    )
    graph = html.graph.layout(analysis)
    assert len(graph.nodes) == 2 and len(graph.edges) == 2


def test_profile_chart(analysis):
    bars = {b["label"]: b for b in html.profile_bars(analysis)}
    assert bars["Attributed claims"]["value"] == 3
    assert bars["Attributed claims"]["width"] == 200  # the longest bar
    assert bars["Denials"]["width"] == 0


def test_hostile_text_is_escaped_everywhere():
    mention = Span.of(HOSTILE, 0, 9)
    analysis = Analysis(
        Article(HOSTILE, title="</title><script>alert('t')</script>", url="javascript:alert(1)"),
        [Source("s1", "<img src=x onerror=alert('s')>", "person", [mention], role='"><b>')],
        [
            Attribution(
                "a1",
                Span.of(HOSTILE, 10, 14),
                [Span.of(HOSTILE, 15, 60)],
                "s1",
                mention,
                chain=["s1"],
            )
        ],
    )
    document = html.render(analysis)
    page = parse(document)
    assert page.text == HOSTILE
    assert [t for t, _ in page.tags].count("script") == 1
    assert not any(t in ("img", "a", "b") and "onerror" in str(a) for t, a in page.tags)
    assert "<img" not in document and "<b>" not in document
    assert 'href="javascript:' not in document
    assert not any(k.startswith("on") for _, a in page.tags for k in a)


def test_cli_writes_an_html_report(tmp_path, seed_text):
    path = tmp_path / "seed.txt"
    path.write_text(seed_text, encoding="utf-8")
    out = according_cli("analyze", str(path), "--format", "html", timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("<!DOCTYPE html>")
    page = parse(out.stdout)
    assert page.text == seed_text
    assert page.marks  # the extractor's spans are highlighted


@pytest.fixture(scope="module")
def comparison(seed_text):
    from according.versions.compare import compare

    return compare(
        seed_text, altered_seed(seed_text) + "\nA new line: <script>alert(1)</script>.\n"
    )


def test_compare_page_marks_each_change_in_both_texts(comparison):
    document = compare_html.render(comparison)
    data = comparison.to_dict()
    assert data["changes"]
    for i, change in enumerate(data["changes"]):
        item = re.search(rf'<li id="change-{i}".*?</li>', document, re.S)
        assert item, change
        for side in ("a", "b"):
            if change[side]:
                marked = re.findall(
                    rf'<mark class="chg sev-\w+" data-c="[^"]*\b{i}\b[^"]*"[^>]*>(.*?)</mark>',
                    document,
                    re.S,
                )
                assert marked, (i, side)
    number = next(i for i, c in enumerate(data["changes"]) if c["kind"] == "number")
    assert re.search(rf'data-c="{number}"[^>]*>Four</mark>', document)
    assert re.search(rf'data-c="{number}"[^>]*>Five</mark>', document)


def test_compare_page_rows_follow_the_alignment(comparison):
    document = compare_html.render(comparison)
    rows = re.findall(r'<tr class="row kind-(\w+)', document)
    assert rows == [al.kind for al in comparison.alignments]
    assert "(nothing in B)" in document  # the removed sentence
    assert "<script>alert(1)" not in document and "&lt;script&gt;alert(1)" in document


def test_compare_page_is_self_contained(comparison):
    page = parse(compare_html.render(comparison))
    policy = next(
        a["content"] for t, a in page.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    digest = base64.b64encode(hashlib.sha256(page.inline["script"][0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in policy
    assert not any(t in ("img", "iframe", "object") for t, _ in page.tags)
    assert [a for t, a in page.tags if t == "link"] == [{"rel": "icon", "href": "data:,"}]
