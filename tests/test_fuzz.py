"""Fuzzing ``according.analyze``: arbitrary Unicode and hand-built pathological inputs.

Whatever the text, ``analyze`` returns an ``Analysis`` whose every span lies inside
the text and equals its slice, or raises a documented ``AccordingError``; and no
input, however odd, keeps it busy past a generous time bound.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Iterator
from multiprocessing.connection import Connection

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import according
from according import AccordingError, Analysis, InputError, Span, nlp
from according.validate import MAX_RUN_WORDS, longest_run

ANY_LANGUAGE = according.DEFAULTS.with_(require_english=False)
PATHOLOGICAL_BOUND = 60.0  # seconds each; generous: a shared 2-core machine

NEWS_WORDS = [
    "said", "says", "told", "according to", "reported", "denied", "declined to comment",
    "the minister", "officials", "two sources familiar with the matter", "he", "she", "they",
    "CNN", "the document", "the memo", "likely", "probably", "almost certainly",
    "with moderate confidence", "Reuters", "President Smith", "a spokesman", "U.S.",
    "\n", "\n\n", ",", ".", ":", ";", "?", "!", "—", "(", ")",
]  # fmt: skip
QUOTES = ['"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "``", "''"]
ODD = [
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u202e",
    "\u2066",
    "\x07",
    "\x1b",
    "\u0301",
    "\U0001f600",
    "\udc80",
]


def all_spans(analysis: Analysis) -> Iterator[tuple[str, Span]]:
    """Every span in an analysis, named by where it sits."""
    for source in analysis.sources:
        for mention in source.mentions:
            yield f"source {source.id} mention", mention
    for a in analysis.attributions:
        for name, span in (("cue", a.cue), ("source", a.source_mention), ("to", a.recipient)):
            if span is not None:
                yield f"attribution {a.id} {name}", span
        for piece in a.content:
            yield f"attribution {a.id} content", piece
        for cue in a.certainty.cues:
            yield f"attribution {a.id} certainty cue", cue
    for n, claim in enumerate(analysis.unattributed):
        yield f"claim {n}", claim.span
        for cue in claim.certainty.cues:
            yield f"claim {n} certainty cue", cue


def check_analysis(text: str, analysis: Analysis) -> None:
    """Spans inside the text, each equal to its slice; the text kept as given."""
    assert analysis.article.text == text
    for where, span in all_spans(analysis):
        assert 0 <= span.start <= span.end <= len(text), f"{where} {span} outside the text"
        assert text[span.start : span.end] == span.text, f"{where} {span} is not its slice"
    sources = {s.id for s in analysis.sources}
    for a in analysis.attributions:
        assert a.source is None or a.source in sources, f"{a.id} names unknown {a.source}"


def analyze_checked(text: str, options: according.Options = according.DEFAULTS) -> str:
    """Analyse ``text``; 'ok' with valid spans, or 'refused' for a documented error."""
    try:
        analysis = according.analyze(text, options)
    except AccordingError as exc:
        assert str(exc).strip(), "an error must say what is wrong"
        return "refused"
    check_analysis(text, analysis)
    return "ok"


@pytest.fixture(scope="module", autouse=True)
def pipeline_loaded():
    """Load spaCy once, so no example pays for it."""
    according.analyze("The minister said the plan would work, officials told reporters.")


# max_examples from the Hypothesis profile: 10 by default, 150 in CI (tests/conftest.py)
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
ANY_TEXT = st.text(st.characters(codec=None, categories=None), max_size=300)
NEWSY_TEXT = st.lists(
    st.one_of(
        st.sampled_from(NEWS_WORDS),
        st.sampled_from(QUOTES),
        st.sampled_from(ODD),
        st.text(st.characters(codec=None), max_size=6),
        st.from_regex(r"[A-Z][a-z]{1,8}", fullmatch=True),
    ),
    max_size=80,
).map(" ".join)


@FUZZ
@given(text=ANY_TEXT)
def test_any_unicode_returns_valid_analysis_or_documented_error(text):
    analyze_checked(text)


@FUZZ
@given(text=ANY_TEXT)
def test_any_unicode_in_any_language(text):
    analyze_checked(text, ANY_LANGUAGE)


@FUZZ
@given(text=NEWSY_TEXT)
def test_news_shaped_noise(text):
    analyze_checked(text, ANY_LANGUAGE)


@FUZZ
@given(text=NEWSY_TEXT, prefix=st.text(max_size=3), suffix=st.text(max_size=3))
def test_news_shaped_noise_with_english_check(text, prefix, suffix):
    analyze_checked(prefix + text + suffix)


def test_non_strings_are_input_errors():
    for value in (None, b"bytes", 42):
        with pytest.raises(InputError):
            according.analyze(value)  # type: ignore[arg-type]


# --- pathological inputs, built here -------------------------------------------------

SENTENCE = "the minister said officials told reporters that the plan would likely fail"
WORDS = SENTENCE.split()


def long_sentence(words: int = 20_000) -> str:
    """One sentence of ``words`` words and no punctuation at all."""
    return " ".join(WORDS[i % len(WORDS)] for i in range(words))


def many_quote_marks(count: int = 5_000) -> str:
    """``count`` quotation marks, alternating kinds, between a few words."""
    marks = ['"', "\u201c", "\u201d", "'"]
    return "He said " + " ".join(marks[i % 4] + "yes" for i in range(count)) + " today."


def nested_quotes() -> str:
    """Quotations inside quotations, several levels deep, all closed."""
    inner = "the plan will fail"
    for level in range(8):
        mark = ("\u201c", "\u201d") if level % 2 else ("\u2018", "\u2019")
        inner = f"{mark[0]}Officials said {inner}, {level} times{mark[1]}"
    return f"The minister told CNN {inner}, according to aides."


def unbalanced_quotes() -> str:
    """Quotation marks that open and never close, and close without opening."""
    return (
        '"The minister said the plan would fail. Officials disagreed.\n'
        "He added that \u201cnothing was settled.\n\u201d\u201d\u201d They said: '' ' \"\n"
        '\u201cA spokesman declined to comment, \u201c\u201c\u201c according to Reuters.""'
    )


PATHOLOGICAL = {
    "20,000-word sentence": long_sentence(),
    "5,000 quotation marks": many_quote_marks(),
    "5,000 bare quotation marks": '"' * 5_000,
    "nested quotes": nested_quotes(),
    "unbalanced quotes": unbalanced_quotes(),
    "right-to-left Arabic": "\u0642\u0627\u0644 \u0627\u0644\u0648\u0632\u064a\u0631 " * 200,
    "right-to-left Hebrew in English": (
        "The minister said \u05e9\u05dc\u05d5\u05dd \u05e2\u05dc\u05d9\u05db\u05dd, "
        "officials told reporters. \u202eThe spokesman said it was over.\u202c " * 50
    ),
    "zero-width characters": (
        "The\u200b minister\u200c said\u200d the\ufeff plan\u2060 would fail, "
        "\u201cofficials\u200b told\u200b reporters.\u201d " * 100
    ),
    "control characters": (
        "The minister said\x01 the plan\x02 would fail.\x0b Officials\x1b told reporters.\x7f" * 50
    ),
    "mostly control characters": "".join(chr(i % 31 + 1) for i in range(5_000)),
    "NUL bytes": "The minister said\x00 the plan would fail." * 20,
    "emoji": (
        "The minister \U0001f1fa\U0001f1f8 said \U0001f468\u200d\U0001f469\u200d\U0001f467 "
        "\u201cthe plan \U0001f44d\U0001f3fd would fail \U0001f4a5\u201d, officials told "
        "reporters \U0001f600. " * 100
    ),
    "lone surrogates": "The minister said \ud800 the plan \udfff would fail. " * 20,
    "combining marks": "The mi\u0301\u0301\u0301nister said the pla\u0308n would fail. " * 100,
    "one character": "a",
    "whitespace only": " \n\t\u00a0\u2003\u3000 " * 100,
    "punctuation only": ".,;:!?-\u2014()[]{}" * 500,
    "one long word": "x" * 100_000,
    "many line breaks": "The minister said\n\n\n" * 2_000,
    "cues around a name (once looped forever)": "says Aa said",
    "many cue words": "said told reported denied according to " * 2_000,
}


def outcomes_of(text: str, bound: float) -> list[str]:
    """``analyze_checked`` in both language settings, in a forked process killed after
    ``bound`` seconds (a signal cannot interrupt a long call into spaCy's C code)."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_outcomes_to, args=(text, send), daemon=True)
    process.start()
    send.close()
    try:
        if not receive.poll(bound):
            pytest.fail(f"still running after {bound:g} s")
        status, value = receive.recv()
    finally:
        if process.is_alive():
            process.kill()
        process.join()
    if status != "done":
        pytest.fail(value)
    return value


def _outcomes_to(text: str, send: Connection) -> None:
    try:
        send.send(("done", [analyze_checked(text), analyze_checked(text, ANY_LANGUAGE)]))
    except BaseException:  # noqa: BLE001 - report any failure to the test process
        send.send(("failed", traceback.format_exc()))


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_input_finishes_in_time(name):
    outcomes = outcomes_of(PATHOLOGICAL[name], PATHOLOGICAL_BOUND)
    assert set(outcomes) <= {"ok", "refused"}


def test_pathological_inputs_are_what_they_claim():
    assert len(PATHOLOGICAL["20,000-word sentence"].split()) == 20_000
    assert not any(c in PATHOLOGICAL["20,000-word sentence"] for c in ".,;:!?")
    assert sum(PATHOLOGICAL["5,000 quotation marks"].count(m) for m in "\"\u201c\u201d'") == 5_000
    assert "\x00" in PATHOLOGICAL["NUL bytes"]


def test_nul_bytes_and_binary_are_clear_input_errors():
    for name in ("NUL bytes", "mostly control characters"):
        with pytest.raises(InputError, match="binary"):
            according.analyze(PATHOLOGICAL[name])


def test_lone_surrogates_are_a_clear_input_error():
    for options in (according.DEFAULTS, ANY_LANGUAGE):
        with pytest.raises(InputError, match="unpaired surrogate .U.D800. at character 18"):
            according.analyze(PATHOLOGICAL["lone surrogates"], options)


def test_a_run_of_words_without_sentence_marks_is_refused_clearly():
    with pytest.raises(InputError, match="words in a row without a full stop"):
        according.analyze(long_sentence(MAX_RUN_WORDS + 1))
    assert longest_run(long_sentence(MAX_RUN_WORDS) + ". " + long_sentence(50)) == MAX_RUN_WORDS


def test_unpunctuated_runs_are_cut_but_prose_is_parsed_as_it_was():
    pipeline = nlp.load()
    cut = pipeline(long_sentence(900))
    assert max(len(s) for s in cut.sents) <= nlp.MAX_SENTENCE_TOKENS
    prose = " ".join(f"The minister said on day {n} that the plan would work." for n in range(40))
    with pipeline.select_pipes(disable=["according_long_sentences"]):
        before = [s.start for s in pipeline(prose).sents]
    assert len(pipeline(prose)) > nlp.MAX_SENTENCE_TOKENS
    assert [s.start for s in pipeline(prose).sents] == before
