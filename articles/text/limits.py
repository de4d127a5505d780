"""What an article may hold before it is analysed, and the text the parser sees.

The analysis is linear in the text only within bounds that any real news
article keeps: a page of quotation marks, or a run of thousands of
punctuation characters, is not an article, and spaCy's tokenizer is
quadratic on a long run of punctuation with no space in it.
"""
from __future__ import annotations

import re

from articles.text.errors import InputError
from articles.text.quotes import DOUBLE

# The longest news features run to some 100,000 characters; past this a text
# is a dump, not an article, and analysing it would hold a worker for minutes.
MAX_BODY_CHARS = 300_000
# A long interview prints a few hundred quotations; each needs two marks.
MAX_QUOTE_MARKS = 3_000
# The shortest wire brief is a sentence of some ten words.
MIN_BODY_CHARS = 40

_OPENING_SINGLE = re.compile(r"‘|‛|(?<!\w)'")
_PUNCTUATION_RUN = re.compile(r"[^\w\s]{33,}")
_KEEP = 32


def check(body: str) -> None:
    """Raise InputError when ``body`` cannot be an article."""
    if len(body) > MAX_BODY_CHARS:
        raise InputError(f"article text is too long ({len(body):,} characters; the limit is {MAX_BODY_CHARS:,})")
    if len(body.strip()) < MIN_BODY_CHARS:
        raise InputError(f"too short to be an article ({len(body.strip())} characters of text)")
    # Curly and straight apostrophes are letters' business ("it’s"); only
    # the marks that open a quotation count.
    marks = sum(body.count(mark) for mark in DOUBLE) + len(_OPENING_SINGLE.findall(body))
    if marks > MAX_QUOTE_MARKS:
        raise InputError(f"too many quotation marks to be an article ({marks:,}; the limit is {MAX_QUOTE_MARKS:,})")


# spaCy's working memory grows with the length of the text it is handed
# (some 400 MB for 100,000 characters of prose); cut into pieces of this
# size at paragraph breaks and parsed one at a time, an article costs one
# piece's memory (about 35 MB). Memory follows tokens more than
# characters, so a piece also holds at most PIECE_WORDS words (prose has
# about 1,000 in 6,000 characters; "& & & …" six times as many).
# Most news articles are one piece.
PIECE_CHARS = 6_000
PIECE_WORDS = 1_200
_CUTS = ("\n\n", "\n", ". ", " ")
_SPACE = re.compile(r"\s+")


def pieces(text: str, limit: int = PIECE_CHARS, words: int = PIECE_WORDS) -> list[str]:
    """``text`` cut into consecutive pieces of at most ``limit`` characters
    and ``words`` words, each ending at a paragraph break where one is near
    (else a line, a sentence or a word): joined, they are ``text`` exactly."""
    out, at = [], 0
    while len(text) - at > limit or len(_SPACE.findall(text, at, at + limit)) > words:
        size = limit
        for n, space in enumerate(_SPACE.finditer(text, at, at + limit), start=1):
            if n == words:
                size = space.end() - at
                break
        window = text[at:at + size]
        cut = next((window.rfind(sep) + len(sep) for sep in _CUTS if window.rfind(sep) > size // 4), size)
        out.append(text[at:at + cut])
        at += cut
    out.append(text[at:])
    return out


def for_parser(body: str) -> str:
    """``body`` with every run of punctuation past its first 32 characters
    blanked: the same length, so offsets into the parse are offsets into the
    body, while the tokenizer meets no long run (its work there is
    quadratic) and the parser no thousands of one-character tokens. Quotes
    are found in the body itself, not in the parse."""
    return _PUNCTUATION_RUN.sub(lambda m: m.group(0)[:_KEEP] + " " * (len(m.group(0)) - _KEEP), body)
