"""Property-based tests of the text pipeline: whatever a scraper hands over,
each stage returns a result or raises a clean InputError, never anything
else, and what it returns keeps its own promises (offsets index the body)."""
from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from articles.text.errors import InputError
from articles.text.types import Analysis, ParsedArticle

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NLP = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of what scraped pages are made of, so that random text reaches the
# interesting branches (datelines, quotes, clutter, markup) and not only the
# "no article text found" one.
FRAGMENTS = [
    "BAGHDAD (AFP) \u2014 ", "WASHINGTON, May 28 (Reuters) - ", "By Ryan Crocker", "Monday, May 28, 2007",
    "\u201c", "\u201d", '"', "'", "\u2018", "\u2019", "\u00ab", "\u00bb", " said ", " told reporters",
    "Crocker", "Mr. Kazemi Qomi", "Advertisement", "Share this article", "Read more", "\u00a9 2007",
    "\n", "\n\n", "\r\n", "\t", " ", ". ", ", ", "\u00a0", "\u200b", "\u202e", "\u200f", "\ufeff",
    "<p>", "</p>", "<script>window.__pwned=1</script>", "<img src=x onerror=alert(1)>", "<!--", "-->",
    "&amp;", "&#0;", "<h1>", "</h1>", "<title>", "</title>", "<br>", "<div>", "</div>", "<",  ">",
    "قال السفير", "השיחות", "\U0001f600", "e\u0301", "\x00", "\x0c", "\u2028", "\u0085",
    "The talks lasted four hours.", "Iran and the United States held talks in Baghdad on Monday.",
]

scraped_text = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=400),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), max_size=60).map("".join),
)
hints = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {},
        optional={
            "title": st.text(max_size=80),
            "outlet": st.one_of(st.sampled_from(["AFP", "Reuters", "BBC", ""]), st.text(max_size=30)),
            "published": st.one_of(st.text(max_size=20), st.dates().map(date.isoformat)),
            "byline": st.one_of(st.text(max_size=40), st.lists(st.text(max_size=20), max_size=3)),
        },
    ),
)
urls = st.one_of(st.none(), st.just("https://example.org/news/1"), st.text(max_size=40))


def _check_parsed(parsed, raw):
    assert isinstance(parsed, ParsedArticle)
    assert isinstance(parsed.body, str) and parsed.body.strip()
    assert isinstance(parsed.headline, str)
    assert all(isinstance(name, str) for name in parsed.byline)
    assert parsed.published is None or isinstance(parsed.published, date)
    assert parsed.outlet is None or isinstance(parsed.outlet, str)
    assert parsed.raw == raw


def _read(reader, raw, **kwargs):
    try:
        parsed = reader(raw, **kwargs)
    except InputError as exc:
        message = str(exc)
        # The reason goes into "error: <path>: <reason>": one line, not empty.
        assert message.strip() and "\n" not in message
        return None
    _check_parsed(parsed, raw)
    return parsed


@FAST
@given(data=st.binary(max_size=2000))
def test_decode_bytes_returns_text_or_a_clean_input_error(data):
    from articles.text.decode import decode_bytes

    try:
        text = decode_bytes(data)
    except InputError as exc:
        assert str(exc).strip() and "\n" not in str(exc)
        return
    assert isinstance(text, str) and text.strip()
    assert "\x00" not in text
    text.encode("utf-8")  # no lone surrogates: the database must be able to store it


@FAST
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
       codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]))
def test_decode_bytes_recovers_text_it_can_read(text, codec):
    from articles.text.decode import decode_bytes

    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        assume(False)
    try:
        decoded = decode_bytes(data)
    except InputError:
        return
    assert isinstance(decoded, str)
    if codec in ("utf-8", "utf-8-sig") and text.strip() and "\x00" not in text and text.isprintable():
        assert decoded.strip() != ""


@FAST
@given(raw=scraped_text, url=urls, hints=hints)
def test_read_text_returns_an_article_or_a_clean_input_error(raw, url, hints):
    from articles.text.reader import read_text

    _read(read_text, raw, url=url, hints=hints)


@FAST
@given(raw=scraped_text, url=urls, hints=hints)
def test_read_html_returns_an_article_or_a_clean_input_error(raw, url, hints):
    from articles.text.reader import read_html

    _read(read_html, raw, url=url, hints=hints)
    _read(read_html, f"<html><head><title>T</title></head><body><article>{raw}</article></body></html>",
          url=url, hints=hints)


@FAST
@given(raw=scraped_text)
def test_looks_like_html_always_answers(raw):
    from articles.text.reader import looks_like_html

    assert looks_like_html(raw) in (True, False)


@NLP
@given(raw=scraped_text, html=st.booleans())
def test_analyse_on_any_read_body_keeps_offsets_inside_the_body(nlp, raw, html):
    from articles.text.analyse import analyse
    from articles.text.reader import read_html, read_text

    parsed = _read(read_html if html else read_text, raw)
    assume(parsed is not None)
    body = parsed.body
    analysis = analyse(body, nlp(body))
    assert isinstance(analysis, Analysis)
    for quote in analysis.quotes:
        assert 0 <= quote.start < quote.end <= len(body)
        assert body[quote.start:quote.end] == quote.text
        assert quote.kind in ("direct", "partial")
        assert quote.speaker is None or 0 <= quote.speaker < len(analysis.people)
        if quote.cue_start is not None:
            assert 0 <= quote.cue_start <= quote.cue_end <= len(body)
    for person in analysis.people:
        assert person.name.strip()
        for start, end in person.mentions:
            assert 0 <= start < end <= len(body)


@NLP
@given(seed_index=st.integers(0, 4), cuts=st.lists(st.integers(0, 6000), max_size=6),
       insert=st.lists(st.sampled_from(FRAGMENTS), max_size=6))
def test_analyse_on_mangled_seed_articles(nlp, seeds_text, seed_index, cuts, insert):
    """Real articles with quotation marks, tags and controls spliced in anywhere."""
    from articles.text.analyse import analyse
    from articles.text.reader import read_text

    text = seeds_text[seed_index]
    for cut, piece in zip(cuts, insert):
        cut = min(cut, len(text))
        text = text[:cut] + piece + text[cut:]
    parsed = _read(read_text, text)
    assume(parsed is not None)
    analysis = analyse(parsed.body, nlp(parsed.body))
    for quote in analysis.quotes:
        assert parsed.body[quote.start:quote.end] == quote.text


@pytest.fixture(scope="module")
def seeds_text():
    from tests.robustness.conftest import SEEDS

    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


@FAST
@given(line=st.one_of(
    st.text(max_size=200),
    st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
                 lambda children: st.lists(children, max_size=4) | st.dictionaries(
                     st.sampled_from(["text", "title", "outlet", "url", "published", "byline", "x"]), children,
                     max_size=6), max_leaves=20).map(json.dumps),
))
def test_a_json_lines_file_yields_sources_or_one_line_failures(tmp_path_factory, line):
    from articles.sources import Failure, Source, read_sources

    folder = tmp_path_factory.mktemp("jsonl", numbered=True)
    path = folder / "a.jsonl"
    path.write_text(line + "\n" + json.dumps({"text": "x"}) + "\n", encoding="utf-8", errors="surrogatepass")
    for item in read_sources([str(path)], max_bytes=5 * 1024 * 1024):
        assert isinstance(item, (Source, Failure))
        if isinstance(item, Failure):
            assert item.reason.strip() and "\n" not in item.reason
        else:
            assert isinstance(item.text, str)
            item.text.encode("utf-8")  # storable and readable by spaCy
            assert item.content_hash
