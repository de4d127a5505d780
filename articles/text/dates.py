"""Find calendar dates and times printed in page furniture ("May 28 2007 14:46").

Only complete dates count (day, month and year): a weekday, "yesterday" or
a bare year (a footer's "Copyright © 2018") says nothing about when the
article was published.
"""
from __future__ import annotations

import re
from datetime import date, time

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
    "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
WEEKDAYS = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
)
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?,?\s+)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"

_PATTERNS = (
    # 2007-05-28, 2007-05-28T10:00:00Z, 2007/05/28
    re.compile(r"(?<!\d)" + _YEAR + r"(?P<sep>[-/])(?P<m>[01]?\d)(?P=sep)(?P<d>[0-3]?\d)(?!\d)"),
    # May 28 2007, Tuesday, May 29, 2007, Mon May 28, 2007, Sept. 3rd, 2007
    re.compile(r"\b" + _WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b", re.IGNORECASE),
    # 28 May 2007, Monday 28 May 2007, 28th of May, 2007
    re.compile(r"\b" + _WEEKDAY + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + r"\b", re.IGNORECASE),
    # 28/05/2007 or 05/28/2007, only when the order is unambiguous
    re.compile(r"(?<![\d/])(?P<a>[0-3]?\d)[/.](?P<b>[01]?\d|[0-3]\d)[/.]" + _YEAR + r"(?![\d/])"),
)


_ANY_YEAR = re.compile(r"(?:19|20)\d\d")


def find_dates(text: str) -> list[tuple[date, int, int]]:
    """Every complete date in ``text`` as (date, start, end), in text order."""
    found = []
    if not _ANY_YEAR.search(text):
        return found  # every complete date has a year; most prose lines do not
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            day = _to_date(match)
            if day and not any(s < match.end() and match.start() < e for _, s, e in found):
                found.append((day, match.start(), match.end()))
    return sorted(found, key=lambda item: item[1])


def _to_date(match: re.Match) -> date | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("m"):
        month, day = int(groups["m"]), int(groups["d"])
    elif groups.get("month"):
        month, day = MONTHS[groups["month"].lower()], int(groups["day"])
    else:
        a, b = int(groups["a"]), int(groups["b"])
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            month, day = a, b
        else:
            return None  # 05/06/2007: day-first or month-first cannot be told
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(value: str) -> date | None:
    """The first complete date in a string (a hint, a meta tag), or None."""
    if not isinstance(value, str):
        return None
    found = find_dates(value[:200])
    return found[0][0] if found else None


# Words that may stand beside a date on a timestamp line without making it prose.
_FILLER = re.compile(
    r"(?:published|updated|last|posted|first|modified|created|filed|issued|date|time|on|at|and|"
    r"gmt|utc|bst|cet|cest|eet|ist|edt|est|cdt|cst|mdt|mst|pdt|pst|et|ct|pt|mt|aest|jst|msk|"
    r"am|pm|a\.m\.|p\.m\.|local|hrs|hours|page|uk|"
    + "|".join(WEEKDAYS)
    + r")\.?",
    re.IGNORECASE,
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\.?)?", re.IGNORECASE)
_ISO_TIME = re.compile(r"T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?")
_LABEL_PUBLISHED = re.compile(r"\b(?:published|posted|first published|created|filed|issued)\b", re.IGNORECASE)


def timestamp_line(line: str) -> tuple[date, bool] | None:
    """A line that is only a date or timestamp, with its labels.

    Returns (first date, labelled as the publication date) or None.
    "Published: May 28 2007 14:46 | Last updated: May 28 2007 22:39" -> May 28.
    """
    if len(line) > 160:
        return None
    found = find_dates(line)
    if not found:
        return None
    rest = line
    for _, start, end in reversed(found):
        rest = rest[:start] + " " + rest[end:]
    rest = _ISO_TIME.sub(" ", rest)
    rest = _TIME.sub(" ", rest)
    words = re.findall(r"[^\W\d_][\w.]*", rest)
    if any(not _FILLER.fullmatch(word) for word in words):
        return None
    return found[0][0], bool(_LABEL_PUBLISHED.search(line))


# A clock time: "14:46", "10.30 a.m.", "9:05pm", the "T10:00:00" of ISO 8601.
_CLOCK = re.compile(
    r"(?<![\d:.])(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)(?::[0-5]\d)?(?:\.\d+)?"
    r"(?:\s*(?P<half>[ap])\.?m\b\.?)?(?![\d:])",
    re.IGNORECASE,
)


def find_time(text: str) -> time | None:
    """The time of day of the first complete date in ``text``, to the minute.

    The time printed after the date is its time ("May 28 2007 14:46 | Last
    updated: May 28 2007 22:39" -> 14:46); failing that, one printed before it
    ("14:46 GMT, 28 May 2007"). None without a date: a bare "10:30" in a
    line could be anything."""
    if not isinstance(text, str):
        return None
    text = text[:200]
    found = find_dates(text)
    if not found:
        return None
    _, start, end = found[0]
    limit = found[1][1] if len(found) > 1 else len(text)  # the next date has its own time
    stamp = _CLOCK.search(text, end, limit)
    if stamp is None:
        before = list(_CLOCK.finditer(text, 0, start))
        stamp = before[-1] if before else None
    return _to_time(stamp) if stamp else None


def _to_time(match: re.Match) -> time | None:
    hour, minute = int(match.group("hour")), int(match.group("minute"))
    half = (match.group("half") or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    return time(hour, minute)
