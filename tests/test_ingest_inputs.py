"""Inputs the way they arrive: folders, JSONL, WARC archives, stdin, URLs' ids, bad items,
through ``read_inputs`` and through the real ``according analyze`` command."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import pytest
from cli import according_cli
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from according.ingest import ArchiveStats, is_collection, read_inputs
from according.settings import Options

PAGES = Path(__file__).parent / "fixtures" / "html"
ROOT = Path(__file__).resolve().parent.parent
TEXT = (
    "The mayor said on Tuesday that the budget would pass, according to two aides "
    "familiar with the talks. Officials declined to comment."
)


def write_warc(path: Path, pages: list[tuple[str, bytes]]) -> None:
    """A WARC with a warcinfo record, then for each page a request and an HTML response,
    plus an image response, a 404 and a metadata record that must be skipped."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.name.endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for url, body in pages:
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "x")], is_http_request=True)
            writer.write_record(
                writer.create_warc_record(
                    url, "request", payload=io.BytesIO(b""), http_headers=request
                )
            )
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=headers
                )
            )
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://x.example/logo.png",
                "response",
                payload=io.BytesIO(b"\x89PNG"),
                http_headers=image,
            )
        )
        missing = StatusAndHeaders(
            "404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                "https://x.example/gone",
                "response",
                payload=io.BytesIO(b"<p>gone</p>"),
                http_headers=missing,
            )
        )
        writer.write_record(
            writer.create_warc_record(
                "https://x.example/",
                "metadata",
                payload=io.BytesIO(b"outlinks: none"),
                warc_content_type="application/warc-fields",
            )
        )


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    (root / "b-sub").mkdir(parents=True)
    (root / "a.txt").write_text(TEXT, encoding="utf-8")
    (root / "b-sub" / "page.html").write_bytes((PAGES / "amp.html").read_bytes())
    (root / "c-empty.txt").write_bytes(b"")
    (root / "d-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (root / "e-menu.htm").write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav></body></html>"
    )
    (root / "f.jsonl").write_text(
        json.dumps({"text": TEXT, "url": "https://www.cnn.com/2024/a", "id": "story-1"})
        + "\n\n"
        + "{not json\n"
        + json.dumps({"html": (PAGES / "comments.html").read_text(encoding="utf-8")})
        + "\n"
        + json.dumps({"title": "no body"})
        + "\n",
        encoding="utf-8",
    )
    (root / "notes.md").write_text("ignored: not a known suffix")
    (root / ".hidden.txt").write_text("ignored: hidden")
    return root


def test_folder_recursive_sorted_with_bad_items(folder):
    items = list(read_inputs([str(folder)]))
    ids = [i.id for i in items]
    assert ids == [
        f"{folder}/a.txt",
        f"{folder}/b-sub/page.html",
        f"{folder}/c-empty.txt",
        f"{folder}/d-binary.txt",
        f"{folder}/e-menu.htm",
        f"{folder}/f.jsonl:1",
        f"{folder}/f.jsonl:3",
        f"{folder}/f.jsonl:4",
        f"{folder}/f.jsonl:5",
    ]
    by_id = {i.id: i for i in items}
    assert by_id[f"{folder}/a.txt"].article.text == TEXT
    assert by_id[f"{folder}/b-sub/page.html"].article.outlet == "Plains Dispatch"
    assert "empty" in by_id[f"{folder}/c-empty.txt"].error
    assert "binary" in by_id[f"{folder}/d-binary.txt"].error
    assert "no article text found" in by_id[f"{folder}/e-menu.htm"].error
    first = by_id[f"{folder}/f.jsonl:1"].article
    assert (first.id, first.url, first.outlet) == (
        "story-1",
        "https://www.cnn.com/2024/a",
        "cnn.com",
    )
    assert "not valid JSON" in by_id[f"{folder}/f.jsonl:3"].error
    html_record = by_id[f"{folder}/f.jsonl:4"].article
    assert html_record.outlet == "Lakeside Times" and "readerjoe" not in html_record.text
    assert "no 'text' or 'html'" in by_id[f"{folder}/f.jsonl:5"].error
    for item in items:
        assert (item.article is None) != (item.error is None)


def test_read_inputs_is_lazy(folder):
    def names():
        yield str(folder / "a.txt")
        raise AssertionError("the second input was read before the first was used")

    items = read_inputs(names())
    assert next(items).article.text == TEXT


def test_jsonl_line_over_the_cap(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text(
        json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": TEXT}) + "\n",
        encoding="utf-8",
    )
    first, second = read_inputs([str(path)], Options(ingest_max_bytes=1000))
    assert "longer than 1,000 bytes" in first.error
    assert second.id == f"{path}:2" and second.article.text == TEXT


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_html_responses_only(tmp_path, name):
    path = tmp_path / name
    write_warc(
        path,
        [
            ("https://www.harborcourier.example/a", (PAGES / "article_tags.html").read_bytes()),
            ("https://lakesidetimes.example.com/b", (PAGES / "comments.html").read_bytes()),
        ],
    )
    stats = ArchiveStats()
    items = list(read_inputs([str(path)], Options(), stats))
    assert [i.article.outlet for i in items] == ["The Harbor Courier", "Lakeside Times"]
    assert all(i.id.startswith(f"{path}#") for i in items)
    offsets = [int(i.id.rsplit("#", 1)[1]) for i in items]
    assert offsets == sorted(offsets) and offsets[0] > 0
    assert stats.records == 8 and stats.pages == 2
    assert stats.skipped == {
        "request record": 2,
        "warcinfo record": 1,
        "non-HTML response": 1,
        "HTTP 404 response": 1,
        "metadata record": 1,
    }
    assert "1 archive: 8 records, 2 HTML pages, 6 skipped (" in stats.summary()


@pytest.mark.parametrize("name", ["cut.warc.gz", "cut.warc"])
def test_truncated_warc_keeps_what_came_before(tmp_path, name):
    path = tmp_path / name
    write_warc(path, [("https://a.example/1", (PAGES / "amp.html").read_bytes())] * 3)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * 0.8)])  # inside the third page
    items = list(read_inputs([str(path)]))
    assert [i.article.outlet for i in items[:2]] == ["Plains Dispatch", "Plains Dispatch"]
    assert len(items) == 3 and "cut short (truncated archive)" in items[2].error


def test_is_collection(folder, tmp_path):
    assert is_collection(str(folder))
    assert is_collection(str(folder / "f.jsonl"))
    assert is_collection("crawl.warc.gz")
    assert not is_collection(str(folder / "a.txt"))
    assert not is_collection("-")
    assert not is_collection("https://example.org/x.jsonl")


def test_missing_and_unreadable_inputs(tmp_path):
    missing, url = read_inputs([str(tmp_path / "nope.html"), "gopher://x.example/"])
    assert missing.error == f"{tmp_path / 'nope.html'}: no such file or folder"
    assert "only http and https" in url.error and url.id == "gopher://x.example/"


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return according_cli("analyze", *args, stdin=stdin, text=False, timeout=300)


@pytest.fixture(scope="module")
def huge_file(tmp_path_factory) -> Path:
    """A 50 MB HTML file, written in chunks."""
    path = tmp_path_factory.mktemp("huge") / "huge.html"
    chunk = b"<p>" + b"The council said the plan would fail. " * 260 + b"</p>\n"
    with path.open("wb") as out:
        out.write(b"<html><body>")
        while out.tell() < 50 * 1024 * 1024:
            out.write(chunk)
    return path


def test_cli_batch_json_lines_in_order_with_error_records(folder, tmp_path, huge_file):
    warc = tmp_path / "crawl.warc.gz"
    write_warc(
        warc, [("https://www.harborcourier.example/a", (PAGES / "article_tags.html").read_bytes())]
    )
    result = run_cli(str(folder), str(huge_file), str(warc), "--json")
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr
    assert result.returncode == 1  # some items failed
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    ids = [line["id"] for line in lines]
    assert ids[:9] == [i.id for i in read_inputs([str(folder)])]
    assert ids[9] == str(huge_file) and ids[10].startswith(f"{warc}#")
    errors = {line["id"]: line["error"] for line in lines if "error" in line}
    assert set(errors) == {
        f"{folder}/c-empty.txt",
        f"{folder}/d-binary.txt",
        f"{folder}/e-menu.htm",
        f"{folder}/f.jsonl:3",
        f"{folder}/f.jsonl:5",
        str(huge_file),
    }
    assert f"too large ({huge_file.stat().st_size:,} bytes" in errors[str(huge_file)]
    good = [line for line in lines if "error" not in line]
    assert all(line["schema"] == "according/1" for line in good)
    amp = next(line for line in good if line["id"].endswith("page.html"))
    assert amp["article"]["outlet"] == "Plains Dispatch"
    assert amp["article"]["published"] == "2022-07-19"
    assert lines[-1]["article"]["outlet"] == "The Harbor Courier"
    assert "according: 1 archive: 6 records, 1 HTML page, 5 skipped (" in stderr


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "c-empty.txt", "file is empty"),
        (lambda d: d / "d-binary.txt", "binary"),
        (lambda d: d / "e-menu.htm", "no article text found"),
    ],
)
def test_cli_single_bad_input_is_one_line(folder, make, message):
    result = run_cli(str(make(folder)))
    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert stderr.count("\n") == 1 and stderr.startswith("according: error: ")
    assert message in stderr and "Traceback" not in stderr


def test_cli_huge_single_file(huge_file):
    result = run_cli(str(huge_file))
    assert result.returncode == 2
    size = huge_file.stat().st_size
    assert size > 50 * 1024 * 1024
    assert result.stderr.decode().startswith(f"according: error: {huge_file}: too large ({size:,} ")


def test_cli_html_on_stdin():
    result = run_cli("-", "--json", stdin=(PAGES / "relayed.html").read_bytes())
    assert result.returncode == 0, result.stderr.decode()
    analysis = json.loads(result.stdout)
    assert analysis["article"]["outlet"] == "The Capitol Wire"
    assert analysis["article"]["title"].startswith("Officials weigh new limits")
    names = {s["id"]: s["name"] for s in analysis["sources"]}
    chains = [[names[i] for i in a["chain"]] for a in analysis["attributions"]]
    assert chains and all(chain[-1] == "The Capitol Wire" for chain in chains)
