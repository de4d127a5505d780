"""Group sentences that report the same fact across the articles of an event.

No spaCy: sentences are regex-tokenised into normalised content terms and
compared by IDF-weighted cosine. To stay well under quadratic time, each
sentence looks for neighbours only through an inverted index whose posting
lists are read up to a fixed cap per term and a fixed budget per sentence
(rarest terms first), terms that most sentences of the event share ("talks",
the countries involved) are not used to find candidates at all, and only a
fixed number of the best-sharing candidates get an exact cosine. Groups then form around the most central sentences (leader clustering):
a sentence either joins a group whose leader it resembles or leads a new one.
A sentence may be evidence in several groups, because one news sentence
often carries several facts ("X, the ambassador, called the four-hour talks
businesslike"); for the same reason a long sentence that matches nothing as
a whole may match through one of its clauses.
"""
from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Hashable, Sequence

from articles.text.events import GENERIC
from articles.text.sentences import split_sentences
from articles.text.tokens import NUMBER_WORDS, content_terms, norm_word, skeleton

POSTING_CAP = 64  # postings read per term and unit
POSTING_BUDGET = 4 * POSTING_CAP  # postings read per unit, all terms together
NEIGHBOURS = 12  # kept per unit
SCORED = 4 * NEIGHBOURS  # candidates per unit whose exact cosine is computed
THRESHOLD = 0.2  # cosine for "reports the same fact"
JOIN_RATIO = 0.7  # a joiner must reach THRESHOLD * JOIN_RATIO with the leader
MIN_TERMS = 3  # crossheads and fragments ("Talks hailed") are not facts

# "Five are still in custody." only makes sense after the sentence before
# it, so an elliptical count continues the previous unit.
_NUMBERS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_CONTINUATION = re.compile(
    rf"^(?:\d+|(?:{_NUMBERS}))(?:\s+of\s+(?:them|those|these))?\s+"
    r"(?:are|were|is|was|remain|remained|have|had|died|survived)\b",
    re.IGNORECASE,
)


# News sentences pack several facts into clauses ("X held talks on Monday,
# with the US side demanding that Iran halt ..."). A long sentence is also
# compared clause by clause, so that one clause can match a sentence that
# reports only that fact. Breaks: semicolons, dashes, a contrast ("but",
# "while"), and a comma before "and", "with" or a participle ("killing").
_CLAUSE_BREAK = re.compile(
    r"\s*;\s+|\s+[—–]\s+|,?\s+(?=(?:but|while|whereas|although|though)\s)"
    r"|,\s+(?=(?:and|with)\s|[a-z]{3,}ing\s)"
)
CLAUSE_MIN_TERMS = 4  # a clause must say something on its own
# Short texts score higher cosines on less evidence, so a clause's match
# counts for somewhat less than a whole sentence's.
CLAUSE_DISCOUNT = 0.8
SPLIT_MIN_TERMS = 12  # shorter sentences rarely carry two facts
# A clause is short enough to match on a name or a stock phrase alone
# ("Kazemi Qomi said ...", "for the first time in a decade"): a clause match
# must share this many terms that are neither names nor words any story uses.
CLAUSE_MIN_SHARED = 3
_GENERIC = frozenset(norm_word(w) for w in GENERIC)


@dataclass
class Unit:
    doc: Hashable
    start: int
    end: int
    text: str
    terms: frozenset
    index: int = 0
    clauses: tuple = ()  # term sets of its clauses, when it has several


@dataclass
class Group:
    leader: Unit
    members: dict = field(default_factory=dict)  # doc -> Unit
    scores: dict = field(default_factory=dict)  # doc -> similarity to leader

    @property
    def units(self) -> list[Unit]:
        return list(self.members.values())


def units_of(doc: Hashable, body: str) -> list[Unit]:
    """The comparable units of one body: sentences, elliptical counts merged."""
    spans: list[list] = []
    for s in split_sentences(body):
        if spans and _CONTINUATION.match(s.text):
            spans[-1][1] = s.end
        else:
            spans.append([s.start, s.end])
    units = []
    for start, end in spans:
        text = body[start:end]
        terms = frozenset(content_terms(text))
        if len(terms) >= MIN_TERMS:
            units.append(Unit(doc, start, end, text, terms, clauses=tuple(_clauses(text, terms))))
    return units


def _clauses(text: str, terms: frozenset) -> list[frozenset]:
    """The term sets of the clauses of a long sentence ([] if it has one)."""
    if len(terms) < SPLIT_MIN_TERMS:
        return []
    parts = []
    for piece in _CLAUSE_BREAK.split(text):
        part = frozenset(content_terms(piece)) & terms
        if len(part) >= CLAUSE_MIN_TERMS:
            parts.append(part)
        elif parts:
            parts[-1] |= part  # a short tail belongs to the clause before it
    return parts if len(parts) > 1 else []


def _telling(shared: frozenset) -> int:
    """How many of ``shared`` say what happened: not names (a capitalised
    word brings its "~" spelling key along), not words every story uses."""
    return sum(
        1 for t in shared
        if not t.startswith("~") and t not in _GENERIC and "~" + skeleton(t) not in shared
    )


class Index:
    """IDF weights and an inverted index over all units of an event."""

    def __init__(self, units: list[Unit]):
        self.units = units
        for i, u in enumerate(units):
            u.index = i
        df: dict[str, int] = defaultdict(int)
        self.postings: dict[str, list[int]] = defaultdict(list)
        for u in units:
            for t in u.terms:
                df[t] += 1
                self.postings[t].append(u.index)
        n = len(units)
        self.df = df
        self.weight = {t: math.log((n + 1) / (c + 0.5)) ** 2 for t, c in df.items()}
        self.norm = [self._norm(u.terms) for u in units]
        # Each unit's sentence, then its clauses, as (terms, norm).
        self.parts = [[(u.terms, self.norm[u.index])] + [(c, self._norm(c)) for c in u.clauses] for u in units]

    def _norm(self, terms) -> float:
        return math.sqrt(math.fsum(map(self.weight.__getitem__, terms))) or 1.0

    def similarity(self, a: Unit, b: Unit) -> float:
        """Cosine of the two sentences or, when that is below the threshold,
        the discounted cosine of their closest clauses if higher."""
        shared = a.terms & b.terms
        if not shared:
            return 0.0
        weight = self.weight.__getitem__
        dot = math.fsum(map(weight, shared))
        best = dot / (self.norm[a.index] * self.norm[b.index])
        if best >= THRESHOLD or not (a.clauses or b.clauses):
            return best  # close enough as whole sentences
        pa, pb = self.parts[a.index], self.parts[b.index]
        # No clause pair shares more than the sentences do, nor has a
        # smaller norm than the smallest clause: skip hopeless pairs.
        ceiling = CLAUSE_DISCOUNT * dot / (min(n for _, n in pa) * min(n for _, n in pb))
        if ceiling < max(best, THRESHOLD * JOIN_RATIO):
            return best
        for i, (ta, na) in enumerate(pa):
            for j, (tb, nb) in enumerate(pb):
                if i or j:
                    common = ta & tb
                    if len(common) >= CLAUSE_MIN_SHARED and _telling(common) >= CLAUSE_MIN_SHARED:
                        best = max(best, CLAUSE_DISCOUNT * math.fsum(map(weight, common)) / (na * nb))
        return best

    def candidates(self, u: Unit) -> dict[int, float]:
        """Units sharing a proposing term with ``u``, with the weight they share.

        The weight counts only the postings actually read, so it is a lower
        bound of the dot product, good enough to rank candidates.
        """
        found: dict[int, float] = {}
        get = found.get
        budget = POSTING_BUDGET
        # Rarest terms first: they say most about which fact a unit reports,
        # and when the budget runs out only the vaguest terms go unread.
        for t in sorted(u.terms, key=lambda t: (self.df[t], t)):
            if budget <= 0:
                break
            plist = self.postings[t]
            if len(plist) < 2:
                continue
            if len(plist) <= POSTING_CAP:
                read = plist
            else:
                # Read a window around the unit's own position, so that
                # different units see different parts of a long list.
                pos = (u.index * 7919) % len(plist)
                read = plist[pos:pos + POSTING_CAP]
                read += plist[: max(0, POSTING_CAP - len(read))]
            budget -= len(read)
            w = self.weight[t]
            for i in read:
                found[i] = get(i, 0.0) + w
        found.pop(u.index, None)
        return found

    def neighbours(self, u: Unit, k: int = NEIGHBOURS) -> list[tuple[float, int]]:
        found = self.candidates(u)
        if len(found) > SCORED:
            # Exact cosines only for the most promising candidates: without
            # this cut the work per unit grows with the event's size.
            norm = self.norm
            best = heapq.nlargest(SCORED, found.items(), key=lambda kv: kv[1] / norm[kv[0]])
            found = dict(best)
        scored = []
        for i in found:
            v = self.units[i]
            if v.doc == u.doc:
                continue
            s = self.similarity(u, v)
            if s >= THRESHOLD * JOIN_RATIO:
                scored.append((s, i))
        scored.sort(reverse=True)
        return scored[:k]


def align(docs: Sequence[tuple[Hashable, str]], min_docs: int = 2) -> list[Group]:
    """Groups of units from at least ``min_docs`` documents reporting one fact.

    ``docs`` is a sequence of (document key, body). A group has at most one
    unit per document (its best match).
    """
    units: list[Unit] = []
    for doc, body in docs:
        units.extend(units_of(doc, body))
    if not units:
        return []
    index = Index(units)
    near = [index.neighbours(u) for u in units]
    centrality = [sum(s for s, _ in n[:4]) for n in near]
    order = sorted(range(len(units)), key=lambda i: (-centrality[i], i))

    groups: list[Group] = []
    member_of: dict[int, list[Group]] = defaultdict(list)

    def together(i: int, j: int) -> bool:
        return any(g in member_of[j] for g in member_of[i])

    def among_best(i: int, j: int, doc) -> bool:
        """Is unit i one of the two closest units of ``doc`` to unit j?"""
        ranked = [k for s, k in near[j] if units[k].doc == doc and s >= THRESHOLD]
        return i in ranked[:2]

    for i in order:
        u = units[i]
        if not member_of[i]:
            _join(i, u, near[i], units, member_of, index)
        close = [(s, j) for s, j in near[i] if s >= THRESHOLD]
        if member_of[i]:
            # Already evidence for one fact; lead another group only for a
            # close match it does not share a group with yet, which is how
            # a sentence carrying two facts becomes evidence for both.
            if not any(not together(i, j) and among_best(i, j, u.doc) for _, j in close):
                continue
        g = Group(leader=u, members={u.doc: u}, scores={u.doc: 1.0})
        member_of[i].append(g)
        for s, j in close:
            v = units[j]
            if v.doc not in g.members:
                g.members[v.doc] = v
                g.scores[v.doc] = s
                member_of[j].append(g)
        groups.append(g)

    kept = [g for g in groups if len(g.members) >= min_docs]
    # A group whose members all sit in a larger group adds nothing.
    keys = [frozenset(u.index for u in g.units) for g in kept]
    by_member: dict[int, list[int]] = defaultdict(list)
    for n, key in enumerate(keys):
        for i in key:
            by_member[i].append(n)
    out = []
    for n, key in enumerate(keys):
        first = next(iter(key))
        if any(m != n and key <= keys[m] and (len(keys[m]) > len(key) or m < n) for m in by_member[first]):
            continue
        out.append(kept[n])
    return out


def _join(i, u, near_i, units, member_of, index) -> bool:
    """Join the group of a close neighbour when that group's leader agrees."""
    for s, j in near_i:
        if s < THRESHOLD:
            return False
        for g in member_of[j]:
            if u.doc in g.members:
                continue
            lead = index.similarity(u, g.leader)
            if lead >= THRESHOLD * JOIN_RATIO:
                g.members[u.doc] = u
                g.scores[u.doc] = lead
                member_of[i].append(g)
                return True
    return False


def statement_of(group: Group, index: Index | None = None) -> str:
    """A readable statement: the member closest to the others, preferring
    narration over quotation and plain length over sprawl."""
    units = group.units

    def cost(u: Unit) -> float:
        text = u.text
        penalty = 0.0
        if text[:1] in "“\"'‘”":
            penalty += 1.0
        if re.match(r"(He|She|They|It|But|And)\b", text):
            penalty += 0.5
        words = len(text.split())
        penalty += abs(words - 22) / 40
        if index is not None and len(units) > 1:
            penalty -= sum(index.similarity(u, v) for v in units if v is not u) / (len(units) - 1)
        return penalty

    return min(units, key=cost).text
