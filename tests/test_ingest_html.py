"""HTML pages of several layouts and encodings: article text without boilerplate, metadata right."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from according.errors import InputError
from according.ingest.encoding import declared_charset, decode, normalise_label
from according.ingest.html import deduplicate, extract_article, looks_like_html

PAGES = Path(__file__).parent / "fixtures" / "html"

LAYOUTS = {
    "article_tags.html": dict(
        title="Port authority says dredging will finish by spring",
        byline="Dana Whitfield",
        published="2024-02-14",
        outlet="The Harbor Courier",
        url="https://www.harborcourier.example/news/2024/02/14/port-dredging-spring",
        first="The county port authority said on Tuesday",
        last="who runs a freight agency on Front Street.",
        boilerplate=[
            "Subscribe today",
            "Advertisement",
            "Related stories",
            "Ice in the channel halts",
            "Morning Tide",
            "Sign up",
            "All rights reserved",
            "Privacy policy",
            "Share on Facebook",
            "trackPageView",
            "dataLayer",
            "Waterfront",
        ],
    ),
    "div_soup.html": dict(
        title="School board delays vote on later start times",
        byline="Maria Lopez",
        published="2023-03-08",
        outlet="riversidegazette.example.org",  # no site name on the page: the domain
        url="https://riversidegazette.example.org/local/school-start-times-vote-delayed",
        first="The Riverside school board postponed a vote",
        last='we owe them a decision," he said.',
        boilerplate=[
            "Classifieds",
            "Cloudy",
            "Most Read",
            "Fire destroys barn",
            "checking account",
            "Report an error",
            "Copyright",
            "Advertise",
        ],
    ),
    "amp.html": dict(
        title="Drought forces ranchers to sell cattle early",
        byline="Luis Ortega",
        published="2022-07-19",
        outlet="Plains Dispatch",
        url="https://www.plainsdispatch.example/agriculture/drought-ranchers-sell-cattle",
        first="Ranchers across the western counties",
        last='maybe I start over."',
        boilerplate=["Agriculture\n", "Energy", "Privacy", "Terms", "amp-start", "© 2022"],
    ),
    "liveblog.html": dict(
        title="Storm Elin live: power cuts and rail disruption as winds reach 90mph",
        byline="Priya Nair",
        published="2023-11-03",
        outlet="Northern Chronicle",
        url="https://www.northernchronicle.example/uk-news/live/2023/nov/03/storm-elin-live",
        first="Tens of thousands of homes are without power",
        last="throughout the day.",
        boilerplate=[
            "Key events",
            "Most viewed",
            "winter walks",
            "Older posts",
            "Registered in England",
            "Share",
        ],
    ),
    "comments.html": dict(
        title="City to close two libraries as budget gap widens",
        byline="Ben Carter",
        published="2021-10-05",
        outlet="Lakeside Times",
        url="https://lakesidetimes.example.com/2021/10/05/city-libraries-close-budget",
        first="The city will close the Eastgate and Willow Park branch libraries",
        last="The council is scheduled to vote on the budget on November 16.",
        boilerplate=[
            "readerjoe",
            "Shameful decision",
            "Where are we supposed to go",
            "lower my taxes",
            "thoughts on",
            "Leave a Reply",
            "Required fields",
            "Posted on",
            "powered by WordPress",
            "Front page",
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_layouts_text_without_boilerplate_and_metadata(name):
    want = LAYOUTS[name]
    article = extract_article((PAGES / name).read_bytes(), id=name)
    assert article.title == want["title"]
    assert article.byline == want["byline"]
    assert article.published == want["published"]
    assert article.outlet == want["outlet"]
    assert article.url == want["url"]
    assert article.text.startswith(want["first"]), article.text[:200]
    assert article.text.endswith(want["last"]), article.text[-200:]
    for junk in want["boilerplate"]:
        assert junk not in article.text, f"boilerplate {junk!r} kept in {name}"
    assert not article.text.startswith(want["title"])  # the headline is metadata, not body


def test_every_paragraph_of_the_liveblog_is_kept():
    text = extract_article((PAGES / "liveblog.html").read_bytes()).text
    for entry in ("Network Rail has closed", "Northern Powergrid says", "red warning for wind"):
        assert entry in text
    assert text.count("\n\n") == 5  # standfirst + five entries


def test_pull_quote_appears_once():
    text = extract_article((PAGES / "article_tags.html").read_bytes()).text
    assert text.count("on schedule and on budget for the first time") == 1
    assert '," said Marisol Grant' in text  # the full paragraph is the one kept


def test_deduplicate_keeps_order_and_short_repeats_inside_others():
    paragraphs = [
        "He said no.",
        '"We have the votes"',
        '"We have the votes," she said. "There is no doubt."',
        "A closing line that repeats.",
        "A closing line that repeats.",
        "Other text. He said no. More text.",
    ]
    assert deduplicate(paragraphs) == [
        "He said no.",  # three words: too short to call a pull-quote
        '"We have the votes," she said. "There is no doubt."',
        "A closing line that repeats.",
        "Other text. He said no. More text.",
    ]


ENCODED = [
    "encoding_cp1252.html",
    "encoding_utf16.html",
    "encoding_lying_utf8.html",
    "encoding_lying_latin1.html",
    "encoding_undeclared.html",
    "encoding_mojibake.html",
]


@pytest.mark.parametrize("name", ENCODED)
def test_encodings_decode_to_the_same_text(name):
    article = extract_article((PAGES / name).read_bytes())
    assert article.title == "Café owners in Zürich say rent rules come too late"
    assert article.byline == "Renée Faßbender"
    assert article.outlet == "Alpine Ledger"
    assert article.published == "2023-05-22"
    assert "Owners of small cafés in Zürich’s old town" in article.text
    assert "“We lost three neighbours in six months,” said José Núñez" in article.text
    assert "Anaïs Weber" in article.text and "— though" in article.text
    for mojibake in ("Ã", "â€", "\ufffd"):
        assert mojibake not in article.text


def test_latin1_page():
    article = extract_article((PAGES / "encoding_latin1.html").read_bytes())
    assert "Owners of small cafés in Zürich's old town" in article.text
    assert "said José Núñez" in article.text and "Anaïs Weber" in article.text
    assert article.byline == "Renée Faßbender"


def test_http_charset_wins_over_nothing_and_bom_wins_over_declaration():
    body = "<p>Jürgen said “yes”.</p>".encode("cp1252")
    assert decode(body, declared="windows-1252") == "<p>Jürgen said “yes”.</p>"
    data = codecs.BOM_UTF8 + '<meta charset="iso-8859-1"><p>Zoë</p>'.encode()
    assert decode(data).endswith("<p>Zoë</p>")
    assert decode(codecs.BOM_UTF16_LE + "<p>naïve</p>".encode("utf-16-le")) == "<p>naïve</p>"
    lying = "<p>The café’s owner said “no” — twice.</p>".encode("cp1252")
    assert decode(lying, declared="utf-8") == "<p>The café’s owner said “no” — twice.</p>"


def test_charset_labels():
    assert (
        declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">')
        == "Shift_JIS"
    )
    assert declared_charset(b'<?xml version="1.0" encoding="ISO-8859-1"?><html>') == "ISO-8859-1"
    assert normalise_label("ISO-8859-1") == "cp1252"  # what browsers do
    assert normalise_label("no-such-charset") is None


def test_sniffing_html():
    assert looks_like_html(b"  <!DOCTYPE html><html><body>x</body></html>")
    assert looks_like_html(b"<html lang='en'>")
    assert not looks_like_html(b"The mayor said <b> is a tag.")


def test_broken_html_still_gives_the_text():
    page = (PAGES / "comments.html").read_text(encoding="utf-8")
    broken = page.replace("</p>", "").replace("</div>", "")[: page.index('<div id="comments"')]
    article = extract_article(broken)
    assert article.text.startswith("The city will close the Eastgate")
    assert "Carol Dunn" in article.text


def test_page_without_article_text():
    page = (
        "<html><head><title>Home | Example</title></head><body>"
        "<nav><a href='/a'>News</a> <a href='/b'>Sport</a></nav>"
        "<footer>Copyright</footer></body></html>"
    )
    with pytest.raises(InputError, match="no article text found"):
        extract_article(page)


@pytest.mark.parametrize("page", [b"", b"   \n", "<html></html>"])
def test_empty_pages(page):
    with pytest.raises(InputError, match="empty|no article text"):
        extract_article(page)


def test_binary_page_is_refused():
    with pytest.raises(InputError, match="binary"):
        extract_article(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def test_relay_chains_end_at_the_publisher():
    from according.pipeline import analyze

    analysis = analyze(extract_article((PAGES / "relayed.html").read_bytes()))
    chains = [analysis.chain_names(a) for a in analysis.attributions]
    assert chains, "the relayed page should have attributions"
    assert all(chain[-1] == "The Capitol Wire" for chain in chains)
    assert ["CNN", "The Capitol Wire"] in [chain[-2:] for chain in chains]
    assert "this article" not in {name for chain in chains for name in chain}


UNDATED = (
    "<html><head><title>Roads</title></head><body><article>"
    "<p>The minister said on Monday that the roads would reopen soon, according to "
    "officials in the capital city.</p>"
    "<p>Officials said more work was needed before the bridge could carry traffic.</p>"
    "</article><footer>Copyright 2020 Example News. All rights reserved.</footer>"
    "</body></html>"
)


def test_a_copyright_footer_is_not_a_publication_date():
    assert extract_article(UNDATED).published is None


def test_the_publication_date_comes_from_the_metadata_or_the_url():
    meta = '<meta property="article:published_time" content="2019-05-03T10:00:00Z">'
    assert extract_article(UNDATED.replace("<head>", "<head>" + meta)).published == "2019-05-03"
    dated_url = "https://example.com/news/2018/07/04/roads.html"
    assert extract_article(UNDATED, url=dated_url).published == "2018-07-04"
