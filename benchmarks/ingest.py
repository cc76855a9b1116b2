"""Pages per second for HTML extraction alone vs extraction + analysis, in one run.

PolNeAR dev articles (read in place from ../shared/data/polnear/dev.jsonl) are
wrapped in a news-page template with navigation, ads, related links, comments and
scripts; the benchmark times ``extract_article`` over every page, then
``extract_article`` + ``analyze``, and prints both rates and their ratio. It also
counts the pages whose extracted body equals the original text exactly, and up
to white space (trafilatura turns no-break spaces into spaces).

    python benchmarks/ingest.py [--data PATH] [--limit N]
"""

from __future__ import annotations

import argparse
import html
import json
import sys
import time
from pathlib import Path

from according import nlp
from according.ingest.html import extract_article
from according.pipeline import analyze

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "polnear" / "dev.jsonl"

TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | The Benchmark Post</title>
<meta property="og:site_name" content="The Benchmark Post">
<link rel="canonical" href="https://benchmarkpost.example/{slug}">
<meta name="author" content="Alex Writer">
<meta property="article:published_time" content="2016-10-0{day}T09:00:00Z">
<script>var ads = []; function track(e) {{ ads.push(e); }} track("view");</script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/world">World</a>
<a href="/business">Business</a> <a href="/subscribe">Subscribe</a></nav></header>
<div class="ad">Advertisement</div>
<main><article><h1>{title}</h1><p class="byline">By Alex Writer</p>
{body}
</article>
<aside class="related"><h2>Related</h2><ul>
<li><a href="/a">Senate leaders trade blame as shutdown deadline nears</a></li>
<li><a href="/b">Five things to watch in tonight's debate</a></li></ul></aside>
<section id="comments"><h2>Comments</h2>
<div class="comment"><b>reader1</b> This is the worst reporting I have seen all year, shame on you.</div>
<div class="comment"><b>reader2</b> Finally someone says it. Great article, sharing with everyone.</div>
</section></main>
<footer><p>&copy; 2016 The Benchmark Post. All rights reserved.</p>
<a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>
<script src="/analytics.js"></script></body></html>
"""


def pages(path: Path, limit: int | None) -> list[tuple[str, str]]:
    """(page, original body text) for each article: the first line is the headline."""
    result = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if limit is not None and number >= limit:
                break
            text = json.loads(line)["text"]
            title, _, body = text.partition("\n")
            paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
            markup = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
            page = TEMPLATE.format(
                title=html.escape(title.strip()), slug=number, day=number % 9 + 1, body=markup
            )
            result.append((page, "\n\n".join(paragraphs)))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="PolNeAR-style JSONL")
    parser.add_argument("--limit", type=int, default=None, help="use the first N articles")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"benchmark data not found at {args.data}", file=sys.stderr)
        return 2
    corpus = pages(args.data, args.limit)
    nlp.load()  # the model load is not part of either rate
    extract_article(corpus[0][0])  # warm trafilatura's caches

    started = time.perf_counter()
    extracted = [extract_article(page) for page, _ in corpus]
    extract_s = time.perf_counter() - started
    pairs = list(zip(extracted, corpus, strict=True))
    exact = sum(a.text == original for a, (_, original) in pairs)
    spaced = sum(a.text.split() == original.split() for a, (_, original) in pairs)

    started = time.perf_counter()
    attributions = 0
    for page, _ in corpus:
        attributions += len(analyze(extract_article(page)).attributions)
    full_s = time.perf_counter() - started

    n = len(corpus)
    words = sum(len(a.text.split()) for a in extracted)
    extract_rate, full_rate = n / extract_s, n / full_s
    print(f"pages: {n} ({words:,} words of article text, {len(corpus[0][0]):,} bytes first page)")
    print(f"body text recovered exactly: {exact}/{n}; equal up to white space: {spaced}/{n}")
    print(
        f"extraction alone:      {extract_rate:8.1f} pages/s  ({extract_s * 1000 / n:.1f} ms/page)"
    )
    print(f"extraction + analysis: {full_rate:8.1f} pages/s  ({full_s * 1000 / n:.1f} ms/page)")
    print(
        f"ratio: extraction is {extract_rate / full_rate:.1f}x faster than the whole analysis; "
        f"it takes {100 * extract_s / full_s:.1f}% of it ({attributions} attributions found)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
