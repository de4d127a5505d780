"""Group the units of an event's articles that state the same fact.

1. Units (``units.py``): sentences, their core and clauses, clutter left out.
2. Candidates by blocking: an inverted index over each unit's content
   words and over locality-sensitive hashes of its sentence vector (so a
   paraphrase sharing no rare word is still found). Posting lists are read
   up to a cap, rarest keys first, so the work per unit is bounded and the
   whole stays sub-quadratic.
3. Each candidate pair from different articles is scored by the fitted
   model (``pairs.py``).
4. Average-link clustering over the pairs above the threshold, best first:
   two groups merge only when their members match on average, which keeps
   a chain of loose neighbours from becoming one claim, and a group holds
   at most one unit per article.
5. A sentence that carries a second fact may then join one or two more
   groups, when it matches each of them as a whole; it may join a group
   holding a sentence of its own article only when it matches that
   sentence too (the article repeats itself).
"""
from __future__ import annotations

import bisect
import functools
import heapq
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Hashable, Sequence

import numpy as np

from articles.text.tokens import content_terms, norm_word, raw_tokens

from .embedding import DIMENSIONS, embed
from .pairs import EventStats, Model, Profile, features, load_model
from .units import Unit, units_of
from .values import extract

POSTING_CAP = 64  # postings read per key and unit
POSTING_BUDGET = 6 * POSTING_CAP  # postings read per unit, all keys together
CANDIDATES = 12  # candidates per unit that the model scores
HASH_TABLES, HASH_BITS = 4, 10  # locality-sensitive hashing of sentence vectors
SAMPLE = 8  # members of each group compared when two groups may merge
MAX_CLAIMS = 4  # claims one sentence may be evidence for


@dataclass
class Group:
    units: list[Unit] = field(default_factory=list)
    statement: str = ""
    docs: set = field(default_factory=set)  # of its units, kept as they join
    members: set = field(default_factory=set)  # unit indexes

    def __post_init__(self):
        for u in self.units:
            self.docs.add(u.doc)
            self.members.add(u.index)

    def add(self, u: Unit) -> None:
        if u.index not in self.members:
            self.units.append(u)
            self.members.add(u.index)
            self.docs.add(u.doc)


@functools.lru_cache(maxsize=1)
def _planes() -> np.ndarray:
    return np.random.default_rng(12).standard_normal((HASH_TABLES * HASH_BITS, DIMENSIONS)).astype(np.float32)


class Event:
    """The units of one event, their profiles, and scored pairs."""

    def __init__(self, units: list[Unit], model: Model):
        self.units = units
        self.model = model
        for i, u in enumerate(units):
            u.index = i
        clause_texts, owners = [], []
        for u in units:
            for a, b in u.clauses:
                clause_texts.append(_clause_text(u, a, b))
                owners.append(u.index)
        vectors = embed([u.core for u in units] + clause_texts)
        self.vectors = vectors[: len(units)]
        clause_vectors: dict[int, list] = defaultdict(list)
        clause_terms: dict[int, list] = defaultdict(list)
        for row, (owner, text) in enumerate(zip(owners, clause_texts)):
            clause_vectors[owner].append(vectors[len(units) + row])
            clause_terms[owner].append(frozenset(content_terms(text)))
        self.stats = EventStats(u.terms for u in units)
        words = _surface_words(units)
        vocabulary = sorted({w for ws in words for _, w in ws})
        row_of = {w: n for n, w in enumerate(vocabulary)}
        word_vectors = embed(vocabulary)
        # Each unit's place in its article (0: the headline or first sentence).
        ranks, seen = [], defaultdict(int)
        for u in units:
            ranks.append(seen[u.doc])
            seen[u.doc] += 1
        self.profiles = [
            Profile(
                terms=u.terms,
                names=frozenset(t for t in u.terms if t.startswith("~")),
                predicate=frozenset(
                    t for t in u.terms if not t.startswith("~") and "~" + t not in u.terms
                ),
                vector=self.vectors[u.index],
                clause_terms=tuple(clause_terms.get(u.index, ())),
                clause_vectors=np.array(clause_vectors.get(u.index, []), dtype=np.float32).reshape(-1, DIMENSIONS),
                values=extract(u.text),
                word_rows=np.array([row_of[w] for _, w in ws], dtype=np.intp) if ws else None,
                word_vectors=word_vectors,
                word_weights=np.array([self.stats.weight(t) for t, _ in ws]) if ws else None,
                rank=rank,
            )
            for u, ws, rank in zip(units, words, ranks)
        ]
        self._scores: dict[tuple[int, int], float] = {}

    def score(self, i: int, j: int) -> float:
        """Probability that units i and j state one fact."""
        key = (i, j) if i < j else (j, i)
        found = self._scores.get(key)
        if found is None:
            x = np.asarray(features(self.profiles[i], self.profiles[j], self.stats))
            found = self._scores[key] = float(self.model.probability(x))
        return found

    def blocking_keys(self) -> list[list[str]]:
        """Each unit's index keys: its terms, then its hash buckets."""
        bits = (self.vectors @ _planes().T) > 0
        weights = 1 << np.arange(HASH_BITS)
        keys = []
        for u, row in zip(self.units, bits):
            codes = row.reshape(HASH_TABLES, HASH_BITS) @ weights
            keys.append(list(u.terms) + [f"#{t}:{int(c)}" for t, c in enumerate(codes)])
        return keys

    def candidates(self) -> list[tuple[int, int]]:
        """Pairs of units from different articles worth scoring."""
        keys = self.blocking_keys()
        postings: dict[str, list[int]] = defaultdict(list)
        for i, ks in enumerate(keys):
            for k in ks:
                postings[k].append(i)
        idf = self.stats.weight
        pairs = set()
        for i, ks in enumerate(keys):
            found: dict[int, float] = defaultdict(float)
            budget = POSTING_BUDGET
            # Rarest keys first: they say most about which fact a unit states.
            for k in sorted(ks, key=lambda k: (len(postings[k]), k)):
                plist = postings[k]
                if len(plist) < 2:
                    continue
                if budget <= 0:
                    break
                if len(plist) > POSTING_CAP:
                    # A window around the unit's own place in the list, so
                    # that different units read different parts of a long
                    # list, and two units that read each other's part read
                    # each other: the pairs stay near one list per unit.
                    start = max(0, min(bisect.bisect_left(plist, i) - POSTING_CAP // 2, len(plist) - POSTING_CAP))
                    plist = plist[start : start + POSTING_CAP]
                budget -= len(plist)
                w = idf(k) if not k.startswith("#") else 1.0
                doc = self.units[i].doc
                for j in plist:
                    if self.units[j].doc != doc:
                        found[j] += w
            for j in heapq.nlargest(CANDIDATES, found, key=found.__getitem__):
                pairs.add((min(i, j), max(i, j)))
        return sorted(pairs)


def _surface_words(units: list[Unit]) -> list[list[tuple[str, str]]]:
    """Each unit's (term, word as written, lower-cased) for its terms that are
    not names, one word per term."""
    out = []
    for u in units:
        seen: dict[str, str] = {}
        for word, _, _ in raw_tokens(u.core):
            if word[:1].isupper() and word[1:2].islower() is False:
                continue
            term = norm_word(word)
            if term in u.terms and "~" + term not in u.terms and not word[:1].isupper():
                seen.setdefault(term, word.lower())
        out.append(list(seen.items()))
    return out


def _clause_text(u: Unit, a: int, b: int) -> str:
    return u.text[a - u.start: b - u.start]


def cluster(event: Event, pairs: list[tuple[int, int]]) -> list[Group]:
    """Average-link groups, at most one unit per article each (see module doc)."""
    threshold = event.model.threshold
    scored = [(event.score(i, j), i, j) for i, j in pairs]
    edges = sorted((e for e in scored if e[0] >= threshold), key=lambda e: (-e[0], e[1], e[2]))
    group_of: dict[int, Group] = {}
    for _, i, j in edges:
        gi, gj = group_of.get(i), group_of.get(j)
        if gi is not None and gi is gj:
            continue
        a = gi.units if gi else [event.units[i]]
        b = gj.units if gj else [event.units[j]]
        docs_a = gi.docs if gi else {event.units[i].doc}
        docs_b = gj.docs if gj else {event.units[j].doc}
        if not docs_a.isdisjoint(docs_b):
            continue
        if _link(event, a, b) < threshold:
            continue
        merged = gi or gj or Group()
        for u in list(a) + list(b):
            merged.add(u)
            group_of[u.index] = merged
    groups = list({id(g): g for g in group_of.values()}.values())

    # Second facts: a sentence joins another group that it matches as a whole.
    member_of: dict[int, int] = defaultdict(lambda: 1)
    neighbours: dict[int, set] = defaultdict(set)
    for _, i, j in edges:
        neighbours[i].add(j)
        neighbours[j].add(i)
    for i in sorted(neighbours):
        u = event.units[i]
        own = group_of.get(i)
        options = {id(group_of[j]): group_of[j] for j in neighbours[i] if j in group_of and group_of[j] is not own}
        ranked = sorted(
            ((_link(event, [u], g.units), n, g) for n, g in enumerate(options.values()) if _may_join(event, u, g)),
            key=lambda x: (-x[0], x[1]),
        )
        for link, _, g in ranked:
            if member_of[i] >= MAX_CLAIMS or link < threshold:
                break
            g.add(u)
            member_of[i] += 1

    # A close pair that no group holds together states a fact of its own:
    # it becomes a group, which units matching both may join.
    groups_of: dict[int, list[Group]] = defaultdict(list)
    for g in groups:
        for u in g.units:
            groups_of[u.index].append(g)
    for _, i, j in edges:
        if member_of[i] >= MAX_CLAIMS or member_of[j] >= MAX_CLAIMS:
            continue
        if any(j in g.members for g in groups_of[i]):
            continue
        g = Group([event.units[i], event.units[j]])
        for k in sorted((neighbours[i] | neighbours[j]) - {i, j}):
            u = event.units[k]
            if member_of[k] < MAX_CLAIMS and _may_join(event, u, g) and _link(event, [u], g.units) >= threshold:
                g.add(u)
        for u in g.units:
            member_of[u.index] += 1
            groups_of[u.index].append(g)
        groups.append(g)
    return [g for g in groups if len(g.docs) >= 2]


def _may_join(event: Event, u: Unit, g: Group) -> bool:
    """One unit per article, unless the article repeats itself: ``u`` then
    matches its own article's members of the group too."""
    if u.doc not in g.docs:
        return True
    own = [v for v in g.units if v.doc == u.doc]
    return all(event.score(u.index, v.index) >= event.model.threshold for v in own)


def _link(event: Event, a: list[Unit], b: list[Unit]) -> float:
    """Average score between two groups, on a sample of each."""
    a, b = a[:SAMPLE], b[:SAMPLE]
    return sum(event.score(x.index, y.index) for x in a for y in b) / (len(a) * len(b))


def align(docs: Sequence[tuple[Hashable, str]], model: Model | None = None) -> list[Group]:
    """Groups of units from at least two documents stating one fact.

    ``docs`` is a sequence of (document key, body) or (document key, body,
    printed headline).
    """
    units = [u for doc, body, *headline in docs for u in units_of(doc, body, *headline)]
    if not units:
        return []
    event = Event(units, model or load_model())
    groups = cluster(event, event.candidates())
    for g in groups:
        g.units.sort(key=lambda u: (str(u.doc), u.start))
    groups.sort(key=lambda g: (-len(g.docs), min((str(u.doc), u.start) for u in g.units)))
    _label(event, groups)
    return groups


def _label(event: Event, groups: list[Group]) -> None:
    """Set each group's statement: its most central member's core, preferring
    a sentence to a headline, narration to quotation and a sentence that
    stands on its own."""
    used: set[int] = set()
    for g in groups:
        # Centrality against a sample of the members, as ``_link`` links:
        # against all of them, labelling a claim every article reports
        # would cost the square of the number of articles.
        sample = g.units[: SAMPLE + 1]

        def cost(u: Unit) -> float:
            others = [v for v in sample if v is not u][:SAMPLE]
            central = sum(event.score(u.index, v.index) for v in others) / max(1, len(others))
            text = u.core
            penalty = 0.5 * (text[:1] in "“\"'‘”") + 0.3 * (not text[:1].isupper())
            penalty += 0.3 * (text.split(" ", 1)[0] in _LEANING)
            return penalty - central
        ranked = sorted(g.units, key=lambda u: (u.headline, cost(u), str(u.doc), u.start))
        # Two claims are told apart by their labels: a sentence already
        # labelling one claim labels no other while the group has another.
        best = next((u for u in ranked if u.index not in used), ranked[0])
        used.add(best.index)
        best = best.core
        # "Officials said that the bridge ..." leaves "the bridge ...": a sentence still.
        g.statement = best[:1].upper() + best[1:]


# Openings that lean on the sentence before: a poor label on their own.
_LEANING = {"He", "She", "They", "It", "This", "That", "These", "Those", "But", "And", "Also"}
