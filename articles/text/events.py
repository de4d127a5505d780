"""Which event an article is about.

``signature`` reduces an article to the terms that tie it to an event: the
people it names, the capitalised names of places and organisations, the
salient words of its headline and lead, and its date. ``EventIndex``
compares a new article's signature with samples of each existing event's
and returns the best event, or None when nothing is close enough (the
article then starts a new event).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from articles.text.lexicon import STOPWORDS
from articles.text.names import surname_key
from articles.text.tokens import content_terms

# Words every news story uses; they say nothing about which story it is.
GENERIC = set(
    """
    new year day week month time people official report news government country
    world state first last percent told statement group part number people
    monday tuesday wednesday thursday friday saturday sunday yesterday today
    """.split()
)
_CAPITALISED = re.compile(r"(?<![.!?“\"]\s)(?<!^)\b([A-Z][a-z’'-]+(?:\s+(?:al-|bin\s+|de\s+)?[A-Z][a-z’'-]+)*)")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n)[“\"‘']?([A-Z][a-z’'-]+)")
LEAD_PARAGRAPHS = 3
DAY_WINDOW = 4  # an article more than this many days from an event is another event
THRESHOLD = 0.22
# Shared people or names at which shared wording counts in full.
ENTITY_AGREEMENT = 0.4


def _lead(body: str) -> str:
    return "\n\n".join(body.split("\n\n")[:LEAD_PARAGRAPHS])


def signature(parsed, analysis=None) -> dict:
    """JSON-serialisable terms tying an article to an event."""
    lead = _lead(parsed.body or "")
    headline = parsed.headline or ""
    text = f"{headline}\n\n{lead}"
    people: set[str] = set()
    if analysis is not None:
        for person in analysis.people:
            if person.name:
                people.add(surname_key(person.name))
    starts = {m.group(1) for m in _SENTENCE_START.finditer(text)}
    names: Counter = Counter()
    for m in _CAPITALISED.finditer(text):
        phrase = m.group(1)
        words = phrase.split()
        if len(words) == 1 and (phrase in starts or phrase.lower() in STOPWORDS):
            continue
        if analysis is None and len(words) >= 2 and words[0].lower() not in STOPWORDS:
            people.add(surname_key(phrase))
        for w in words:
            terms = content_terms(w)
            if terms and terms[0] not in GENERIC and w.lower() not in STOPWORDS:
                names[terms[0]] += 1
    words = Counter(t for t in content_terms(text) if not t.startswith("~") and t not in GENERIC and not t.isdigit())
    head_words = set(t for t in content_terms(headline) if not t.startswith("~") and t not in GENERIC)
    salient = [w for w, _ in words.most_common(30)]
    salient += [w for w in head_words if w not in salient]
    return {
        "people": sorted(p for p in people if len(p) >= 2),
        "names": sorted(names),
        "words": sorted(salient),
        "date": parsed.published.isoformat() if isinstance(parsed.published, date) else None,
        "dateline": (parsed.dateline or "").strip().upper() or None,
    }


class _Terms(NamedTuple):
    """A signature's term lists as sets, made once per article."""

    people: frozenset
    names: frozenset
    words: frozenset
    dateline: str | None

    @classmethod
    def of(cls, sig: dict) -> "_Terms":
        return cls(
            frozenset(sig.get("people") or ()),
            frozenset(sig.get("names") or ()),
            frozenset(sig.get("words") or ()),
            sig.get("dateline"),
        )

    def entities(self) -> set[tuple[str, str]]:
        return {("p", t) for t in self.people} | {("n", t) for t in self.names}


def similarity(x: _Terms, y: _Terms, weight) -> float:
    """How likely two articles describe the same event, 0..1.

    ``weight`` maps each of ``x``'s people and names, as ("p" or "n", term),
    to how telling it is (see ``EventIndex``). Shared wording counts only as
    far as the two also share people or names: two stories told in the same
    words about different people are different stories.
    """
    people = names = 0.0
    if x.people and y.people:
        people = sum(weight["p", t] for t in x.people & y.people) / min(len(x.people), len(y.people))
    if x.names and y.names:
        names = 2 * sum(weight["n", t] for t in x.names & y.names) / (len(x.names) + len(y.names))
    words = 2 * len(x.words & y.words) / (len(x.words) + len(y.words)) if x.words and y.words else 0.0
    agreement = min(1.0, max(people, names) / ENTITY_AGREEMENT)
    score = 0.35 * people + 0.3 * names + 0.35 * words * agreement
    if x.dateline and x.dateline == y.dateline:
        score += 0.05
    return score


def _day(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso)
    except (TypeError, ValueError):
        return None


@dataclass
class _Event:
    day: date | None = None
    sample: list[_Terms] = field(default_factory=list)  # newest first
    names: Counter = field(default_factory=Counter)  # people and names in the sample


class EventIndex:
    """Events, each known by the signatures of its latest articles.

    It also counts how many events each person and name occurs in: one that
    many events share (a news agency, a country in every story, a common
    first name) says little about which event an article is about; one that
    only this event has says much.
    """

    SAMPLE = 20

    def __init__(self):
        self._events: dict[int, _Event] = {}
        self._spread: Counter = Counter()

    def add(self, event_id: int, day: str | None, sig: dict, *, newest: bool = True) -> None:
        """Record an article of the event; ``newest=False`` while loading
        older articles after newer ones."""
        event = self._events.setdefault(event_id, _Event())
        event.day = event.day or _day(day)
        if not newest and len(event.sample) >= self.SAMPLE:
            return
        terms = _Terms.of(sig)
        event.sample.insert(0 if newest else len(event.sample), terms)
        self._count(event.names, terms, 1)
        while len(event.sample) > self.SAMPLE:
            self._count(event.names, event.sample.pop(), -1)

    def _count(self, names: Counter, terms: _Terms, step: int) -> None:
        for term in terms.entities():
            names[term] += step
            if names[term] == step == 1:
                self._spread[term] += 1
            elif names[term] == 0:
                del names[term]
                self._spread[term] -= 1

    def _weight(self, term) -> float:
        """1 for a term one event has, falling towards 0 as more events share it."""
        events = len(self._events)
        if events < 2:
            return 1.0
        return math.log((events + 1) / max(1, self._spread[term])) / math.log(events + 1)

    def choose(self, sig: dict) -> int | None:
        """The id of the event ``sig`` belongs to, or None to start a new one.

        An event dated far from the article is never chosen.
        """
        terms, day = _Terms.of(sig), _day(sig.get("date"))
        weight = {term: self._weight(term) for term in terms.entities()}
        best_id, best = None, 0.0
        for event_id, event in self._events.items():
            if day and event.day and abs((day - event.day).days) > DAY_WINDOW:
                continue
            scores = sorted((similarity(terms, other, weight) for other in event.sample), reverse=True)
            if not scores:
                continue
            # The best few matches, so one odd article in the sample cannot
            # carry or sink the decision.
            top = scores[:3]
            score = 0.6 * top[0] + 0.4 * sum(top) / len(top)
            if score > best:
                best_id, best = event_id, score
        return best_id if best >= THRESHOLD else None
