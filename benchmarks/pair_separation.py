"""How well the pair model alone separates pairs that share a fact, before clustering.

    python benchmarks/pair_separation.py [--devset DIR]

Every cross-article pair of units of both fact keys, labelled as
``fit_alignment.py`` labels them (do their sentences share a fact?). For the
shipped logistic model it prints average precision and the recall at pair
precision 0.85 and 0.70, three ways:

- ``in``: fitted on both keys, measured on the pairs it was fitted on;
- ``cv``: cross-validated by fact, five folds; a pair falls in the fold of
  the first fact its units share (of either unit when they share none), so
  the pairs of one fact are never split between fitting and measuring, and
  the other key is always in the fitting data;
- ``seeds->basil`` / ``basil->seeds``: fitted on one key, measured on the other.

``pair_models.py`` reuses these measurements to compare other pair models.
"""
from __future__ import annotations

import argparse
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fit_alignment as fa  # noqa: E402
from claims.text.pairs import FEATURES, Model  # noqa: E402

FOLDS = 5
KEYS = ("seeds", "basil")


@dataclass
class Pairs:
    """One key's cross-article pairs: features, labels, the fold of each."""

    x: np.ndarray
    y: np.ndarray
    fold: np.ndarray


def key_pairs(events: list[fa.KeyEvent]) -> Pairs:
    blank = Model(tuple(0.0 for _ in FEATURES), 0.0, 0.5)
    xs, ys, folds = [], [], []
    for n, event in enumerate(events):
        x, y = fa.training_pairs(event, blank)
        facts = fa.unit_facts(event)
        units = event.units
        # In training_pairs' order: i < j, different articles.
        for i, u in enumerate(units):
            for j in range(i + 1, len(units)):
                if units[j].doc != u.doc:
                    shared = sorted(facts[i] & facts[j]) or sorted(facts[i] | facts[j]) or [f"{n}:{i}"]
                    folds.append(zlib.crc32(shared[0].encode()) % FOLDS)
        xs.append(x)
        ys.append(y)
    return Pairs(np.vstack(xs), np.concatenate(ys), np.array(folds))


def load_pairs(devset: Path) -> dict[str, Pairs]:
    return {name: key_pairs(fa.load_events(*where)) for name, where in fa.keys(devset).items()}


def separation(score: np.ndarray, label: np.ndarray) -> tuple[float, float, float]:
    """Average precision, recall at precision 0.85 and at 0.70."""
    order = np.argsort(-score, kind="stable")
    ys = label[order]
    precision = np.cumsum(ys) / np.arange(1, len(ys) + 1)
    recall = np.cumsum(ys) / ys.sum()

    def recall_at(floor):
        ok = precision >= floor
        return float(recall[ok].max()) if ok.any() else 0.0

    return float((precision * ys).sum() / ys.sum()), recall_at(0.85), recall_at(0.70)


def cross_fitted(data: dict[str, Pairs], name: str, fit) -> np.ndarray:
    """Each pair of key ``name`` scored by a model fitted without its fold."""
    other = next(k for k in data if k != name)
    pairs = data[name]
    score = np.zeros(len(pairs.y))
    for f in range(FOLDS):
        held = pairs.fold == f
        model = fit(np.vstack([pairs.x[~held], data[other].x]), np.concatenate([pairs.y[~held], data[other].y]))
        score[held] = model(pairs.x[held])
    return score


def report(data: dict[str, Pairs], fit) -> str:
    """One line of figures for a pair model; ``fit(x, y)`` returns a scorer."""

    def fmt(v):
        return f"{v[0]:.3f}/{v[1]:.2f}/{v[2]:.2f}"

    both = fit(np.vstack([data[k].x for k in KEYS]), np.concatenate([data[k].y for k in KEYS]))
    out = []
    for name in KEYS:
        out.append(f"{name} in {fmt(separation(both(data[name].x), data[name].y))}")
        out.append(f"cv {fmt(separation(cross_fitted(data, name, fit), data[name].y))}")
    for train, test in (("seeds", "basil"), ("basil", "seeds")):
        out.append(f"{train}->{test} {fmt(separation(fit(data[train].x, data[train].y)(data[test].x), data[test].y))}")
    return " | ".join(out)


def logistic(x: np.ndarray, y: np.ndarray):
    weights, bias = fa.fit(x, y)
    return lambda z: z @ weights + bias


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    args = fa.parse_args(parser)
    data = load_pairs(args.devset)
    for name in KEYS:
        print(f"{name}: {len(data[name].y)} pairs, {int(data[name].y.sum())} share a fact")
    print("AP / R@0.85 / R@0.70")
    print("logistic |", report(data, logistic))


if __name__ == "__main__":
    main()
