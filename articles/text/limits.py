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
_SPLIT_EVERY = 32


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


def for_parser(body: str) -> str:
    """``body`` with every run of punctuation cut by a space every 32
    characters: the same length, so offsets into the parse are offsets
    into the body, and the tokenizer's work stays linear."""
    def cut(match: re.Match) -> str:
        run = list(match.group(0))
        run[_SPLIT_EVERY::_SPLIT_EVERY] = " " * len(run[_SPLIT_EVERY::_SPLIT_EVERY])
        return "".join(run)

    return _PUNCTUATION_RUN.sub(cut, body)
