"""A neutral title for an event: what its outlets' headlines share.

One outlet's headline carries that outlet's angle ("Obama Aide Calls
Netanyahu's Planned Visit 'Destructive'"); the words most headlines use
are the story itself ("Susan Rice Netanyahu Visit Destructive").
"""
from __future__ import annotations

import re

from articles.text.lexicon import STOPWORDS
from articles.text.tokens import content_terms

MAX_WORDS = 8
_WORD = re.compile(r"[A-Za-z0-9][\w'’.-]*")


def _terms(word: str) -> str | None:
    if word.lower() in STOPWORDS:
        return None
    terms = [t for t in content_terms(word) if not t.startswith("~")]
    return terms[0] if terms else None


def _words(headline: str) -> list[tuple[str, str]]:
    """(surface word, matching term) for each content word, in order."""
    found = []
    for match in _WORD.finditer(headline):
        word = match.group(0).rstrip(".’'")
        term = _terms(word)
        if term:
            found.append((word, term))
    return found


def neutral_title(headlines: list[str]) -> str:
    """The words that at least half the headlines (and two or more) share, in
    the order of the headline holding most of them. With one headline, or
    fewer than two shared words, the headline holding most (the shortest of
    a tie): a title must say something."""
    headlines = [h.strip() for h in headlines if h and h.strip()]
    if not headlines:
        return ""
    if len(headlines) == 1:
        return headlines[0]
    words = [_words(h) for h in headlines]
    holders: dict[str, int] = {}
    for found in words:
        for term in {t for _, t in found}:
            holders[term] = holders.get(term, 0) + 1
    needed = max(2, (len(headlines) + 1) // 2)
    shared = {t for t, n in holders.items() if n >= needed}

    def coverage(i):
        return (len({t for _, t in words[i]} & shared), -len(headlines[i]), headlines[i])

    best = max(range(len(headlines)), key=coverage)
    picked, seen = [], set()
    for word, term in words[best]:
        if term in shared and term not in seen:
            seen.add(term)
            picked.append(word)
    if len(picked) < 2:
        return headlines[best]
    title = " ".join(picked[:MAX_WORDS])
    return title[0].upper() + title[1:]
