"""The article's own furniture: byline, dateline, timestamp, credits.

Each function looks at one paragraph and says what furniture it is (or
returns None); ``articles.text.reader`` decides where on the page to look.
"""
from __future__ import annotations

import re
from datetime import date

from articles.text.dates import MONTHS, WEEKDAYS, find_dates, timestamp_line

# --- bylines ----------------------------------------------------------------

_PARTICLES = {"de", "da", "del", "della", "der", "den", "van", "von", "la", "le", "du", "dos", "bin", "ibn", "al", "el", "abu", "st", "st."}
_NOT_NAMES = {m for m in MONTHS} | set(WEEKDAYS) | {
    "the", "staff", "our", "agencies", "news", "reporters", "correspondents", "wire", "wires", "today",
    "yesterday", "tomorrow", "now", "press", "times", "post", "journal", "online",
}
_ROLE_WORDS = re.compile(
    r"\b(?:correspondent|editor|reporter|writer|staff|chief|bureau|contributor|columnist|analyst|producer|"
    r"journalist|writers|correspondents|editors|reporters|desk|service|agency|agencies|news|press|times|"
    r"post|journal|magazine|online|media|television|tv|radio|network|wire)\b",
    re.IGNORECASE,
)
_NAME_TOKEN = re.compile(r"(?:[A-Z][a-zà-ÿ'’]*\.?|[A-Z][\w'’-]*|(?:[A-Z]\.)+)")
_BY = re.compile(r"^(?:by|written by|words by|story by|byline:)\s+(?P<rest>\S.{1,200})$", re.IGNORECASE)
# The next field's label run into the byline: "By Jane Roe Published 3 May",
# "By Jane RoeUpdated".
_FIELD_LABEL = re.compile(
    r"(?:\s+(?i:published|updated|posted|last updated|first published|modified)"
    r"|(?<=[a-z])(?:Published|Updated|Posted|Last updated|Modified)(?=[\sA-Z0-9:]|$))\b.*$"
)
# Guardian-style header bylines: "Julian Borger in Washington".
_NAME_IN_PLACE = re.compile(r"^(?P<names>.{4,80}?) in (?:[A-Z][\w'’.-]+)(?: [A-Z][\w'’.-]+){0,2}$")


def _name(text: str) -> str | None:
    """A person's name as printed (ALL CAPS bylines are title-cased)."""
    text = text.strip(" .,;:-–—|")
    tokens = text.split()
    if not 2 <= len(tokens) <= 5 or len(text) > 60:
        return None
    for token in tokens:
        bare = token.strip(".,")
        if bare.casefold() in _PARTICLES or re.fullmatch(r"(?:al|el|bin|ibn)-[A-Z][\w'’-]*", bare):
            continue
        if bare.casefold() in _NOT_NAMES or not _NAME_TOKEN.fullmatch(bare) or any(c.isdigit() for c in bare):
            return None
    if not tokens[0][0].isupper() or not re.sub(r"^(?:al|el|bin|ibn)-", "", tokens[-1])[:1].isupper():
        return None
    letters = [c for c in text if c.isalpha()]
    if sum(c.isupper() for c in letters) >= 0.8 * len(letters):  # "By JOHN SMITH"
        text = " ".join(_title(token) for token in tokens)
    return text


def _title(token: str) -> str:
    return re.sub(r"[A-Za-z][A-Za-z]*", lambda m: m.group(0)[0] + m.group(0)[1:].lower(), token)


def _names(segment: str) -> list[str] | None:
    segment = re.sub(r"\s+in\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}\s*$", "", segment.strip())
    found = []
    for part in re.split(r"\s+(?:and|&)\s+|\s*,\s*", segment):
        name = _name(part)
        if not name:
            return None
        found.append(name)
    return found or None


def parse_byline(text: str) -> list[str] | None:
    """Names from "By X and Y", "By X, Correspondent", "By X | May 28, 2007".

    None when the paragraph is not a byline ("By Monday, the talks had …").
    """
    if len(text) > 220:
        return None
    found = _BY.match(text)
    if not found:
        return None
    rest = found.group("rest")
    for _, start, _end in find_dates(rest)[:1]:
        rest = rest[:start]
    rest = _FIELD_LABEL.sub("", rest)
    rest = re.split(r"\s[|•·—–]\s|\s-\s|\s{2,}", rest)[0].strip(" ,;|")
    segments = [s for s in re.split(r"\s*,\s*", rest) if s]
    if not segments:
        return None
    names = _names(re.sub(r",", " , ", segments[0])) if " and " in segments[0] or "&" in segments[0] else _names(segments[0])
    if not names:
        return None
    # Later segments: more names ("By A, B and C") until a role, place or outlet.
    for segment in segments[1:]:
        if _ROLE_WORDS.search(segment):
            break
        more = _names(segment)
        if not more:
            break
        names.extend(more)
    return names


def header_byline(text: str) -> list[str] | None:
    """A byline without "By", as some sites print it: "Jane Roe in Cairo"."""
    found = _NAME_IN_PLACE.match(text) if len(text) <= 120 else None
    return _names(found.group("names")) if found else None


# --- datelines --------------------------------------------------------------

_CAPS_PLACE = r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}"
_TITLE_PLACE = r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}"
_REGION = r"(?:,\s*[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2})?"
_DAY = r"(?:,\s*(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+\d{1,2})?"
_AGENCY = r"\s*\([^()\n]{1,40}\)"
_DASH = r"\s*(?:—|–|-{1,2})\s"
_DATELINE = re.compile(
    rf"^(?:(?P<caps>{_CAPS_PLACE}{_REGION}){_DAY}(?:{_AGENCY})?{_DASH}"
    rf"|(?P<titled>{_TITLE_PLACE}{_REGION}){_DAY}{_AGENCY}{_DASH}"
    rf"|(?P<colon>{_CAPS_PLACE}{_REGION}){_DAY}:\s"
    rf"|\([^()\n]{{1,40}}\){_DASH})"
)
# All-caps flags that wire copy puts where a place would be.
_NOT_PLACES = {
    "UPDATE", "BREAKING", "EXCLUSIVE", "ANALYSIS", "FACTBOX", "WRAPUP", "INSIGHT", "REFILE", "CORRECTED",
    "URGENT", "FLASH", "OPINION", "EDITORIAL", "COMMENT", "LIVE", "WATCH", "VIDEO", "PHOTOS", "NOTE",
    "EDITOR'S NOTE", "EDITORS NOTE", "CORRECTION", "REVIEW", "INTERVIEW", "Q&A", "UPDATED", "ADVISORY",
}


def find_dateline(paragraph: str) -> tuple[str | None, bool]:
    """The place before the opening dash of a lead: ("BAGHDAD", True).

    Returns (place or None, whether the paragraph opens with a dateline at
    all); a bare "(Reuters) -" opens with one but names no place.
    """
    found = _DATELINE.match(paragraph[:200])
    if not found:
        return None, False
    place = found.group("caps") or found.group("titled") or found.group("colon")
    if place is None:
        return None, True
    place = place.strip(" ,")
    if place.upper() in _NOT_PLACES or not re.search(r"[A-Za-z]{2}", place):
        return None, False
    return place, True


# --- other furniture --------------------------------------------------------

_CREDIT = re.compile(
    r"^[(\[]?(?:with |and )?(?:additional |further |extra )?(?:reporting|writing|editing|research|compiled|"
    r"fact-checking)(?: and \w+)? by\s|"
    r"\b(?:contributed|contributing) (?:to )?(?:this|the) (?:report|story|article)\.?[)\]]?$",
    re.IGNORECASE,
)
# Lower-case words a credit line may hold; anything else makes it a sentence
# ("Research by the university found that …").
_CREDIT_WORDS = frozenset(
    "and in with from by of at for the editing writing reporting additional compiled research contributed "
    "contributing to this report story article fact-checking de da al el van von bin writer writers "
    "correspondent correspondents reporter reporters staff also".split()
)
_SOURCE = re.compile(r"^sources?\s*:\s*\S", re.IGNORECASE)
MASTHEAD = re.compile(r"^[-–—|•]?\s*(?P<name>[A-Z][\w.&'’]*(?: [\w.&'’]+){0,5})\s+[-–—|•]\s+(?P<rest>.{6,60})$")


def is_credit(text: str) -> bool:
    """'Additional reporting by …', '(Reporting by …; Editing by …)'."""
    if len(text) > 300 or not _CREDIT.search(text):
        return False
    lower = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if w[0].islower()]
    return all(w.casefold() in _CREDIT_WORDS for w in lower)


def is_source_line(text: str) -> bool:
    return len(text) <= 150 and bool(_SOURCE.match(text))


def masthead_date(text: str) -> date | None:
    """'- The Daily Planet - Tuesday, May 29, 2007': the outlet's page header."""
    found = MASTHEAD.match(text) if len(text) <= 120 else None
    if not found or not timestamp_line(found.group("rest")):
        return None
    return timestamp_line(found.group("rest"))[0]


# --- a title when the page printed none ---------------------------------------

_SENTENCE_END = re.compile(r"(?<=[a-z0-9)][.!?])[\"”’]?\s+(?=[\"“‘A-Z])")
_ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Prof|Jr|Sr|No|vs|U\.S|U\.N|Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\.$")
_HEADLINE_LENGTH = 90


def first_sentence(text: str) -> str:
    for match in _SENTENCE_END.finditer(text[:1000]):
        if not _ABBREVIATION.search(text[: match.start()]):
            return text[: match.start()].strip()
    return text[:1000].strip()


def derive_headline(lead: str) -> str:
    """A short display title made from the lead's first sentence."""
    if find_dateline(lead)[1]:
        lead = _DATELINE.sub("", lead[:300], count=1) + lead[300:]
    sentence = first_sentence(lead).rstrip(".").strip()
    if len(sentence) > _HEADLINE_LENGTH:
        cut = sentence[:_HEADLINE_LENGTH].rsplit(" ", 1)[0].rstrip(",;:—–- ")
        sentence = (cut or sentence[:_HEADLINE_LENGTH]) + "…"
    return sentence
