"""Values a sentence states, and whether two outlets' values disagree.

Every value fills a *slot*: a kind (``KINDS``, the one table of kinds), a
key saying what it measures (who was killed, the year of what, whose
title) and a comparable value. Two statements of one fact disagree when
they fill the same slot with incompatible values:

- counts and durations are intervals read from their hedge ("almost 30
  years", "at least 21"); overlapping intervals are compatible, except two
  bounds of the same direction ("at least 19" / "at least 21"), which are
  two different figures;
- years ("in 1980") are compared when the words before them show they date
  the same thing, and so are weekdays ("apologized on Friday" /
  "had to apologize Saturday");
- a named person's title belongs to one country ("Iranian Foreign Minister
  X" / "X, Iraq's foreign minister");
- the kind of place a person's premises are ("the offices of X" / "the
  home of X").
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Callable, Hashable, Mapping

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
    bound: str = ""  # "lower" or "upper" for a one-sided hedge


@dataclass
class Values:
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[tuple[int, frozenset, str]] = field(default_factory=list)  # year, context, text
    roles: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # (person, title) -> (country, text)
    venues: dict[str, tuple[str, str]] = field(default_factory=dict)  # owner -> (kind, text)
    weekdays: list[tuple[str, frozenset, str]] = field(default_factory=list)  # (day, context, text)

    def slots(self) -> list["Slot"]:
        """Every slot these values fill (worked out once)."""
        if not hasattr(self, "_slots"):
            self._slots = slots(self)
        return self._slots


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
        bound = "lower" if hi_f == INF else "upper" if lo_f == 0.0 else ""
        out.append(Quantity(unit, value * lo_f, value * hi_f, surface, bound))
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


_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


WEEKDAY_CONTEXT = 3  # words each side of a weekday that say what it dates


def weekdays(text: str) -> list[tuple[str, frozenset, str]]:
    """Weekdays with the lower-case words around them (names left out: a
    person is not what happened)."""
    out = []
    for m in _WEEKDAY.finditer(text):
        before = [w for w in re.findall(r"[A-Za-z’'-]+", text[: m.start()]) if w[:1].islower()]
        after = [w for w in re.findall(r"[A-Za-z’'-]+", text[m.end():]) if w[:1].islower()]
        words = before[-WEEKDAY_CONTEXT:] + after[:WEEKDAY_CONTEXT]
        context = frozenset(content_terms(" ".join(words))) - {"not"}
        out.append((m.group(1), context, m.group(0)))
    return out


def extract(text: str) -> Values:
    return Values(quantities(text), dates(text), roles(text), venues(text), weekdays(text))


@dataclass(frozen=True)
class Slot:
    kind: str  # a key of KINDS
    key: tuple  # what the value measures; only equal keys are compared
    value: object
    text: str  # as the article words it


def _compatible_quantities(a: Quantity, b: Quantity) -> bool:
    if a.bound and a.bound == b.bound:
        # Two lower (or upper) bounds are two figures: "at least 19" and
        # "at least 21" are different tolls, though both may be true.
        return abs(a.low - b.low) < 1e-9 and abs(a.high - b.high) < 1e-9
    slack = 1e-9
    return a.low <= b.high + slack and b.low <= a.high + slack


def _quantity_slots(values: Values, durations: bool) -> list[Slot]:
    return [
        Slot("duration" if durations else "victims", (q.unit,), q, q.text)
        for q in values.quantities
        if (q.unit in _TIME_KINDS) == durations
    ]


_TIME_KINDS = {unit for unit, _ in TIME_UNITS.values()}


def _date_slots(values: Values) -> list[Slot]:
    slots = [Slot("date", tuple(sorted(ctx)), year, text) for year, ctx, text in values.dates if ctx]
    slots += [Slot("date", ("weekday",) + tuple(sorted(ctx)), day, text) for day, ctx, text in values.weekdays if ctx]
    return slots


@dataclass(frozen=True)
class Kind:
    label: str  # shown to readers: "number of victims"
    slots: Callable[[Values], list[Slot]]
    compatible: Callable[[object, object], bool]
    same_key: Callable[[tuple, tuple], bool] = lambda a, b: a == b
    describe: Callable[[tuple], str] = lambda key: ""  # what a slot measures, for notes


def _share_context(a: tuple, b: tuple) -> bool:
    """Two years, or two weekdays, whose surrounding words overlap."""
    weekday = "weekday"
    if (a[:1] == (weekday,)) != (b[:1] == (weekday,)):
        return False
    return bool(set(a) & set(b) - {weekday})


# The kinds of value compared, in the order a claim's kind is chosen. A new
# kind is one row here.
KINDS: dict[str, Kind] = {
    "victims": Kind("count of victims", lambda v: _quantity_slots(v, False), _compatible_quantities,
                    describe=lambda key: key[0]),
    "duration": Kind("duration", lambda v: _quantity_slots(v, True), _compatible_quantities,
                     describe=lambda key: key[0]),
    "date": Kind("date", _date_slots, lambda a, b: a == b, _share_context),
    "title": Kind("title or role", lambda v: [
        Slot("title", key, country, text) for key, (country, text) in v.roles.items()
    ], lambda a, b: a == b, describe=lambda key: key[1]),
    "place": Kind("place", lambda v: [
        Slot("place", (owner,), kind, text) for owner, (kind, text) in v.venues.items()
    ], lambda a, b: a == b),
}


def kind_choices() -> list[tuple[str, str]]:
    """(kind, label) of every row of KINDS, read when called: the model field,
    the admin filter and the public filter all take their choices from here."""
    return [(name, kind.label) for name, kind in KINDS.items()]


def slots(values: Values) -> list[Slot]:
    return [slot for kind in KINDS.values() for slot in kind.slots(values)]


def _matched(a: list[Slot], b: list[Slot]):
    """(kind, slots of a, slots of b) for each slot the two both fill."""
    for name, kind in KINDS.items():
        sa = [s for s in a if s.kind == name]
        sb = [s for s in b if s.kind == name]
        for x in sa:
            for y in sb:
                if kind.same_key(x.key, y.key):
                    yield kind, x, y


def agreement(a: Values, b: Values) -> tuple[bool, bool]:
    """(some slot both fill agrees, some slot both fill differs)."""
    agree = differ = False
    sa, sb = a.slots(), b.slots()
    if not sa or not sb:
        return False, False
    for kind, x, y in _matched(sa, sb):
        if kind.compatible(x.value, y.value):
            agree = True
        else:
            differ = True
    return agree, differ


@dataclass
class Conflict:
    kind: str  # a key of KINDS
    label: str  # what the slot measures: "killed", "foreign minister", or ""
    values: dict  # doc -> surface text


@dataclass
class Comparison:
    shown: dict  # doc -> the value text to show for that doc ("" if none)
    conflicts: list[Conflict]

    @property
    def kind(self) -> str:
        return first_kind(self.conflicts)


def first_kind(conflicts: list[Conflict]) -> str:
    """The kind (a key of KINDS, in table order) that a claim is filed under, or ""."""
    kinds = {c.kind for c in conflicts}
    return next((k for k in KINDS if k in kinds), "")


def compare(values: Mapping[Hashable, Values]) -> Comparison:
    """The slots two or more documents fill, and those they fill differently.

    Each document's value for a slot is its first; a slot conflicts when two
    documents' values are incompatible under the slot's kind.
    """
    docs = list(values)
    by_doc = {d: values[d].slots() for d in docs}
    shown: dict = {d: [] for d in docs}
    conflicts: list[Conflict] = []
    for name, kind in KINDS.items():
        # Group each document's slots of this kind by key (keys that match).
        groups: list[tuple[tuple, dict]] = []
        for d in docs:
            for slot in by_doc[d]:
                if slot.kind != name:
                    continue
                for key, per_doc in groups:
                    if kind.same_key(key, slot.key):
                        per_doc.setdefault(d, slot)
                        break
                else:
                    groups.append((slot.key, {d: slot}))
        for key, per_doc in groups:
            if len(per_doc) < 2:
                continue
            for d, slot in per_doc.items():
                if slot.text not in shown[d]:
                    shown[d].append(slot.text)
            found = list(per_doc.values())
            if any(not kind.compatible(x.value, y.value) for i, x in enumerate(found) for y in found[i + 1:]):
                conflicts.append(Conflict(name, kind.describe(key), {d: s.text for d, s in per_doc.items()}))
    return Comparison({d: "; ".join(v) for d, v in shown.items()}, conflicts)
