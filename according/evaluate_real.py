"""Scores for the layer above spans on real articles: source kinds, descriptors, merges,
and each claim's source, polarity, estimative band, stated confidence and relay chain.

The gold format is `real_dev`'s (docs/evaluation.md): sources and claims are given as
verbatim strings, so gold sources are found by their mentions in the text and gold
claims by their ``near`` words, then paired one to one with what ``according`` found.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from according import lexicon
from according.analysis import Analysis, Attribution, Source
from according.article import Article
from according.evaluate import read_gold
from according.pipeline import analyze_many
from according.settings import DEFAULTS

SOURCE_FIELDS = ("kind", "role", "affiliation", "count", "basis", "merges")
CLAIM_FIELDS = ("source", "polarity", "band", "confidence", "chain")
_WORD = re.compile(r"[\w']+")
_STOP = frozenset({"the", "a", "an", "of", "for", "at", "in", "and", "s", "'s"})
_UNBANDED = re.compile(  # lower case only: "May" is a month
    r"\b(?:"
    + "|".join(re.escape(p) for p in sorted(lexicon.words("certainty", "unbanded_estimates")))
    + r")\b"
)


def _occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    """Where ``phrase`` occurs in ``text`` as whole words (case-sensitive, then not)."""
    if not phrase:
        return []
    pattern = r"(?<!\w)" + re.escape(phrase) + r"(?!\w)"
    found = [m.span() for m in re.finditer(pattern, text)]
    return found or [m.span() for m in re.finditer(pattern, text, re.IGNORECASE)]


def _chars(spans: Iterable[tuple[int, int]]) -> set[int]:
    return {i for s, e in spans for i in range(s, e)}


_INITIALS = re.compile(r"(?<!\w)(?:[A-Za-z]\.){2,}")
_NOTE = re.compile(r"\s*\([^)]*\)")
_POSTMODIFIER = re.compile(r",|\(| (?:of|for|to|at|in|with|from|on) | \w+ing ")


def _normal(value: str) -> str:
    """Lower case, one apostrophe, initials without dots ("U.S." is "us")."""
    value = _INITIALS.sub(lambda m: m.group().replace(".", ""), value)
    return value.lower().replace("’", "'")


def _words(value: str | None) -> set[str]:
    return {w for w in _WORD.findall(_normal(value or "")) if w not in _STOP}


def _heads(value: str) -> set[str]:
    """The last word, and the last word before a postmodifier: "manager of NASA's
    office" is headed by "manager", "Chief of Staff" by "chief" or "staff"."""
    lower = _normal(value)
    heads = set(_WORD.findall(lower)[-1:])
    cut = _POSTMODIFIER.search(lower, 1)
    if cut:
        heads.update(_WORD.findall(lower[: cut.start()])[-1:])
    return heads


def _initials(name: str) -> set[str]:
    """The acronyms a name is written as: "U.S. Food and Drug Administration" is FDA or
    USFDA (the capitalized words' initials, with or without a leading country)."""
    words = [w for w in _normal(name).split() if w not in ("and", "of", "the", "for", "&")]
    whole = "".join(w[0] for w in words if w[:1].isalpha())
    return {whole, whole[1:]} if len(whole) > 2 else {whole}


def _acronym_of(short: str, long: str) -> bool:
    token = short.strip().replace(".", "")
    return (
        token.isalpha() and token.isupper() and len(token) > 1 and token.lower() in _initials(long)
    )


def _agree(gold: str, pred: str) -> bool:
    g, p = _words(gold), _words(pred)
    if not g or not p:
        return False
    if _acronym_of(gold, pred) or _acronym_of(pred, gold):
        return True
    return (g <= p or p <= g) and (bool(_heads(gold) & _heads(pred)) or g == p)


def same_words(gold: str | None, pred: str | None) -> bool:
    """Free-text descriptors agree: one's content words hold the other's, heads equal.

    "White House Chief of Staff" and "chief of staff" agree (the affiliation is
    often written into the role), so do "manager" and "manager of NASA's office"
    (the head before a postmodifier); "spokesman" and "commander" do not. A gold
    note in parentheses ("ESPN (publisher)", "Representative (R-Colo.)") may be
    left out; "U.S." and "US" are one spelling, and so are "FDA" and "U.S. Food and
    Drug Administration" (an acronym and the initials of the name).
    """
    if not gold or not pred:
        return False
    bare = _NOTE.sub("", gold).strip()
    if bare != gold and _words(gold) == _words(pred):
        return True
    return bool(bare) and _agree(bare, pred)


@dataclass
class Count:
    """A field scored as precision/recall (both sides may be empty) or as accuracy."""

    tp: int = 0
    tp_pred: int | None = None  # when the predicted side is matched on its own (merges)
    pred: int = 0
    gold: int = 0
    unscored: int = 0  # predictions the gold leaves out by its convention (claims)
    relays: int = 0  # records of a relay step, which the gold gives as a chain element
    right: int = 0
    seen: int = 0
    errors: list[dict] = field(default_factory=list)

    def pr(self, gold_value, pred_value, ok: bool, where: dict) -> None:
        self.pred += pred_value is not None
        self.gold += gold_value is not None
        self.tp += ok and gold_value is not None and pred_value is not None
        if gold_value != pred_value and not ok:
            self.errors.append({**where, "gold": gold_value, "predicted": pred_value})

    def acc(self, gold_value, pred_value, ok: bool, where: dict) -> None:
        self.seen += 1
        self.right += ok
        if not ok:
            self.errors.append({**where, "gold": gold_value, "predicted": pred_value})

    def scores(self) -> dict:
        if self.seen:
            return {"accuracy": round(self.right / self.seen, 4), "n": self.seen}
        tp_pred = self.tp if self.tp_pred is None else self.tp_pred
        p = tp_pred / self.pred if self.pred else 1.0
        r = self.tp / self.gold if self.gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
            "predicted": self.pred,
            "gold": self.gold,
        } | {k: v for k, v in (("unscored", self.unscored), ("relays", self.relays)) if v}

    def figure(self) -> float:
        s = self.scores()
        return s.get("accuracy", s.get("f1", 0.0))


class Tallies:
    """Every field's counts over a corpus."""

    def __init__(self) -> None:
        self.fields = {name: Count() for name in ("sources", *SOURCE_FIELDS, "claims")}
        self.fields.update({name: Count() for name in CLAIM_FIELDS})
        self.articles = 0

    def result(self) -> dict:
        scored = [f for f in (*SOURCE_FIELDS, *CLAIM_FIELDS)]
        out: dict = {"articles": self.articles}
        out.update({name: count.scores() for name, count in self.fields.items()})
        out["summary"] = round(sum(self.fields[f].figure() for f in scored) / len(scored), 4)
        return out

    def errors(self) -> dict[str, list[dict]]:
        return {name: count.errors for name, count in self.fields.items() if count.errors}


# -- sources --------------------------------------------------------------------


def _gold_places(text: str, source: dict) -> set[int]:
    return _chars(_occurrences(text, source["mention"]))


def _one_to_one(pairs: list[tuple]) -> dict:
    """Greedy one-to-one pairing of (score, -gold index, predicted id, gold index, predicted)
    candidates, best score first (the earlier gold item on ties)."""
    used_g, used_p, result = set(), set(), {}
    for _, _, pid, i, p in sorted(pairs, key=lambda x: (x[0], x[1]), reverse=True):
        if i not in used_g and pid not in used_p:
            used_g.add(i)
            used_p.add(pid)
            result[i] = p
    return result


def pair_sources(text: str, gold: list[dict], pred: list[Source]) -> dict[int, Source]:
    """Gold source index -> the predicted source whose mentions cover its first mention best."""
    pairs = []
    for i, g in enumerate(gold):
        places = _gold_places(text, g)
        for p in pred:
            shared = len(places & _chars((m.start, m.end) for m in p.mentions))
            if shared:
                pairs.append((shared, -i, p.id, i, p))
    return _one_to_one(pairs)


def _score_source(text: str, g: dict, p: Source, tallies: Tallies, where: dict) -> None:
    f = tallies.fields
    f["kind"].acc(g["kind"], p.kind, g["kind"] == p.kind, where)
    f["role"].pr(g.get("role"), p.role, same_words(g.get("role"), p.role), where)
    f["affiliation"].pr(
        g.get("affiliation"),
        p.affiliation,
        same_words(g.get("affiliation"), p.affiliation),
        where,
    )
    f["count"].pr(g.get("count"), p.count, g.get("count") == p.count, where)
    f["basis"].pr(g.get("basis"), p.basis, same_words(g.get("basis"), p.basis), where)
    gold_names = [_name(m) for m in [g["mention"], *g.get("mentions", [])]]
    extra_gold = {_name(m) for m in g.get("mentions", [])} - {_name(g["mention"])}
    first = _gold_places(text, g)
    first_name = _name(g["mention"])
    extra_pred = {
        _name(m.text)
        for m in p.mentions
        if _name(m.text) in extra_gold or not _is_first(m, first, first_name)
    }
    merges = f["merges"]
    for name in extra_gold:
        merges.gold += 1
        found = any(_same_name(name, other) for other in extra_pred)
        merges.tp += found
        if not found:
            merges.errors.append({**where, "missing": name})
    for name in extra_pred:
        merges.pred += 1
        right = any(_same_name(name, other) for other in gold_names) or (
            g["kind"] == "outlet" and any(_story_of(name, other) for other in gold_names)
        )
        merges.tp_pred = (merges.tp_pred or 0) + right
        if not right:
            merges.errors.append({**where, "wrongly merged": name})


def _story_of(name: str, outlet: str) -> bool:
    """ "the times report" for the outlet "the times": the README merges an outlet's own
    story into the outlet ("the WSJ report", "NBC's report")."""
    words = name.split()
    if len(words) < 2 or words[-1] not in lexicon.words("sources", "outlet_story_heads"):
        return False
    owner = " ".join(words[:-1]).removesuffix("'s")
    return bool(owner) and (_same_name(owner, outlet) or _same_name("the " + owner, outlet))


def _is_first(mention, first: set[int], first_name: str) -> bool:
    """Whether a predicted mention is the gold first mention itself: at one of its places,
    and either inside it (other boundaries: "two sources" for "two sources with knowledge
    of the situation") or the same name ("former FBI Director James Comey"). A longer
    name that holds it ("The U.S. Centers for Disease Control (CDC)" for "CDC") is not.
    """
    places = _chars([(mention.start, mention.end)])
    if not first & places:
        return False
    return places <= first or _same_name(first_name, _name(mention.text))


def _name(value: str) -> str:
    return value.lower().replace("’", "'").strip(" ,.;:")


def _same_name(a: str, b: str) -> bool:
    """Two mentions name one thing: equal, or the longer is the shorter with a modifier
    before it ("former fbi director james comey"), an apposition or a postmodifier after
    it ("drew rosenhaus, brown's agent", "the exit polls by pollsters fom"); "the white house chief of staff" is not "the white house".
    """
    short, long = sorted((a, b), key=len)
    if not short:
        return False
    if short == long:
        return True
    for m in re.finditer(r"(?<!\w)" + re.escape(short) + r"(?!\w)", long):
        rest = long[m.end() :]
        if not rest or rest.startswith((",", " of ", " (", " who", " from ", " by ")):
            return True
    return False


# -- claims ---------------------------------------------------------------------


def _attribution_places(a: Attribution) -> set[int]:
    spans = [(c.start, c.end) for c in a.content]
    if a.cue is not None:
        spans.append((a.cue.start, a.cue.end))
    return _chars(spans)


def _gold_source_of(mention: str | None, gold: list[dict]) -> int | None:
    """Index of the gold source that ``mention`` names (first or other mention)."""
    if mention is None:
        return None
    for i, g in enumerate(gold):
        if mention == g["mention"] or mention in g.get("mentions", []):
            return i
    return None


def _pair_claims(
    text: str, claims: list[dict], analysis: Analysis, gold_src: list[dict], paired: dict
) -> dict[int, Attribution]:
    pairs = []
    for i, claim in enumerate(claims):
        places = _chars(_occurrences(text, claim["near"]))
        want = paired.get(_gold_source_of(claim["source"], gold_src))
        for a in analysis.attributions:
            shared = len(places & _attribution_places(a))
            if shared:
                bonus = 10_000 if want is not None and a.source == want.id else 0
                pairs.append((shared + bonus, -i, a.id, i, a))
    return _one_to_one(pairs)


def _own_voice(text: str, claim: dict, analysis: Analysis):
    """The unattributed claim of the analysis that holds ``near``, if any."""
    places = _chars(_occurrences(text, claim["near"]))
    return next(
        (c for c in analysis.unattributed if places & _chars([(c.span.start, c.span.end)])),
        None,
    )


def _chain_ids(a: Attribution, analysis: Analysis) -> list[str]:
    kinds = {s.id: s.kind for s in analysis.sources}
    chain = [s for s in a.chain if kinds.get(s) != "publisher"]
    return chain or ([a.source] if a.source else [])


def _score_claims(text, record, analysis, paired, tallies: Tallies, article_id: str) -> None:
    gold_src, claims = record["sources"], record["claims"]
    matched = _pair_claims(text, claims, analysis, gold_src, paired)
    f = tallies.fields
    for i, claim in enumerate(claims):
        where = {"article": article_id, "near": claim["near"]}
        f["claims"].gold += 1
        if claim["source"] is None:
            own = _own_voice(text, claim, analysis)
            found = own is not None and i not in matched
            f["claims"].tp += found
            f["source"].acc(None, None if found else "an attribution", found, where)
            if found:
                band = own.certainty.band
                f["band"].acc(claim["band"], band, claim["band"] == band, where)
                f["polarity"].acc(
                    claim["polarity"], "asserts", claim["polarity"] == "asserts", where
                )
            continue
        a = matched.get(i)
        if a is None:
            f["claims"].errors.append({**where, "missing": claim["source"]})
            continue
        f["claims"].tp += 1
        refers = _referrer(text, analysis, gold_src, paired)
        name = analysis.source(a.source).name if analysis.source(a.source) else None
        f["source"].acc(claim["source"], name, refers(a.source, claim["source"]), where)
        f["polarity"].acc(claim["polarity"], a.polarity, claim["polarity"] == a.polarity, where)
        band = a.certainty.band
        f["band"].acc(claim["band"], band, claim["band"] == band, where)
        conf = a.certainty.confidence
        f["confidence"].pr(claim.get("confidence"), conf, claim.get("confidence") == conf, where)
        _score_chain(claim, a, analysis, refers, f["chain"], where)
    paired_ids = {a.id for a in matched.values()}
    for a in analysis.attributions:
        if a.id in paired_ids:
            f["claims"].pred += 1
            continue
        if any(relays(a, b) for b in matched.values()):
            f["claims"].relays += 1
            continue
        left_out = unscored(text, a)
        f["claims"].pred += not left_out
        f["claims"].unscored += left_out
        words = " | ".join(c.text for c in a.content)
        cue = a.cue.text if a.cue is not None else None
        f["claims"].errors.append(
            {"article": article_id, "cue": cue, "spurious": words, "unscored": left_out}
        )


def relays(outer: Attribution, claim: Attribution) -> bool:
    """``outer`` is a relay step of ``claim`` ("a newspaper reported his autopsy shows P":
    the newspaper's record of the autopsy's claim): its source is a relay in the claim's
    chain and it holds the claim. The README gives relays as chain elements, not claims."""
    if outer.source is None or outer.source not in claim.chain[1:]:
        return False
    return claim.parent == outer.id or any(
        c.overlaps(d) for c in outer.content for d in claim.content
    )


def unscored(text: str, a: Attribution) -> bool:
    """An attribution whose words hold an estimate the gold leaves out as mapping to no
    one band ("may", "could", "expected to", "little doubt"): the README's "such
    sentences have no claim in the file ... not wrong by this set, only unscored"."""
    spans = [(c.start, c.end) for c in a.content]
    if a.cue is not None:
        spans.append((a.cue.start, a.cue.end))
    words = " ".join(text[s:e] for s, e in sorted(spans))
    return _UNBANDED.search(words) is not None


def _referrer(text: str, analysis: Analysis, gold_src: list[dict], paired: dict):
    """A test: does predicted source ``sid`` stand for the gold source named ``mention``?

    Yes when it is the source paired with that gold source, or when one of its
    mentions is that very mention in the text: a claim given to the right words
    counts even if the merge around it went wrong (merges are scored on their own).
    """

    def refers(sid: str | None, mention: str) -> bool:
        want = paired.get(_gold_source_of(mention, gold_src))
        if sid is None:
            return False
        if want is not None and sid == want.id:
            return True
        source = analysis.source(sid)
        places = _chars(_occurrences(text, mention))
        return source is not None and any(
            places & _chars([(m.start, m.end)]) for m in source.mentions
        )

    return refers


def _score_chain(claim, a, analysis, refers, count: Count, where) -> None:
    gold_chain = claim.get("chain") or [claim["source"]]
    got = _chain_ids(a, analysis)
    ok = len(got) == len(gold_chain) and all(
        refers(sid, m) for sid, m in zip(got, gold_chain, strict=True)
    )
    names = [analysis.source(s).name for s in got if analysis.source(s)]
    count.acc(gold_chain, names, ok, where)


# -- the whole run --------------------------------------------------------------


def score_article(record: dict, analysis: Analysis, tallies: Tallies) -> None:
    """Add one article's figures to ``tallies``."""
    text = record["text"]
    pred = [s for s in analysis.sources if s.kind != "publisher"]
    gold = record["sources"]
    paired = pair_sources(text, gold, pred)
    tallies.articles += 1
    f = tallies.fields
    f["sources"].gold += len(gold)
    f["sources"].pred += len(pred)
    f["sources"].tp += len(paired)
    for i, g in enumerate(gold):
        where = {"article": record["id"], "source": g["mention"]}
        if i in paired:
            _score_source(text, g, paired[i], tallies, where)
        else:
            f["sources"].errors.append({**where, "missing": g["kind"]})
    matched_ids = {p.id for p in paired.values()}
    for p in pred:
        if p.id not in matched_ids:
            f["sources"].errors.append(
                {"article": record["id"], "spurious": p.name, "kind": p.kind}
            )
    _score_claims(text, record, analysis, paired, tallies, record["id"])


def article_of(record: dict) -> Article:
    """The article a gold record describes, with its publisher and date."""
    return Article(
        text=record["text"],
        id=record.get("id"),
        url=record.get("url"),
        outlet=record.get("outlet"),
        published=record.get("date"),
    )


def evaluate_records(
    records: list[dict], analyze: Callable[[list[Article]], Iterator[Analysis]]
) -> tuple[dict, dict]:
    """Scores and the list of errors per field, for gold ``records``."""
    tallies = Tallies()
    analyses = analyze([article_of(r) for r in records])
    for record, analysis in zip(records, analyses, strict=True):
        score_article(record, analysis, tallies)
    return tallies.result(), tallies.errors()


def format_report(scores: dict) -> str:
    """One line per field: P/R/F1 or accuracy, and the summary figure."""
    lines = [f"{scores['articles']} articles"]
    for name in ("sources", *SOURCE_FIELDS, "claims", *CLAIM_FIELDS):
        s = scores[name]
        if "accuracy" in s:
            lines.append(f"{name:<12} accuracy {s['accuracy']:.3f}  (n={s['n']})")
        else:
            lines.append(
                f"{name:<12} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}"
                f"  (pred {s['predicted']}, gold {s['gold']}"
                + "".join(f", {k} {s[k]}" for k in ("unscored", "relays") if s.get(k))
                + ")"
            )
    lines.append(f"{'summary':<12} {scores['summary']:.3f}  (mean of the eleven field figures)")
    return "\n".join(lines) + "\n"


def evaluate_path(
    path: str, limit: int | None = None, extractor: str | None = None
) -> tuple[dict, dict]:
    """Score ``according`` (with the named extractor) on a real-article gold file."""
    options = DEFAULTS.with_(require_english=False)
    records = list(read_gold(path, limit))
    return evaluate_records(
        records, lambda articles: analyze_many(articles, options, extractor=extractor)
    )
