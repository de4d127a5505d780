"""The values that flow between the text modules and the database layer.

Everything here is plain data: the ingest command prepares these in worker
processes (no database there) and the main process stores them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time


@dataclass
class ParsedArticle:
    """An article recovered from a scraped page, before any NLP."""

    raw: str  # the decoded input, verbatim (CRLF and all)
    body: str  # cleaned article text; paragraphs separated by "\n\n"
    headline: str = ""
    headline_derived: bool = False  # True when no headline was printed
    byline: list[str] = field(default_factory=list)
    dateline: str | None = None  # "BAGHDAD"
    published: date | None = None
    published_time: time | None = None  # hours and minutes, where the page prints them
    outlet: str | None = None  # canonical outlet name; None when unknown
    outlet_evidence: str | None = None  # the text that identified it
    url: str | None = None
    removed: list[str] = field(default_factory=list)  # clutter lines dropped


@dataclass
class PersonCluster:
    """One person as one article names them."""

    name: str  # the fullest form in the article, honorifics stripped
    aliases: list[str]  # every surface form seen in the article
    role: str = ""  # title or role taken from the text, if any
    mentions: list[tuple[int, int]] = field(default_factory=list)  # body offsets


@dataclass
class QuoteSpan:
    """A quotation in an article body; offsets index ``ParsedArticle.body``."""

    start: int
    end: int
    text: str  # == body[start:end], marks excluded
    kind: str  # "direct" | "partial"
    speaker: int | None = None  # index into Analysis.people, None = no one
    cue: str | None = None  # the attribution words, verbatim
    cue_start: int | None = None
    cue_end: int | None = None


@dataclass
class Analysis:
    """What the NLP stage found in one article body."""

    people: list[PersonCluster] = field(default_factory=list)
    quotes: list[QuoteSpan] = field(default_factory=list)
