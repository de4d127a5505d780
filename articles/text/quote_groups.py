"""Group one utterance as several outlets reported it.

Outlets trim quotes, transcribe them differently, or translate the same
statement in their own words. Two quotes are the same utterance when their
speakers are compatible (the same person, or one side unattributed) and
their content words overlap enough, or when their words are nearly the same
whoever each outlet credits them to (an attribution shift). Comparing every pair of quotes of an
event would be quadratic, so candidate pairs come from blocking: a quote is
only compared with quotes that share one of its rarest content words.
"""
from __future__ import annotations

import difflib
import re
import unicodedata

from articles.text.lexicon import STOPWORDS
from articles.text.tokens import stem

_RARE_PER_QUOTE = 4  # rarest content words used as blocking keys
_MAX_POSTING = 200  # a word this common in the event is no blocking key


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    return re.findall(r"[^\W_]+(?:'[^\W_]+)*", text)


def content_words(text: str) -> set[str]:
    # Seven letters of the stem: "confess" and "confession" meet.
    return {stem(w.split("'")[0])[:7] for w in _words(text) if w not in STOPWORDS and len(w) > 1}


def _similar(a: set[str], b: set[str]) -> bool:
    if not a or not b:
        return False
    shared = len(a & b)
    small = min(len(a), len(b))
    if small <= 3:
        return shared >= 2 and shared / small >= 0.6
    return shared >= 3 and shared / small >= 0.5


def _speakers_compatible(x: int | None, y: int | None) -> bool:
    return x is None or y is None or x == y


def _same_words(a: set[str], b: set[str]) -> bool:
    """Wording so close that it is one utterance whoever each outlet credits
    it to: the group then shows the outlets disagreeing about the speaker."""
    small = min(len(a), len(b))
    return small >= 4 and len(a & b) / small >= 0.8


def group_quotes(quotes: list[tuple[int, int | None, str]]) -> list[list[int]]:
    """Groups of quote ids that are one utterance; singletons are left out.

    ``quotes`` holds (quote id, speaker person id or None, text) for every
    quote of an event. Runs in about linear time: each quote is compared
    only with the quotes that share one of its rarest content words.
    """
    words = [content_words(text) for _, _, text in quotes]
    df: dict[str, int] = {}
    for ws in words:
        for w in ws:
            df[w] = df.get(w, 0) + 1
    postings: dict[str, list[int]] = {}
    for i, ws in enumerate(words):
        keys = sorted((w for w in ws if df[w] > 1), key=lambda w: (df[w], w))[:_RARE_PER_QUOTE]
        for w in keys:
            if df[w] <= _MAX_POSTING:
                postings.setdefault(w, []).append(i)

    parent = list(range(len(quotes)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: set[tuple[int, int]] = set()
    for ids in postings.values():
        for a_pos, i in enumerate(ids):
            for j in ids[a_pos + 1:]:
                pair = (i, j)
                if pair in seen:
                    continue
                seen.add(pair)
                if _speakers_compatible(quotes[i][1], quotes[j][1]):
                    same = _similar(words[i], words[j])
                else:
                    same = _same_words(words[i], words[j])
                if same:
                    ri, rj = find(i), find(j)
                    if ri != rj:
                        parent[rj] = ri

    groups: dict[int, list[int]] = {}
    for i in range(len(quotes)):
        groups.setdefault(find(i), []).append(quotes[i][0])
    return [sorted(g) for g in groups.values() if len(g) > 1]


def word_diff(a: str, b: str) -> list[tuple[str, str]]:
    """Word-level differences between two wordings of a quote.

    Returns (op, text) pieces in reading order, op being "equal", "delete"
    (only in ``a``) or "insert" (only in ``b``). Words compare without case
    or punctuation, so "next," and "next" are equal.
    """
    ta, tb = a.split(), b.split()

    def key(w):
        return re.sub(r"[^\w]", "", unicodedata.normalize("NFKC", w).lower().replace("’", "'"))

    ka, kb = [key(w) for w in ta], [key(w) for w in tb]
    out: list[tuple[str, str]] = []

    def emit(op, words):
        if not words:
            return
        text = " ".join(words)
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + " " + text)
        else:
            out.append((op, text))

    matcher = difflib.SequenceMatcher(None, ka, kb, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            emit("equal", ta[i1:i2])
        else:
            emit("delete", ta[i1:i2])
            emit("insert", tb[j1:j2])
    return out
