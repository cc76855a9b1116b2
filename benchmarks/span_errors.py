"""Error classes of the span extractor on PolNeAR dev, per role (cue, source, content).

For each article and role, predicted and gold spans are first matched exactly
(one to one, as ``according evaluate`` does); what is left is matched by
shared characters. A gold span left over is *missed* (no overlapping prediction
at all, or its overlapping prediction already went to another gold span: a
*merge*); a prediction left over is *spurious* (no overlapping gold, or a
*split*: its overlapping gold went to another prediction). An overlapping pair
is a *boundary* error of one kind, the first that applies (a missed or spurious
span in or just after a transcript's speaker label, "WALLACE:", is counted
apart as ``speaker label``):

- ``speaker label``: a transcript's label ("WALLACE:") at one span's start only
- ``crosses paragraph`` / ``crosses sentence``: the characters in one span only
  hold a line break / a sentence start of the parse (other than a piece's start)
- ``leading conjunction``: one span only starts with "but", "and", "that"...
- ``trailing attribution``: one span only runs on over a cue (", he said")
- ``punctuation only``: the spans differ by punctuation and quotation marks
- ``pieces``: content pieces differ in number (a discontinuous span)
- ``too long|short at start|end``: what is left, by the side that differs most

    python benchmarks/span_errors.py [--data PATH] [--limit N] [--extractor NAME]
                                     [--examples K] [--json FILE]

It also prints the usual scores (``according evaluate``'s table) of the same run.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "polnear" / "dev.jsonl"
ROLES = ("cue", "source", "content")
CONJUNCTIONS = frozenset(
    {"but", "and", "or", "so", "yet", "that", "because", "while", "although", "though", "as"}
)
SPEAKER = re.compile(r"^\s*[A-Z][A-Z.'\- ]{1,30}:\s")
LABEL = re.compile(r"(?m)^[\"“]?[A-Z][A-Z.'\- ]{1,30}:")  # a transcript's "WALLACE:"
PUNCT = set(".,;:!?\"'“”‘’«»()[]—–-…")
KINDS = (
    "speaker label",
    "crosses paragraph",
    "crosses sentence",
    "leading conjunction",
    "trailing attribution",
    "punctuation only",
    "pieces",
    "too long at start",
    "too short at start",
    "too long at end",
    "too short at end",
)
Pieces = tuple[tuple[int, int], ...]


def chars(text: str, pieces: Pieces) -> set[int]:
    return {i for s, e in pieces for i in range(s, e) if not text[i].isspace()}


def _match(gold: list, pred: list, score) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs, best first (as ``according.evaluate._match``)."""
    pairs = sorted(
        ((s, i, j) for i, g in enumerate(gold) for j, p in enumerate(pred) if (s := score(g, p))),
        reverse=True,
    )
    used_g, used_p, out = set(), set(), []
    for _, i, j in pairs:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


def _first_word(text: str, start: int, end: int) -> str:
    words = re.findall(r"[A-Za-z’']+", text[start:end])
    return words[0].lower() if words else ""


def boundary_kind(
    text: str,
    gold: Pieces,
    pred: Pieces,
    sentence_starts: set[int],
    cues: list[tuple[int, int]],
) -> str:
    """The kind of a boundary error between overlapping ``gold`` and ``pred`` (see above)."""
    g, p = chars(text, gold), chars(text, pred)
    only = (g - p) | (p - g)
    gs, ge = gold[0][0], gold[-1][1]
    ps, pe = pred[0][0], pred[-1][1]
    if bool(SPEAKER.match(text[gs:ge])) != bool(SPEAKER.match(text[ps:pe])):
        return "speaker label"
    lo, hi = min(gs, ps), max(ge, pe)
    differing = [
        i for i in range(lo, hi) if (i in only) or (text[i] == "\n" and _between(i, gold, pred))
    ]
    if any(text[i] == "\n" for i in differing):
        return "crosses paragraph"
    piece_starts = {s for s, _ in gold} | {s for s, _ in pred}
    if any(s in only and s not in piece_starts for s in sentence_starts if lo <= s < hi):
        return "crosses sentence"
    if gs != ps:
        early, late = min(gs, ps), max(gs, ps)
        if _first_word(text, early, late) in CONJUNCTIONS:
            return "leading conjunction"
    if pe != ge:
        early, late = min(pe, ge), max(pe, ge)
        if any(early <= c0 and c1 <= late for c0, c1 in cues):
            return "trailing attribution"
    if all(text[i] in PUNCT for i in only):
        return "punctuation only"
    if len(gold) != len(pred):
        return "pieces"
    start_diff, end_diff = abs(ps - gs), abs(pe - ge)
    if start_diff >= end_diff:
        return "too long at start" if ps < gs else "too short at start"
    return "too long at end" if pe > ge else "too short at end"


def _between(i: int, gold: Pieces, pred: Pieces) -> bool:
    """Whether offset ``i`` is inside exactly one of the two spans' extents."""
    in_g = gold[0][0] <= i < gold[-1][1]
    in_p = pred[0][0] <= i < pred[-1][1]
    return in_g != in_p


def classify_role(
    text: str,
    gold: list[Pieces],
    pred: list[Pieces],
    sentence_starts: set[int],
    cues: list[tuple[int, int]],
) -> list[tuple[str, Pieces | None, Pieces | None]]:
    """(class, gold, predicted) for every span of one role in one article."""
    out: list[tuple[str, Pieces | None, Pieces | None]] = []
    exact = _match(gold, pred, lambda a, b: 1.0 if a == b else 0.0)
    out += [("exact", gold[i], pred[j]) for i, j in exact]
    rest_g = [g for i, g in enumerate(gold) if i not in {a for a, _ in exact}]
    rest_p = [p for j, p in enumerate(pred) if j not in {b for _, b in exact}]
    gc = [chars(text, g) for g in rest_g]
    pc = [chars(text, p) for p in rest_p]
    pairs = _match(gc, pc, lambda a, b: len(a & b))
    for i, j in pairs:
        kind = boundary_kind(text, rest_g[i], rest_p[j], sentence_starts, cues)
        out.append((f"boundary: {kind}", rest_g[i], rest_p[j]))
    labels = [(m.start(), m.end()) for m in LABEL.finditer(text)]

    def why(base: str, span: Pieces, touched: bool) -> str:
        if _at_label(span, labels):
            return f"{base}: speaker label"
        return (
            f"{base}: {'merged' if base == 'missed' else 'split'}"
            if touched
            else (f"{base}: no overlap")
        )

    paired_g, paired_p = {i for i, _ in pairs}, {j for _, j in pairs}
    all_p = [chars(text, p) for p in pred]
    all_g = [chars(text, g) for g in gold]
    for i, g in enumerate(rest_g):
        if i not in paired_g:
            touched = any(gc[i] & c for c in all_p)
            out.append((why("missed", g, touched), g, None))
    for j, p in enumerate(rest_p):
        if j not in paired_p:
            touched = any(pc[j] & c for c in all_g)
            out.append((why("spurious", p, touched), None, p))
    return out


def _at_label(span: Pieces, labels: list[tuple[int, int]]) -> bool:
    """Whether a span is (in) a transcript's speaker label or starts just after one."""
    start, end = span[0][0], span[-1][1]
    return any(s < end and start < e or e <= start <= e + 3 for s, e in labels)


def show(text: str, gold: Pieces | None, pred: Pieces | None, width: int = 60) -> str:
    """The two spans in context: gold in [ ], predicted in { }."""
    spans = [x for x in (gold, pred) if x]
    lo = max(0, min(s for x in spans for s, _ in x) - 25)
    hi = min(len(text), max(e for x in spans for _, e in x) + 25)
    marks: dict[int, str] = defaultdict(str)
    for s, e in gold or ():
        marks[s] += "["
        marks[e] = "]" + marks[e]
    for s, e in pred or ():
        marks[s] += "{"
        marks[e] = "}" + marks[e]
    shown = "".join(marks.get(i, "") + text[i] for i in range(lo, hi)) + marks.get(hi, "")
    shown = shown.replace("\n", "⏎")
    if len(shown) > 2 * width + 40:
        shown = shown[: width + 20] + " ... " + shown[-width - 20 :]
    return ("..." if lo else "") + shown + ("..." if hi < len(text) else "")


def run(data: Path, limit: int | None, extractor: str) -> tuple[dict, list[dict]]:
    """(scores as ``according evaluate`` gives them, one row per classified span)."""
    from according import nlp
    from according.article import Article
    from according.evaluate import gold_records, predicted_records, read_gold, score
    from according.pipeline import analyze_doc, check
    from according.settings import DEFAULTS

    articles = list(read_gold(data, limit))
    options = DEFAULTS.with_(require_english=False)
    texts = [a["text"] for a in articles]
    docs = nlp.load().pipe(texts, batch_size=16)
    rows, triples = [], []
    for number, (article, doc) in enumerate(zip(articles, docs, strict=True)):
        text = article["text"]
        analysis = analyze_doc(doc, check(Article(text=text), options), extractor)
        gold, pred = gold_records(article), predicted_records(analysis)
        triples.append((text, gold, pred))
        starts = {s.start_char for s in doc.sents}
        cues = [x.cue[0] for x in gold + pred if x.cue]
        for role in ROLES:
            g = [x.role(role) for x in gold if x.role(role)]
            p = [x.role(role) for x in pred if x.role(role)]
            for kind, gs, ps in classify_role(text, g, p, starts, cues):
                rows.append(
                    {
                        "article": number,
                        "role": role,
                        "class": kind,
                        "gold": gs,
                        "pred": ps,
                        "shown": show(text, gs, ps),
                    }
                )
    return score(triples), rows


def summary(rows: list[dict], examples: int) -> str:
    """Counts per role and class, with shares of gold (missed, boundary) or predictions."""
    lines = []
    for role in ROLES:
        mine = [r for r in rows if r["role"] == role]
        n_gold = sum(1 for r in mine if r["gold"] is not None)
        n_pred = sum(1 for r in mine if r["pred"] is not None)
        counts = Counter(r["class"] for r in mine)
        lines.append(f"\n{role}: {n_gold} gold, {n_pred} predicted")
        for kind, n in sorted(counts.items(), key=lambda kv: (_order(kv[0]), -kv[1])):
            base = n_pred if kind.startswith("spurious") else n_gold
            lines.append(f"  {kind:<34} {n:>5}  {n / base if base else 0:6.1%}")
        for kind in sorted(counts, key=_order):
            if kind == "exact" or not examples:
                continue
            lines.append(f"  e.g. {kind}:")
            for r in [r for r in mine if r["class"] == kind][:examples]:
                lines.append(f"    #{r['article']}: {r['shown']}")
    return "\n".join(lines) + "\n"


def _order(kind: str) -> tuple[int, int]:
    group, _, sub = kind.partition(": ")
    first = ("exact", "boundary", "missed", "spurious").index(group)
    return first, KINDS.index(sub) if sub in KINDS else len(KINDS)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--extractor", default="hybrid", help="span extractor (the setting)")
    parser.add_argument("--examples", type=int, default=3, help="examples per class")
    parser.add_argument("--json", type=Path, help="write every classified span to this file")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"no data at {args.data} (PolNeAR dev, in ../shared/)", file=sys.stderr)
        return 2
    from according.evaluate import format_report

    scores, rows = run(args.data, args.limit, args.extractor)
    sys.stdout.write(format_report(scores))
    sys.stdout.write(summary(rows, args.examples))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
