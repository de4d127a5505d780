"""How likely two units from different articles are to state one fact.

Each pair gets a few measurements (``FEATURES``), combined by a logistic
regression whose weights and threshold are fitted on the exhaustive fact
keys by ``benchmarks/fit_alignment.py`` and stored in ``weights.json``:

- ``embedding``: cosine of the two statements' mean word vectors, which
  meets paraphrase ("business-like" / "businesslike", "arm" / "weapons");
- ``clause_embedding``: the best cosine between a clause of one and a
  clause (or the whole) of the other, for sentences carrying several facts;
- ``overlap``: cosine of the shared content words, each weighted by its
  rarity within the event (a word every article of the event uses says
  little about which fact a sentence reports);
- ``clause_overlap``: the same for the best pair of clauses;
- ``names``: the share of the people and places named by the shorter one
  that the other names too (the arguments of the fact);
- ``predicate``: overlap of the rare words that are not names (what
  happened to them);
- ``values_agree`` / ``values_differ``: a slot of the same kind (a toll, a
  duration, a year, a title) stated by both, compatible or not;
- ``length``: how short the shorter unit is, since short texts reach high
  cosines on little evidence;
- ``shared_rare`` / ``shared_names``: how much rare wording and how many
  names the two share in absolute terms, since one fact inside two long
  sentences shares a few rare words but a low cosine;
- ``soft_overlap``: each word that is not a name meets its closest word of
  the other unit (cosine of word vectors), weighted by rarity, both ways
  (F1): "arming" meets "weapons" without a synonym list;
- ``lead``: how near the top of its article the later of the two units
  stands (1 / sqrt(1 + its place)). News puts the event's main facts in
  the first sentences, so two leads share a fact more often than two
  sentences from further down.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .values import Values, agreement

FEATURES = (
    "embedding", "clause_embedding", "overlap", "clause_overlap", "names",
    "predicate", "values_agree", "values_differ", "length", "shared_rare", "shared_names", "soft_overlap", "lead",
)
WEIGHTS_FILE = Path(__file__).with_name("weights.json")


@dataclass(frozen=True)
class Model:
    weights: tuple  # one per feature
    bias: float
    threshold: float  # probability at which a pair states one fact

    def probability(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(x @ np.asarray(self.weights) + self.bias)))

    def to_json(self) -> dict:
        return {"features": list(FEATURES), "weights": dict(zip(FEATURES, self.weights)),
                "bias": self.bias, "threshold": self.threshold}

    @classmethod
    def from_json(cls, data: dict) -> "Model":
        if data.get("features") != list(FEATURES):
            raise ValueError(f"{WEIGHTS_FILE.name} was fitted for other features; refit it")
        return cls(tuple(data["weights"][f] for f in FEATURES), data["bias"], data["threshold"])


def load_model(path: Path = WEIGHTS_FILE) -> Model:
    return Model.from_json(json.loads(path.read_text(encoding="utf-8")))


class EventStats:
    """Rarity of each term within one event's units."""

    def __init__(self, term_sets):
        df: dict[str, int] = {}
        n = 0
        for terms in term_sets:
            n += 1
            for t in terms:
                df[t] = df.get(t, 0) + 1
        self.idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        self.default = math.log(n + 1.0) if n else 1.0

        self._weight = {t: v * v for t, v in self.idf.items()}
        self._norms: dict[frozenset, float] = {}

    def weight(self, term: str) -> float:
        found = self._weight.get(term)
        return found if found is not None else self.default ** 2

    def norm(self, terms: frozenset) -> float:
        found = self._norms.get(terms)
        if found is None:
            weight = self.weight
            found = self._norms[terms] = math.sqrt(sum(weight(t) for t in terms))
        return found

    def cosine(self, a: frozenset, b: frozenset) -> float:
        shared = a & b
        if not shared:
            return 0.0
        weight = self.weight
        dot = sum(weight(t) for t in shared)
        na, nb = self.norm(a), self.norm(b)
        return dot / (na * nb) if na and nb else 0.0


@dataclass
class Profile:
    """What features need of one unit, computed once."""

    terms: frozenset
    names: frozenset
    predicate: frozenset
    vector: np.ndarray
    clause_terms: tuple  # term sets of its clauses (empty: one clause)
    clause_vectors: np.ndarray  # one row per clause
    values: Values
    # Its words that are not names, as rows of the event's matrix of word
    # vectors (shared by every profile: a matrix per unit would hold the
    # vector of a word once per sentence that uses it).
    word_rows: np.ndarray = None
    word_vectors: np.ndarray = None  # the event's, one row per word
    word_weights: np.ndarray = None  # their rarity weights
    rank: int = 0  # its place in its article: 0 for the headline or first sentence


def features(a: Profile, b: Profile, stats: EventStats) -> list[float]:
    emb = float(a.vector @ b.vector)
    clause_emb = emb
    if len(a.clause_vectors) or len(b.clause_vectors):
        va = np.vstack([a.vector[None, :], a.clause_vectors]) if len(a.clause_vectors) else a.vector[None, :]
        vb = np.vstack([b.vector[None, :], b.clause_vectors]) if len(b.clause_vectors) else b.vector[None, :]
        clause_emb = max(emb, float((va @ vb.T).max()))
    overlap = stats.cosine(a.terms, b.terms)
    clause_overlap = overlap
    for ta in a.clause_terms or (a.terms,):
        for tb in b.clause_terms or (b.terms,):
            clause_overlap = max(clause_overlap, stats.cosine(ta, tb))
    smaller = min((a.names, b.names), key=len)
    names = len(a.names & b.names) / len(smaller) if smaller else 0.0
    predicate = stats.cosine(a.predicate, b.predicate)
    agree, differ = agreement(a.values, b.values)
    length = 1.0 / math.sqrt(min(len(a.terms), len(b.terms)))
    rare = math.log1p(math.fsum(stats.idf.get(t, stats.default) for t in a.predicate & b.predicate))
    shared_names = math.log1p(len(a.names & b.names))
    return [emb, clause_emb, overlap, clause_overlap, names, predicate, float(agree), float(differ), length,
            rare, shared_names, soft_overlap(a, b), 1.0 / math.sqrt(1.0 + max(a.rank, b.rank))]


def soft_overlap(a: Profile, b: Profile) -> float:
    """Rarity-weighted F1 of each word's best match in the other unit."""
    if a.word_rows is None or b.word_rows is None or not len(a.word_rows) or not len(b.word_rows):
        return 0.0
    sim = np.clip(a.word_vectors[a.word_rows] @ b.word_vectors[b.word_rows].T, 0.0, 1.0)
    recall = float(sim.max(axis=1) @ a.word_weights) / float(a.word_weights.sum())
    precision = float(sim.max(axis=0) @ b.word_weights) / float(b.word_weights.sum())
    return 2 * recall * precision / (recall + precision) if recall + precision else 0.0
