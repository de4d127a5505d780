"""Read one scraped article: clean body plus headline, byline, date, outlet.

The page is split into paragraphs, each is classified (article text,
furniture such as the byline, or clutter), and then the top of the page is
read as a page header: kicker and section labels, the headline, a
standfirst, byline and timestamp, down to the lead paragraph. Whatever is
article text is kept character for character.
"""
from __future__ import annotations

import re

from articles.text import clean, metadata
from articles.text.clean import META, NOISE, TEXT, Unit
from articles.text.dates import find_time, parse_date, timestamp_line
from articles.text.errors import InputError
from articles.text.html import extract
from articles.text.outlets import canonical_name, detect_outlet
from articles.text.types import ParsedArticle

_HEADER_UNITS = 30  # the lead is never further down than this
_HEADLINE_WORDS = 4  # shorter title-like lines at the top are section labels
_STANDFIRST_LENGTH = 300
_LEAD_WORDS = 6  # a lead is a sentence, not a stray "Adjust font size:"
_BULLET = tuple("•*·▪►-–")
# Furniture that separates a standfirst from the article it introduces.
_FURNITURE_AFTER_STANDFIRST = {"caption", "byline", "date line", "masthead"}

_HTML_START = re.compile(r"^\s*(?:<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<html|<head[\s>]|<body[\s>])", re.IGNORECASE)
_HTML_TAG = re.compile(r"<(?:p|div|span|a|br|h[1-6]|article|section|body|head|title|meta|script|style|ul|li|table|img|header|footer|nav)\b[^<>]{0,500}>", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """An HTML page (or fragment), as opposed to text that mentions a tag."""
    if not isinstance(text, str):
        return False
    head = text[:5000]
    if _HTML_START.match(head):
        return True
    tags = _HTML_TAG.findall(head)
    return len(tags) >= 3 and len({t.split()[0].strip("<>").lower() for t in tags}) >= 2


def read_text(raw: str, *, url: str | None = None, hints: dict | None = None) -> ParsedArticle:
    """Read a scraped plain-text page; raise InputError if no article is left."""
    if not isinstance(raw, str):
        raise InputError("not text")
    return read_article(raw, raw, url=url, hints=hints)


def read_html(html: str, *, url: str | None = None, hints: dict | None = None) -> ParsedArticle:
    """Read an HTML page: trafilatura finds the main text, then the same rules."""
    if not isinstance(html, str):
        raise InputError("not text")
    page = extract(html, url=url)
    return read_article(html, page.text, url=url or page.url, hints=hints, page=page)


def read_article(raw, text, *, url=None, hints=None, page=None) -> ParsedArticle:
    hints = hints if isinstance(hints, dict) else {}
    url = url if isinstance(url, str) and url.strip() else None
    normal = clean.normalise(text)
    units = clean.split_units(normal)
    title_hint = _text_hint(hints.get("title")) or (page.title if page else None)
    _classify(units)
    clean.mark_context(units)
    headline_unit = _read_header(units, title_hint)
    clean.dedupe(units)

    body_units = [u for u in units if u.kind == TEXT]
    if not body_units or not any(clean.words(u.text) for u in body_units):
        raise InputError("no article text found")
    body = "\n\n".join(u.text for u in body_units)
    lead = next(
        (u.text for u in body_units if not clean.is_title_like(u.text) and len(clean.words(u.text)) >= _LEAD_WORDS),
        body_units[0].text,
    )

    article = ParsedArticle(raw=raw, body=body, url=url)
    article.removed = [line for u in units if u.kind == NOISE for line in u.lines]
    article.dateline = metadata.find_dateline(lead)[0]

    if title_hint:
        article.headline = title_hint
    elif headline_unit is not None:
        article.headline = headline_unit.text
    else:
        article.headline = metadata.derive_headline(lead)
        article.headline_derived = True

    article.byline = _byline_hint(hints.get("byline")) or _first(units, "byline") or (page.byline if page else [])
    published = parse_date(hints.get("published")) if hints.get("published") else None
    if published:
        article.published, article.published_time = published, find_time(hints["published"])
    else:
        article.published = _published(units) or (page.published if page else None)
        article.published_time = _published_time(units, article.published)

    outlet_hint = _text_hint(hints.get("outlet"))
    if outlet_hint:
        article.outlet, article.outlet_evidence = canonical_name(outlet_hint), outlet_hint
    else:
        # The lead goes first so that its wire dateline is found however long
        # the page's menus are.
        match = detect_outlet(f"{lead}\n{normal}", url)
        if page and page.sitename and (match is None or not match.known):
            site = detect_outlet(f"Source: {page.sitename}")
            # the site's own name reads better than a bare unknown domain
            if site and (site.known or match is None or match.name == match.evidence):
                match = site
        if match:
            article.outlet, article.outlet_evidence = match.name, match.evidence
    return article


def _classify(units: list[Unit]) -> None:
    """What each paragraph is on its own: furniture, clutter or text."""
    for unit in units:
        text = unit.text
        if len(text) > 400:
            continue  # furniture and clutter are short
        stamp = timestamp_line(text)
        if stamp:
            unit.mark(META, "date line", stamp)
            continue
        day = metadata.masthead_date(text)
        if day:
            unit.mark(META, "masthead", (day, False))
            continue
        names = metadata.parse_byline(text)
        if names:
            unit.mark(META, "byline", names)
            continue
        if metadata.is_credit(text):
            unit.mark(META, "credit")
            continue
        if metadata.is_source_line(text):
            unit.mark(META, "source line")
            continue
        reason = clean.noise_reason(text)
        if reason:
            unit.mark(NOISE, reason)


def _read_header(units: list[Unit], title_hint: str | None) -> Unit | None:
    """Read the top of the page down to the lead; return the headline's unit."""
    lead = next(
        (i for i, u in enumerate(units[:_HEADER_UNITS]) if u.kind == TEXT and not _headerish(u.text)),
        None,
    )
    if lead is None:
        # No prose near the top (a list, a short note): only a clear title
        # followed by more text counts as the header.
        texts = [i for i, u in enumerate(units[:_HEADER_UNITS]) if u.kind == TEXT]
        lead = texts[1] if len(texts) > 1 else 0
    header = units[:lead]
    for unit in header:
        if unit.kind == TEXT:
            names = metadata.header_byline(unit.text)
            if names:
                unit.mark(META, "byline", names)
            elif unit.text.startswith(_BULLET):
                unit.mark(META, "highlights")  # "Story highlights" summary points

    candidates = [u for u in header if u.kind == TEXT]
    headline = _choose_headline(header, candidates, title_hint)
    seen_headline = False
    for unit in candidates:
        if unit is headline:
            unit.mark(META, "headline")
            seen_headline = True
        elif len(clean.words(unit.text)) < _HEADLINE_WORDS:
            unit.mark(NOISE, "section label")
        elif seen_headline:
            unit.mark(META, "standfirst")
        elif headline is not None:
            unit.mark(NOISE, "page header")  # kickers and promos above the headline
    if headline is not None or title_hint:
        top = units.index(headline) + 1 if headline is not None else 0
        # Only right under the headline: after a byline or timestamp the
        # first paragraph is the article's lead, captioned or not.
        if all(u.kind == NOISE for u in units[top:lead]):
            _standfirst_before_furniture(units, lead)
    return headline


def _headerish(text: str) -> bool:
    """Could stand in a page header: title-shaped and not a dateline lead."""
    return clean.is_title_like(text) and not metadata.find_dateline(text)[1]


def _choose_headline(header, candidates, title_hint):
    if title_hint:
        wanted = _fold(title_hint)
        for unit in candidates:
            if _fold(unit.text) == wanted:
                return unit
        return None
    # The headline opens the last run of title-shaped lines above the lead:
    # kickers, promos and a blog's name stand higher up, separated from it by
    # clutter or a date; a standfirst follows it in the same run.
    runs, run = [], []
    for unit in header:
        if unit.kind == TEXT:
            run.append(unit)
        else:
            if run:
                runs.append(run)
            run = []
    if run:
        runs.append(run)
    for run in reversed(runs):
        long_enough = [u for u in run if len(clean.words(u.text)) >= _HEADLINE_WORDS]
        if long_enough:
            return long_enough[0]
    return None


def _standfirst_before_furniture(units, lead):
    """A short summary between headline and article, set off by furniture.

    "First meeting in 27 years limited to security." followed by an image
    caption or the byline is the standfirst; the same sentence followed
    directly by more article text is the lead and stays.
    """
    if lead + 1 >= len(units):
        return
    unit, after = units[lead], units[lead + 1]
    text = unit.text
    if (
        unit.kind == TEXT
        and len(text) <= _STANDFIRST_LENGTH
        and text[0] not in "\"“‘'«"
        and not metadata.find_dateline(text)[1]
        and after.kind in (META, NOISE)
        and after.reason in _FURNITURE_AFTER_STANDFIRST
        and any(u.kind == TEXT for u in units[lead + 2 :])
    ):
        unit.mark(META, "standfirst")


def _first(units, reason):
    return next((u.data for u in units if u.kind == META and u.reason == reason), None)


def _published(units):
    """The publication date: a labelled timestamp first, then any date line."""
    stamps = [u.data for u in units if u.kind == META and u.reason in ("date line", "masthead")]
    labelled = [day for day, is_published in stamps if is_published]
    if labelled:
        return labelled[0]
    return stamps[0][0] if stamps else None


def _published_time(units, day):
    """The time printed beside the publication date, on the line that gave it."""
    for unit in units:
        if unit.kind == META and unit.reason in ("date line", "masthead") and unit.data[0] == day:
            return find_time(unit.text)
    return None


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def _text_hint(value) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())[:500]
    return None


def _byline_hint(value) -> list[str]:
    if isinstance(value, str):
        value = re.sub(r"^\s*by\s+", "", value, flags=re.IGNORECASE)
        value = re.split(r"\s*(?:;|,|\band\b|&)\s*", value)
    if not isinstance(value, (list, tuple)):
        return []
    return [" ".join(v.split()) for v in value if isinstance(v, str) and v.strip()][:20]
