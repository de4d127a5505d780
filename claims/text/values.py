"""Values a sentence states, and whether two outlets' values disagree.

Four kinds, each compared only with its own kind:

- quantities: a number (digits or words, "27-year", "a quarter-century")
  with its hedge ("almost", "at least") read as an interval, and a unit: a
  time unit, or what happened to the people counted (killed, held, ...).
  Intervals that overlap are compatible variants, not contradictions.
- dates: years introduced by a preposition ("in 1980"), compared only when
  the words before them show they date the same thing.
- roles: a named person's title and the country it belongs to ("Iranian
  Foreign Minister X" / "X, Iraq's foreign minister").
- venues: the kind of place a person's premises are ("the offices of X" /
  "the home of X").
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Hashable, Mapping

from articles.text.lexicon import COUNTRY_OF, NUMBER_WORDS
from articles.text.names import surname_key
from articles.text.tokens import content_terms, stem

INF = math.inf

# Hedge words before a number -> interval (low factor, high factor).
HEDGES = [
    (r"at\s+least|no\s+fewer\s+than|no\s+less\s+than|more\s+than|over|upwards\s+of|in\s+excess\s+of", (1.0, INF)),
    (r"almost|nearly|close\s+to|just\s+under|approaching|not\s+quite", (0.85, 1.0)),
    (r"about|around|some|roughly|approximately|an\s+estimated|estimated|an?\s+approximate", (0.85, 1.15)),
    (r"up\s+to|at\s+most|less\s+than|fewer\s+than|under|no\s+more\s+than", (0.0, 1.0)),
]
TIME_UNITS = {
    "second": ("second", 1), "minute": ("minute", 1), "hour": ("hour", 1), "day": ("day", 1),
    "week": ("week", 1), "month": ("month", 1), "year": ("year", 1), "decade": ("year", 10),
    "century": ("year", 100), "centurie": ("year", 100), "yr": ("year", 1),
}
# What happened to the people a number counts.
STATES = {
    "killed": "kill killing killed dead die died death deaths toll",
    "wounded": "wound wounded wounding injure injured injuring injuries hurt",
    "held": "hold holding held custody detain detained detaining jailed imprisoned prison captive captivity hostage hostages",
    "captured": "capture captured arrest arrested seized abducted kidnapped",
    "missing": "missing",
}
STATE_OF = {w: state for state, words in STATES.items() for w in words.split()}
ROLE_WORDS = (
    "minister|ambassador|envoy|adviser|advisor|president|vice[- ]president|secretary|spokesman|"
    "spokeswoman|spokesperson|counterpart|chief|commander|general|governor|mayor|premier|"
    "chancellor|king|queen|prince|leader|diplomat|official|negotiator|representative|senator|"
    "director|head|chairman|speaker|deputy|undersecretary"
)
VENUES = {
    "office": "office offices headquarters",
    "home": "home house residence",
    "palace": "palace",
    "embassy": "embassy consulate",
    "hotel": "hotel",
    "compound": "compound",
}
VENUE_OF = {w: kind for kind, words in VENUES.items() for w in words.split()}

_NUM_WORD = "|".join(sorted((w for w in NUMBER_WORDS if NUMBER_WORDS[w] >= 1), key=len, reverse=True))
_NUMBER = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|(?:{_NUM_WORD})(?:[- ](?:{_NUM_WORD}))*|an?)"
_HEDGE = "|".join(f"(?:{h})" for h, _ in HEDGES)
_QUANTITY = re.compile(
    rf"(?P<hedge>\b(?:{_HEDGE})\s+)?\b(?P<num>{_NUMBER})(?![A-Za-z])"
    rf"(?P<unit>(?:-|\s+)(?:quarter-|half-)?[A-Za-z]+)?",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z](?:\.[A-Za-z])+\.?|[A-Za-z’']+|\d[\d,.:]*|[.;:!?()—–]")
_NAME = r"(?:[A-Z][a-z’'-]+|al-[A-Z][a-z]+|Al-[A-Z][a-z]+|Al|al)(?:\s+(?:[A-Z][a-z’'-]+|al-[A-Z][a-z]+|Al-[A-Z][a-z]+|bin|ibn|de|van|von))*"
_COUNTRY_FORMS = "|".join(
    re.escape(f) for f in sorted((f for f in COUNTRY_OF if len(f) > 1), key=len, reverse=True)
)
# A country or its adjective, capitalised: "Iranian", "Iraq's", "U.S.".
_COUNTRY = rf"(?=[A-Z])(?i:{_COUNTRY_FORMS})(?![A-Za-z])(?:[’'‘]s)?"
# Capitalised words that open a sentence or phrase but are not names.
_NOT_NAMES = {"In", "From", "At", "On", "The", "A", "An", "But", "And", "As", "By", "For", "With", "After", "Before", "When", "His", "Her", "Their", "Its"}


@dataclass
class Quantity:
    unit: str
    low: float
    high: float
    text: str


@dataclass
class Values:
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[tuple[int, frozenset, str]] = field(default_factory=list)  # year, context, text
    roles: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # (person, title) -> (country, text)
    venues: dict[str, tuple[str, str]] = field(default_factory=dict)  # owner -> (kind, text)


def _number(text: str) -> float | None:
    t = text.lower().replace(",", "")
    if t in ("a", "an"):
        return 1.0
    try:
        return float(t)
    except ValueError:
        pass
    total = 0.0
    for part in re.split(r"[- ]", t):
        if part not in NUMBER_WORDS:
            return None
        value = NUMBER_WORDS[part]
        total = total * value if value >= 100 and total else total + value
    return total


def _state_near(words: list[str], at: int, window: int = 6) -> str | None:
    """The nearest word within the clause saying what happened to those counted."""
    open_sides = {-1: True, 1: True}
    for d in range(1, window + 1):
        for side in (-1, 1):
            k = at + side * d
            if not open_sides[side] or not 0 <= k < len(words):
                continue
            w = words[k].lower()
            if w in ".;:!?()":
                open_sides[side] = False
            elif w in STATE_OF:
                return STATE_OF[w]
    return None


def quantities(text: str) -> list[Quantity]:
    out = []
    words = _WORD.findall(text)
    for m in _QUANTITY.finditer(text):
        raw = m.group("num")
        value = _number(raw)
        if value is None:
            continue
        unit_raw = (m.group("unit") or "").strip(" -").lower()
        factor = 1.0
        if unit_raw.startswith(("quarter-", "half-")):
            factor = 0.25 if unit_raw.startswith("quarter") else 0.5
            unit_raw = unit_raw.split("-", 1)[1]
        unit_stem = stem(unit_raw) if unit_raw else ""
        if raw.lower() in ("a", "an") and unit_stem not in TIME_UNITS and not factor != 1.0:
            continue
        if raw.isdigit() and len(raw) == 4 and 1800 <= value <= 2100 and unit_stem not in TIME_UNITS:
            continue  # a year: see dates()
        if unit_stem in TIME_UNITS:
            unit, mult = TIME_UNITS[unit_stem]
            value = value * mult * factor
        elif unit_raw in ("quarter", "half"):
            continue
        else:
            # Which word of the sentence is this number? Count tokens before it.
            at = len(_WORD.findall(text[: m.start("num")]))
            unit = _state_near(words, at)
            if unit is None:
                continue
        lo_f, hi_f = 1.0, 1.0
        hedge = (m.group("hedge") or "").strip().lower()
        for pattern, (lo, hi) in HEDGES:
            if hedge and re.fullmatch(pattern, hedge):
                lo_f, hi_f = lo, hi
                break
        if unit_stem in TIME_UNITS:
            surface = m.group(0).strip()
        else:
            surface = f"{(m.group('hedge') or '')}{raw} ({unit})"
        out.append(Quantity(unit, value * lo_f, value * hi_f, surface))
    return out


_YEAR = re.compile(
    r"\b(?:in|since|until|till|by|from|before|after|of)\s+(?:(?:early|late|mid-?)\s*)?"
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?"
    r"(?:\d{1,2},?\s+)?(1[89]\d\d|20\d\d)\b"
)


def dates(text: str) -> list[tuple[int, frozenset, str]]:
    out = []
    for m in _YEAR.finditer(text):
        before = text[max(0, m.start() - 60): m.start()]
        context = frozenset(content_terms(before)[-3:]) - {"not"}
        out.append((int(m.group(1)), context, m.group(0)))
    return out


def _country(word: str) -> str | None:
    w = re.sub(r"[’'‘]s$", "", word).lower().rstrip(".")
    return COUNTRY_OF.get(w) or COUNTRY_OF.get(w.replace(".", ""))


def _title_key(title: str) -> str:
    t = title.lower().replace("advisor", "adviser")
    t = re.sub(r"\s+(?:to|in|at|for)\s+.*$", "", t)  # "ambassador to Iraq": the post, not the role
    return " ".join(t.split()[-3:])


_ROLE_BEFORE = re.compile(
    rf"\b(?P<country>{_COUNTRY})\s+(?P<title>(?:[A-Za-z-]+\s+){{0,3}}?(?i:{ROLE_WORDS})(?:\s+(?:to|in)\s+[A-Z][a-z]+)?)\s+(?P<name>{_NAME})",
)
_ROLE_AFTER = re.compile(
    rf"(?P<name>{_NAME}),\s+(?:the\s+)?(?P<country>{_COUNTRY})\s+(?P<title>(?:[A-Za-z-]+\s+){{0,3}}?(?i:{ROLE_WORDS}))\b",
)
_ROLE_THE = re.compile(
    rf"\bthe\s+(?P<country>{_COUNTRY})\s+(?P<title>(?:[a-z-]+\s+){{0,3}}?(?:{ROLE_WORDS})),\s+(?P<name>{_NAME})",
)


def roles(text: str) -> dict:
    out = {}
    for pattern in (_ROLE_BEFORE, _ROLE_AFTER, _ROLE_THE):
        for m in pattern.finditer(text):
            country = _country(m.group("country"))
            if not country:
                continue
            name = m.group("name")
            if len(name) < 3 or _country(name.split()[0]) or name.split()[0] in _NOT_NAMES:
                continue
            title = _title_key(m.group("title"))
            out[(surname_key(name), title)] = (country, m.group(0))
    return out


_VENUE_OF = re.compile(
    rf"\b(?:at|in|inside|outside|to)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){{0,3}}"
    rf"(?P<venue>{'|'.join(VENUE_OF)})\s+of\s+(?:(?:the\s+)?(?:[A-Z][\w.-]*|prime|minister|president)\s+)*?(?P<name>{_NAME})"
)
_VENUE_POSS = re.compile(rf"(?P<name>{_NAME})[’']s\s+(?:[a-z]+\s+)?(?P<venue>{'|'.join(VENUE_OF)})\b")


def venues(text: str) -> dict:
    out = {}
    for pattern in (_VENUE_OF, _VENUE_POSS):
        for m in pattern.finditer(text):
            out[surname_key(m.group("name"))] = (VENUE_OF[m.group("venue").lower()], m.group(0))
    return out


def extract(text: str) -> Values:
    return Values(quantities(text), dates(text), roles(text), venues(text))


@dataclass
class Conflict:
    kind: str  # "quantity" | "date" | "role" | "venue"
    label: str  # what differs: "killed", "year", "foreign minister", "venue of Maliki"
    values: dict  # doc -> surface text


@dataclass
class Comparison:
    shown: dict  # doc -> the value text to show for that doc ("" if none)
    conflicts: list[Conflict]


def _compatible(a: Quantity, b: Quantity) -> bool:
    slack = 1e-9
    return a.low <= b.high + slack and b.low <= a.high + slack


def compare(values: Mapping[Hashable, Values]) -> Comparison:
    """Shared kinds of value across documents and the ones that disagree."""
    docs = list(values)
    shown: dict = {d: [] for d in docs}
    conflicts: list[Conflict] = []

    by_unit: dict[str, dict] = {}
    for d in docs:
        for q in values[d].quantities:
            by_unit.setdefault(q.unit, {}).setdefault(d, []).append(q)
    for unit, per_doc in by_unit.items():
        if len(per_doc) < 2:
            continue
        for d, qs in per_doc.items():
            shown[d].append(qs[0].text)
        clash = None
        for i, a in enumerate(list(per_doc)):
            for b in list(per_doc)[i + 1:]:
                if not any(_compatible(x, y) for x in per_doc[a] for y in per_doc[b]):
                    clash = (a, b)
                    break
            if clash:
                break
        if clash:
            conflicts.append(Conflict(
                "quantity", unit, {d: ", ".join(q.text for q in qs) for d, qs in per_doc.items()}
            ))

    # Years that date the same thing (shared context words).
    dated = [(d, y, ctx, t) for d in docs for y, ctx, t in values[d].dates]
    for i, (d1, y1, c1, t1) in enumerate(dated):
        for d2, y2, c2, t2 in dated[i + 1:]:
            if d1 != d2 and c1 & c2 and y1 != y2:
                conflicts.append(Conflict("date", "year", {d1: t1, d2: t2}))
                break

    roles: dict = {}
    for d in docs:
        for key, (country, text) in values[d].roles.items():
            roles.setdefault(key, {})[d] = (country, text)
    for (person, title), per_doc in roles.items():
        if len(per_doc) < 2:
            continue
        for d, (_, text) in per_doc.items():
            shown[d].append(text)
        if len({c for c, _ in per_doc.values()}) > 1:
            conflicts.append(Conflict("role", title, {d: t for d, (_, t) in per_doc.items()}))

    venues: dict = {}
    for d in docs:
        for owner, (kind, text) in values[d].venues.items():
            venues.setdefault(owner, {})[d] = (kind, text)
    for owner, per_doc in venues.items():
        if len(per_doc) < 2:
            continue
        for d, (_, text) in per_doc.items():
            shown[d].append(text)
        if len({k for k, _ in per_doc.values()}) > 1:
            conflicts.append(Conflict("venue", "venue", {d: t for d, (_, t) in per_doc.items()}))

    return Comparison({d: "; ".join(v) for d, v in shown.items()}, conflicts)
