"""Which event an article is about.

``signature`` reduces an article to the terms that tie it to an event: the
people it names, the capitalised names of places and organisations, the
salient words of its headline and lead, and its date. ``choose_event``
compares a new article's signature with samples of each existing event's
and returns the best event, or None when nothing is close enough (the
article then starts a new event).
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date

from .tokens import STOPWORDS, content_terms, skeleton

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


def _person_key(name: str) -> str:
    last = re.sub(r"^(?:al|Al|el|El)-", "", name.split()[-1])
    return skeleton(last)


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
                people.add(_person_key(person.name))
    starts = {m.group(1) for m in _SENTENCE_START.finditer(text)}
    names: Counter = Counter()
    for m in _CAPITALISED.finditer(text):
        phrase = m.group(1)
        words = phrase.split()
        if len(words) == 1 and (phrase in starts or phrase.lower() in STOPWORDS):
            continue
        if analysis is None and len(words) >= 2 and words[0].lower() not in STOPWORDS:
            people.add(_person_key(phrase))
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


def _dice(a, b) -> float:
    a, b = set(a or ()), set(b or ())
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def _containment(a, b) -> float:
    a, b = set(a or ()), set(b or ())
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def similarity(x: dict, y: dict) -> float:
    """How likely two signatures describe the same event, 0..1."""
    people = _containment(x.get("people"), y.get("people"))
    names = _dice(x.get("names"), y.get("names"))
    words = _dice(x.get("words"), y.get("words"))
    score = 0.35 * people + 0.3 * names + 0.35 * words
    if x.get("dateline") and x.get("dateline") == y.get("dateline"):
        score += 0.05
    return score


def _days_apart(a: str | None, b: str | None) -> int | None:
    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)
    except (TypeError, ValueError):
        return None


def choose_event(sig: dict, candidates) -> int | None:
    """The id of the event ``sig`` belongs to, or None to start a new one.

    ``candidates``: (event id, event date ISO or None, signatures of some
    of its articles). An event dated far from the article is never chosen.
    """
    best_id, best = None, 0.0
    for event_id, event_day, sample in candidates:
        days = _days_apart(sig.get("date"), event_day)
        if days is not None and days > DAY_WINDOW:
            continue
        scores = sorted((similarity(sig, other) for other in sample or [] if other), reverse=True)
        if not scores:
            continue
        # The best few matches, so one odd article in the sample cannot
        # carry or sink the decision.
        top = scores[:3]
        score = 0.6 * top[0] + 0.4 * sum(top) / len(top)
        if score > best:
            best_id, best = event_id, score
    return best_id if best >= THRESHOLD else None
