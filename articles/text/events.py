"""Which event an article is about.

``signature`` reduces an article to the terms that tie it to an event: the
people it names, the capitalised names of places and organisations, the
salient words of its headline and first paragraphs, and its date.
``EventIndex`` compares a signature with each event as a whole and returns
the event it belongs to, or None when none is likely enough (the article
then starts a new event). ``cluster`` files a batch of articles the same
way whatever order they come in; ``refile`` files a run's articles together
with the stored events they could join, so that several runs file as one.
"""
from __future__ import annotations

import heapq
import math
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
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
# Where an article says what happened: chosen with the model on the
# development set (8 paragraphs and 30 words beat 3 or 5, and 40, on
# held-out events).
LEAD_PARAGRAPHS = 8
SALIENT_WORDS = 30


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
    salient = [w for w, _ in words.most_common(SALIENT_WORDS)]
    salient += [w for w in head_words if w not in salient]
    return {
        "people": sorted(p for p in people if len(p) >= 2),
        "names": sorted(names),
        "words": sorted(salient),
        "date": parsed.published.isoformat() if isinstance(parsed.published, date) else None,
        "dateline": (parsed.dateline or "").strip().upper() or None,
    }


KINDS = ("people", "names", "words")
# What ``EventIndex.features`` measures of an article against an event.
FEATURES = ("people", "names", "words", "words_with_names", "dateline")
MAX_GAP = 3  # days outside an event's span beyond which an article never joins it
MIN_SHARED = 2  # people and names an article must share with an event to be compared with it
COMMON_HOLDERS = 50


@dataclass(frozen=True)
class Model:
    """How the features weigh, and the probability at which an article joins.

    Fitted by ``benchmarks/events_fit.py``: logistic regression on pairs of a
    development-set article and an event (some or all of one key event's
    articles), same event or not; then, for undated and for dated articles
    apart, the threshold that gives the best pair F1 when the development
    set is clustered (the highest of those within 0.005 of the best), in one
    run and in three, with all reports and with a third of the stories cut
    to one. The dated one is chosen with the key's events packed three to a
    day, so that the date window cannot do all the work, as it could on
    events weeks apart; MAX_GAP covers the key's events, which span up to
    three days.

    ``MODEL`` was fitted so while only lone articles moved in
    ``_file_likeliest_first``. Fitted again now that whole events of a day
    move, the bars come out at 0.35 and 0.45 and one run of the development
    set scores lower (F1 0.958 dated, 0.929 plain, against 0.975 and 0.932),
    so the earlier fit stays (docs/quality.md, Events).
    """

    weights: tuple[float, ...]
    bias: float
    threshold: float  # when the article or the event has no date
    dated_threshold: float  # when both have dates (and are within MAX_GAP)

    def probability(self, values) -> float:
        z = self.bias + sum(w * v for w, v in zip(self.weights, values))
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


MODEL = Model(
    weights=(9.41, 10.778, 13.798, 3.009, 0.628), bias=-4.921, threshold=0.25, dated_threshold=0.4
)


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


class _Article(NamedTuple):
    """A signature's terms as sets, made once per article."""

    terms: tuple[frozenset, ...]  # one set per kind
    day: date | None
    dateline: str | None

    @classmethod
    def of(cls, sig: dict) -> "_Article":
        terms = tuple(frozenset(sys.intern(t) for t in sig.get(kind) or ()) for kind in KINDS)
        return cls(terms, _day(sig.get("date")), sig.get("dateline"))


@dataclass
class _Event:
    """How many of an event's articles hold each term, and their dates."""

    size: int = 0
    counts: tuple[Counter, ...] = field(default_factory=lambda: tuple(Counter() for _ in KINDS))
    terms: list[int] = field(default_factory=lambda: [0] * len(KINDS))  # of all its articles, each kind
    datelines: Counter = field(default_factory=Counter)
    first: date | None = None
    last: date | None = None

    def gap(self, day: date) -> int:
        """Days from ``day`` to the event's span (0 inside it)."""
        return max((self.first - day).days, (day - self.last).days, 0)


class EventIndex:
    """Events known by the profile of all their articles, not by one of them.

    An article is compared with each event as a whole: for each kind of
    term (people, capitalised names, salient words), the telling terms it
    shares with the event's average article, against the number of terms of
    both (a Dice coefficient with the centroid, each shared term weighted).
    An event that unrelated articles joined spreads thin and attracts less,
    so one story cannot chain into the next through the one article that
    resembles both.

    A term weighs by how few events hold it: a name many events share (a
    capital, a president, a news agency) says little about which event an
    article is about. Given ``spread`` (from an earlier pass over the same
    articles), the weights come from it and stay fixed.
    """

    def __init__(self, model: Model = MODEL, spread: dict | None = None):
        self.model = model
        self._events: dict = {}
        self._holders: dict = {}  # (kind, term) -> ids of the events holding it
        self._spread = spread

    def spread(self) -> dict:
        """How many events hold each term; None maps to the number of events."""
        table = {term: len(ids) for term, ids in self._holders.items()}
        table[None] = len(self._events)
        return table

    def _weight(self, key) -> float:
        if self._spread is not None:
            events, holders = self._spread[None], self._spread.get(key, 0)
        else:
            events, holders = len(self._events), len(self._holders.get(key, ()))
        if events < 2:
            return 1.0
        return math.log((events + 1) / max(1, holders)) / math.log(events + 1)

    def _telling(self, key) -> bool:
        """Whether the term is rare enough to make candidates: a term held by
        more events than the cut-off weighs next to nothing, and would make
        every event a candidate at archive scale.

        Given a spread, the events holding it are counted there, as the
        weights are: while ``_file_likeliest_first`` files a day, each of its
        articles stands as an event of its own, so the live count is that of
        the day's reports, and a story reported more than COMMON_HOLDERS
        times in a day would count as common and never come together.
        """
        if self._spread is not None:
            events, holders = self._spread[None], self._spread.get(key, 0)
        else:
            events, holders = len(self._events), len(self._holders.get(key, ()))
        return holders <= max(COMMON_HOLDERS, events // 10)

    def add(self, event_id, sig: dict) -> None:
        """Count an article (its signature) in the event."""
        article = _Article.of(sig)
        event = self._events.get(event_id)
        if event is None:
            event = self._events[event_id] = _Event()
        event.size += 1
        for k, terms in enumerate(article.terms):
            counts = event.counts[k]
            for term in terms:
                if not counts[term]:
                    self._holders.setdefault((k, term), set()).add(event_id)
                counts[term] += 1
            event.terms[k] += len(terms)
        if article.dateline:
            event.datelines[article.dateline] += 1
        if article.day:
            event.first = min(event.first or article.day, article.day)
            event.last = max(event.last or article.day, article.day)

    def features(self, article: _Article, event: _Event, weights: dict | None = None, shared=None) -> tuple[float, ...]:
        """The article against the event, in the order of ``FEATURES``;
        ``weights`` are its terms' weights when already known, ``shared``
        its ``shared`` terms with the event."""
        weights = weights or self.term_weights(article)
        shared = shared or self.shared(article, event, weights)
        dice = []
        for k, terms in enumerate(article.terms):
            total = len(terms) + event.terms[k] / event.size
            dice.append(2 * shared[k] / event.size / total if total else 0.0)
        people, names, words = dice
        return (
            people,
            names,
            words,
            words * max(people, names),
            event.datelines[article.dateline] / event.size if article.dateline else 0.0,
        )

    @staticmethod
    def shared(article: _Article, event: _Event, weights: dict) -> tuple[float, ...]:
        """For each kind, the weights of the article's terms summed over the
        event's articles that hold them. Two events' sums add up to those of
        the two merged, as long as the weights stay fixed."""
        return tuple(
            sum(weights[k, t] * event.counts[k][t] for t in terms if t in event.counts[k])
            for k, terms in enumerate(article.terms)
        )

    def term_weights(self, article: _Article) -> dict:
        return {(k, t): self._weight((k, t)) for k, terms in enumerate(article.terms) for t in terms}

    def candidates(self, article: _Article):
        """Events sharing two people or names with the article (one place
        alone, a capital that every local story names, is not enough),
        within the date window."""
        shared = Counter()
        for k in (0, 1):
            for term in article.terms[k]:
                if self._telling((k, term)):
                    shared.update(self._holders.get((k, term), ()))
        for event_id, n in shared.items():
            event = self._events[event_id]
            if n < MIN_SHARED or (article.day and event.first and event.gap(article.day) > MAX_GAP):
                continue
            yield event_id, event

    def choose(self, sig: dict):
        """The id of the event ``sig`` belongs to, or None to start a new one."""
        return self.best(_Article.of(sig))[2]

    def best(self, article: _Article, own=None, weights: dict | None = None) -> tuple[bool, float, object]:
        """The event the article should join other than ``own``: of those
        likely enough, one that began before the article's day if any (the
        story already running), else the likeliest. Returns whether it began
        before, its probability and its id, or (False, 0.0, None)."""
        weights = weights or self.term_weights(article)
        best_id, best = None, (False, 0.0)
        # Sorted, so that a tie goes the same way whatever the set's order.
        for event_id, _ in sorted(self.candidates(article), key=lambda pair: str(pair[0])):
            rank = self.rank(article, event_id, weights) if event_id != own else None
            if rank is not None and rank > best:
                best_id, best = event_id, rank
        return (*best, best_id)

    def rank(self, article: _Article, event_id, weights: dict) -> tuple[bool, float] | None:
        """Whether the event began before the article's day, and the
        probability that the article belongs to it; None when that is not
        likely enough, or the event is outside the date window."""
        pull = self.pull(article, event_id, weights)
        if pull is None or pull[2] < self.bar(pull[0]):
            return None
        return pull[1], pull[2]

    def pull(self, article: _Article, event_id, weights: dict, shared=None) -> tuple[bool, bool, float] | None:
        """Whether the article and the event both have dates, whether the
        event began before the article's day, and the probability that the
        article belongs to it; None when the event is outside the date window.
        ``shared`` as in ``features``."""
        event = self._events[event_id]
        dated = article.day is not None and event.first is not None
        if dated and event.gap(article.day) > MAX_GAP:
            return None
        p = self.model.probability(self.features(article, event, weights, shared))
        return dated, dated and event.first < article.day, p

    def event(self, event_id) -> _Event:
        return self._events[event_id]

    def bar(self, dated: bool) -> float:
        """The probability at which an article joins an event."""
        return self.model.dated_threshold if dated else self.model.threshold

    def likely(self, sig: dict) -> set:
        """Ids of the events the article is likely enough to join."""
        article = _Article.of(sig)
        weights = self.term_weights(article)
        return {event_id for event_id, _ in self.candidates(article) if self.rank(article, event_id, weights)}

    def discard(self, event_id) -> None:
        """Forget the event and its articles."""
        event = self._events.pop(event_id)
        for k, counts in enumerate(event.counts):
            for term in counts:
                holders = self._holders[k, term]
                holders.discard(event_id)
                if not holders:
                    del self._holders[k, term]

    def near(self, event_id) -> set:
        """Ids of the events that share two people or names with the event:
        those whose candidates it can be."""
        event = self._events[event_id]
        shared = Counter()
        for k in (0, 1):
            for term in event.counts[k]:
                if self._telling((k, term)):
                    shared.update(self._holders[k, term])
        return {other for other, n in shared.items() if n >= MIN_SHARED and other != event_id}


def cluster(existing, new, model: Model = MODEL) -> dict:
    """Assign ``new`` articles to ``existing`` events or to new ones, the same
    whatever order either comes in.

    ``existing`` holds (event id, signature) pairs of stored articles;
    ``new`` holds (key, signature) pairs. Returns key -> an existing event
    id, or ("new", n) for the n-th event to create (numbered in order of
    date, undated last, then key). Two passes: the first, one article after
    the other, only to learn how many events hold each term, so that the
    second weighs a name as telling or common from the start instead of from
    what came first. The second files day by day, the likeliest joins first
    (``_file_likeliest_first``), so that no article is filed before the
    articles it resembles most are.
    """
    existing = list(existing)
    order = sorted(new, key=lambda pair: (_day(pair[1].get("date")) or date.max, str(pair[0])))
    index = EventIndex(model)
    for event_id, sig in existing:
        index.add(event_id, sig)
    for key, sig in order:
        index.add(index.choose(sig) or ("run", key), sig)
    index = EventIndex(model, index.spread())
    for event_id, sig in existing:
        index.add(event_id, sig)
    chosen = {}
    for _, day in groupby(order, key=lambda pair: _day(pair[1].get("date"))):
        chosen.update(_file_likeliest_first(index, list(day)))
    numbers: dict = {}
    for key, _ in order:
        if isinstance(chosen[key], tuple) and chosen[key][0] == "run":
            chosen[key] = numbers.setdefault(chosen[key], ("new", len(numbers) + 1))
    return chosen


def _file_likeliest_first(index: EventIndex, group: list) -> dict:
    """File one day's articles (or all undated ones): each starts alone, as
    its own event ("run", key); then, again and again, the likeliest move of
    one of the day's events, as a whole, into another event (an earlier one,
    or another of the day's) is made, until none is likely enough.

    Taken one after the other, an article whose own story has not been filed
    yet joins the nearest other story about the same people, and the rest
    of its story follows it there. Best first, the reports of one story meet
    each other before any of them can join another story. The day's events
    move whole, not only lone articles, so that the small groups a story's
    reports make first come together: a story with many reports in a day
    would otherwise stay in pieces. An event moves only as likely as the
    least likely of its articles joins the other, and, when the other is one
    of the day's too, the least likely of the other's joins it: no article
    ends in an event it would not join alone.

    Needs ``index`` to weigh terms by a fixed spread, so that an event's
    pull changes only when the event does. A change is weighed lazily: a
    move found best is weighed again before it is made if either event
    changed since, and put back in line. The first weighing, each article
    against each event of the day it shares two people or names with, costs
    the square of a story's reports in a day, in time and in the pulls kept.
    """
    articles = {key: _Article.of(sig) for key, sig in group}
    signatures = dict(group)
    members = {("run", key): [key] for key in signatures}  # the day's events, while they may move
    for key, sig in group:
        index.add(("run", key), sig)
    weights = {key: index.term_weights(article) for key, article in articles.items()}
    chosen = {key: ("run", key) for key in signatures}
    # How each of the day's events ranks the events it could join, with the
    # changes of both it was weighed at; for each event, the day's events
    # that rank it (``watchers``); what each article shares with an event,
    # and its pull, until the event changes.
    ranks: dict = {label: {} for label in members}
    watchers: dict = {}
    changes: Counter = Counter()
    shared: dict = {}
    pulls: dict = {}
    heap: list = []
    version: Counter = Counter()

    def pull(key, event_id):
        known = pulls.setdefault(event_id, {})
        if key not in known:
            sums = shared.setdefault(event_id, {})
            if key not in sums:
                sums[key] = index.shared(articles[key], index.event(event_id), weights[key])
            known[key] = index.pull(articles[key], event_id, weights[key], sums[key])
        return known[key]

    def weigh(label, event_id):
        values = [pull(key, event_id) for key in members[label]]
        if event_id in members:
            values += [pull(key, label) for key in members[event_id]]
        rank = None
        if all(v is not None for v in values):
            p = min(v[2] for v in values)
            if p >= index.bar(values[0][0]):
                rank = all(v[1] for v in values), p
        if rank is None:
            ranks[label].pop(event_id, None)
        else:
            ranks[label][event_id] = (*rank, (changes[label], changes[event_id]))
            watchers.setdefault(event_id, set()).add(label)

    def propose(label):
        version[label] += 1
        if ranks[label]:
            target, (running, p, _) = min(ranks[label].items(), key=lambda item: (not item[1][0], -item[1][1], str(item[0])))
            heapq.heappush(heap, (not running, -p, str(label), version[label], label, target))

    for label in sorted(members, key=str):
        for event_id in sorted(index.near(label), key=str):
            weigh(label, event_id)
        propose(label)
    while heap:
        _, _, _, seen, label, target = heapq.heappop(heap)
        if seen != version[label] or label not in members:
            continue  # moved already, or its best was found again since
        if ranks[label][target][2] != (changes[label], changes[target]):
            weigh(label, target)  # either changed since it was weighed
            propose(label)
            continue
        moved = members.pop(label)
        for event_id in ranks.pop(label):
            watchers.get(event_id, set()).discard(label)
        near = index.near(label)
        index.discard(label)
        for key in moved:
            index.add(target, signatures[key])
            chosen[key] = target
        if target in members:
            members[target] += moved
        changes[target] += 1
        # Counts add up, so what an article shares with the grown target is
        # what it shared with both (the rest is found again when needed).
        pulls.pop(target, None)
        pulls.pop(label, None)
        was, gained = shared.pop(target, {}), shared.pop(label, {})
        shared[target] = {key: tuple(map(sum, zip(was[key], gained[key]))) for key in was.keys() & gained.keys()}
        # The moved event is gone: those that ranked it look again. Those
        # that share two people or names with it, whose terms the target
        # gained, weigh the target if they did not yet; the target's other
        # ranks, and the others' ranks of the target, are weighed again when
        # they come up.
        for other in sorted(watchers.pop(label, set()) & members.keys(), key=str):
            ranks[other].pop(label, None)
            propose(other)
        for other in sorted((near & members.keys()) - {target}, key=str):
            if target not in ranks[other]:
                weigh(other, target)
                propose(other)
        if target in members:
            for event_id in sorted(near - {target} - ranks[target].keys(), key=str):
                weigh(target, event_id)
            propose(target)
    return chosen


def refile(stored, new, movable=frozenset(), model: Model = MODEL) -> dict:
    """``cluster`` for a run against stored events, where the stored events
    the run's articles could join are filed again with them, as one run
    would have filed them all.

    ``stored`` holds (key, event id, signature) of stored articles, all the
    articles of each event in ``movable``; ``new`` holds (key, signature) of
    the run's. Kept as they are, stored events let an undated article whose
    own story is not stored yet join another story about the same people,
    and the rest of its story follow it in later runs; filed again, the
    reports of one story meet first. Returns key -> event id or ("new", n)
    for each new article and each stored article that moves. A stored
    article moves only to an event the run makes (a stored event split),
    never into another stored event: a run does not merge stored events.
    """
    stored, new = list(stored), list(new)
    index = EventIndex(model)
    for _, event_id, sig in stored:
        index.add(event_id, sig)
    touched = set().union(*(index.likely(sig) for _, sig in new)) & set(movable)
    kept = [(event_id, sig) for _, event_id, sig in stored if event_id not in touched]
    loose = {key: event_id for key, event_id, _ in stored if event_id in touched}
    chosen = cluster(kept, new + [(key, sig) for key, event_id, sig in stored if event_id in touched], model)

    held: dict = {}  # new label -> Counter of the touched events its stored articles come from
    for key, event_id in loose.items():
        if isinstance(chosen[key], tuple) and chosen[key][0] == "new":
            held.setdefault(chosen[key], Counter())[event_id] += 1
    # Each touched event goes on as the new event holding most of its articles.
    ranked = sorted(((n, str(event_id), label, event_id) for label, counts in held.items()
                     for event_id, n in counts.items()), key=lambda t: (-t[0], t[1], t[2][1]))
    named, used = {}, set()
    for _, _, label, event_id in ranked:
        if label not in named and event_id not in used:
            named[label] = event_id
            used.add(event_id)
    result = {}
    for key, target in chosen.items():
        target = named.get(target, target)
        if key not in loose:
            result[key] = target
        elif target != loose[key] and isinstance(target, tuple):
            result[key] = target  # split off into an event the run makes
    made = sorted({t for t in result.values() if isinstance(t, tuple)}, key=lambda t: t[1])
    renumber = {label: ("new", n) for n, label in enumerate(made, 1)}
    return {key: renumber.get(target, target) for key, target in result.items()}
