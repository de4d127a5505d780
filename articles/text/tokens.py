"""Regex tokenisation and normalisation shared by alignment and values.

Tokens are lower-cased, number words become digits, demonyms become the
country they name ("Iranian" -> "iran", "U.S." -> "us"), a light suffix
stripper folds inflections, so that "arming"/"armed" and "27-year"/"27
years" meet without a tagger. Words of like meaning are left to word
vectors (claims.text.embedding), not to a list. A few multi-word phrases
add a term of their own.
"""
from __future__ import annotations

import re

from articles.text.lexicon import COUNTRIES, COUNTRY_OF, COUNTRY_PHRASES, NUMBER_WORDS, STOPWORDS
from articles.text.names import skeleton

_TOKEN = re.compile(r"[A-Za-z](?:\.[A-Za-z])+\.?|[A-Za-z][A-Za-z'’]*(?:-[A-Za-z0-9][A-Za-z'’]*)*|\d+(?:[.,]\d+)*(?:-[A-Za-z]+)*")


def stem(word: str) -> str:
    """Strip common English inflections; crude but stable."""
    if len(word) <= 3 or not word.isalpha():
        return word
    word = word.replace("isation", "ization").replace("ise", "ize") if "is" in word else word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "xes", "ches", "shes", "zes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]  # "stopp(ing)" -> "stop"
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]  # "propose", "proposed" -> "propos"
    return word


def norm_word(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.rstrip("'")
    if w in COUNTRY_OF:
        return COUNTRY_OF[w]
    if w.replace(".", "") in COUNTRY_OF:
        return COUNTRY_OF[w.replace(".", "")]
    if w in NUMBER_WORDS:
        value = NUMBER_WORDS[w]
        return str(value) if value >= 1 else w
    if _INITIALS.fullmatch(w):
        return w.replace(".", "")  # "G.O.P." is "GOP"
    return stem(w)


_INITIALS = re.compile(r"(?:[a-z]\.){2,}[a-z]?\.?")
_POSSESSIVE = re.compile(r"[’']s?$")


def name_key(word: str) -> str:
    """The key two spellings of one capitalised name share: "Obama’s" is
    "Obama", "G.O.P." is "GOP", transliterations meet (names.skeleton)."""
    return "~" + skeleton(_POSSESSIVE.sub("", word).replace(".", ""))


def raw_tokens(text: str) -> list[tuple[str, int, int]]:
    """Surface tokens with offsets."""
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


# Phrases that name a concept no single word carries. Talks that are to
# continue are reported as "a follow-up meeting", "a second round", "would
# meet again" or "would meet shortly"; all of them stand for one term.
PHRASE_TERMS = [
    (re.compile(
        r"\b(?:follow[- ]?up|second|another|further|future|fresh|new|next)\s+(?:round\s+of\s+)?"
        r"(?:talks|meetings?|negotiations|sessions?|rounds?|encounters?)\b"
        r"|\bmeet(?:ing|s)?\s+again\b"
        r"|\b(?:will|would|to|could|shall|should)\s+meet\s+(?:again|soon|shortly|later)\b"
        r"|\bresum(?:e|ed|es|ing|ption\s+of)\s+(?:the\s+)?(?:talks|negotiations|meetings?|dialogue)\b",
        re.IGNORECASE,
    ), "followup"),
]

_NEGATION = re.compile(r"\b(?:not|no|never|n't|without)\b|n’t\b", re.IGNORECASE)


def content_terms(text: str) -> list[str]:
    """The normalised content words of ``text``, for matching.

    Hyphenated words yield their parts and the joined form, so
    "business-like" meets "businesslike" and "Kazemi-Qomi" meets "Kazemi Qomi".
    """
    terms: list[str] = []
    for phrase, key in COUNTRY_PHRASES:
        text, found = re.subn(re.escape(phrase), " ", text, flags=re.IGNORECASE)
        if found:
            terms.append(key)
    for pattern, term in PHRASE_TERMS:
        if pattern.search(text):
            terms.append(term)
    if _NEGATION.search(text):
        # Whether something happened or did not is part of the fact.
        terms.append("not")
    for word, _, _ in raw_tokens(text):
        parts = [word]
        if "-" in word:
            pieces = [p for p in word.split("-") if p]
            parts = pieces
            if not (pieces[0][0].isdigit() or pieces[0].lower() in NUMBER_WORDS):
                parts = pieces + ["".join(pieces)]
        for part in parts:
            w = part.lower().replace("’", "'")
            if w.endswith("'s"):
                w = w[:-2]
            if w.strip("'") in STOPWORDS:
                continue
            n = norm_word(part)
            if n and n not in STOPWORDS and (len(n) > 1 or n.isdigit()):
                terms.append(n)
                if part[:1].isupper() and n not in COUNTRIES and len(key := name_key(part)) >= 4:
                    terms.append(key)
    return terms
