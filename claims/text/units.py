"""The statements of an article that alignment compares: sentences and clauses.

A unit is the headline, or one sentence of the body (an elliptical count such as "Five are
still in custody." stays with the sentence before it). For comparison the
sentence is reduced to its *core*: the dateline ("BAGHDAD (AFP) -") and the
attribution ("..., a spokesman said.", "According to X, ...") go, since
two outlets rarely attribute a fact alike. Long sentences are also cut
into clauses, because one news sentence often carries several facts and
another outlet may report only one of them.

Clutter is not a statement: bylines, credits, captions, calls to read or
follow elsewhere, and lines that only introduce what follows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Hashable

from articles.text.lexicon import NUMBER_WORDS
from articles.text.sentences import split_sentences
from articles.text.tokens import content_terms

MIN_TERMS = 3  # crossheads and fragments ("Talks hailed") are not facts
SPLIT_MIN_TERMS = 12  # shorter sentences rarely carry two facts
CLAUSE_MIN_TERMS = 4  # a clause must say something on its own

_NUMBERS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_CONTINUATION = re.compile(
    rf"^(?:\d+|(?:{_NUMBERS}))(?:\s+of\s+(?:them|those|these))?\s+"
    r"(?:are|were|is|was|remain|remained|have|had|died|survived)\b",
    re.IGNORECASE,
)

# "BAGHDAD (AFP) — ", "WASHINGTON - ", "(Reuters) - ", "LONDON, May 28 (Reuters) -"
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’ -]{2,40}(?:,\s*[A-Z][a-z]+\.?(?:\s+\d{1,2})?)?\s*)?"
    r"(?:\((?:[A-Z][A-Za-z.]*\s*){1,3}\)\s*)?[-—–:]{1,2}\s+(?=[A-Z\"“‘(])"
)

# Verbs that only attribute; "accused", "called", "proposed" say what happened.
_SPEECH = r"(?:said|says|told\s+(?:reporters|journalists|[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)|added|adds|stressed|noted|insisted|explained|argued|claimed|declared|announced|confirmed|reported|wrote|writes|tweeted)"
# ", X said." / ", said X, the spokesman." closing a sentence: a tail after
# the last comma (or closing quote) that holds an attributing verb.
_ATTRIBUTING = re.compile(rf"\b{_SPEECH}\b")
TAIL_WORDS = 12  # an attribution tail is short
# "X said (on Monday) (that) ...", "According to X, ..."
_LEADING_ATTRIBUTION = re.compile(
    rf"^(?:According\s+to\s+[^,]{{1,80}},\s+|(?:[\w.’'-]+\s+){{1,6}}{_SPEECH}(?:\s+(?:on|in)\s+\w+)?(?:\s+that)?\s+(?=[a-zA-Z]))"
)
_ATTRIBUTION_TAIL = re.compile(rf"^,?\s*(?:[\w.’'-]+\s+){{0,8}}(?:{_SPEECH})\b")

_CLAUSE_BREAK = re.compile(
    r"\s*;\s+|\s+[—–]\s+|,?\s+(?=(?:but|while|whereas|although|though)\s)"
    r"|,\s+(?=(?:and|with|after|as|when|which|who)\s|[a-z]{3,}ing\s)"
)

_CLUTTER = re.compile(
    r"^(?:By|Reporting by|Writing by|Editing by|Additional reporting|Compiled by|Photo|Image|Video|Watch|Listen"
    r"|Click|Read more|Read the|Related|Follow|Sign up|Subscribe|Share|Copyright|Credit|Source)\b"
    r"|https?://|www\.|@\w|\b(?:AP|AFP|Reuters|Getty Images)\s+Photo\b|All rights reserved",
    re.IGNORECASE,
)


@dataclass
class Unit:
    doc: Hashable
    start: int
    end: int
    text: str
    core: str  # without dateline and attribution
    terms: frozenset
    clauses: tuple = ()  # (start, end) offsets in the body of each clause, when several
    index: int = 0
    headline: bool = False  # then start and end are 0: it is not in the body


def is_clutter(text: str) -> bool:
    """Bylines, credits, captions and lines that only point elsewhere."""
    stripped = text.strip()
    return bool(_CLUTTER.search(stripped)) or (stripped.endswith(":") and len(stripped.split()) < 12)


def strip_dateline(text: str) -> str:
    m = _DATELINE.match(text)
    return text[m.end():] if m and m.end() < len(text) else text


def core(text: str) -> str:
    """The statement without its dateline and attribution."""
    out = strip_dateline(text)
    m = _LEADING_ATTRIBUTION.match(out)
    if m and len(out) - m.end() > 30:
        out = out[m.end():]
    cut = max(out.rfind(", "), out.rfind("” "), out.rfind('" '))
    if cut > 30:
        tail = out[cut + 1:]
        if len(tail.split()) <= TAIL_WORDS and _ATTRIBUTING.search(tail):
            out = out[:cut].rstrip(" ,\"”") + "."
    return out.strip()


def units_of(doc: Hashable, body: str, headline: str = "") -> list[Unit]:
    """The comparable units of one article, in order: its printed headline
    (a statement too, though not part of the body), then the body's."""
    units = []
    # A headline the body opens with, word for word, repeats the lead.
    if headline.strip() and not body.lstrip().startswith(headline.strip().rstrip(".…")):
        text = headline.strip()
        terms = frozenset(content_terms(text))
        if len(terms) >= MIN_TERMS:
            units.append(Unit(doc, 0, 0, text, text.rstrip("."), terms, headline=True))
    spans: list[list[int]] = []
    for s in split_sentences(body):
        if spans and _CONTINUATION.match(s.text):
            spans[-1][1] = s.end
        else:
            spans.append([s.start, s.end])
    for start, end in spans:
        text = body[start:end]
        if is_clutter(text):
            continue
        statement = core(text)
        terms = frozenset(content_terms(statement))
        if len(terms) < MIN_TERMS:
            continue
        units.append(Unit(doc, start, end, text, statement, terms, tuple(clauses(text, start, len(terms)))))
    return units


def clauses(text: str, offset: int, n_terms: int) -> list[tuple[int, int]]:
    """Body offsets of the clauses of a long sentence ([] if it has one)."""
    if n_terms < SPLIT_MIN_TERMS:
        return []
    parts: list[list[int]] = []
    last = 0
    pieces = []
    for m in _CLAUSE_BREAK.finditer(text):
        pieces.append((last, m.start()))
        last = m.end()
    pieces.append((last, len(text)))
    for a, b in pieces:
        piece = text[a:b]
        if parts and (len(content_terms(piece)) < CLAUSE_MIN_TERMS or _ATTRIBUTION_TAIL.match(piece)):
            parts[-1][1] = b  # a short tail or an attribution belongs to the clause before it
        else:
            parts.append([a, b])
    if parts and len(content_terms(text[parts[0][0]:parts[0][1]])) < CLAUSE_MIN_TERMS and len(parts) > 1:
        parts[1][0] = parts[0][0]
        del parts[0]
    return [(offset + a, offset + b) for a, b in parts] if len(parts) > 1 else []
