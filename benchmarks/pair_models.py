"""Non-linear pair models against the shipped logistic one, on the same features.

    pip install --target DIR scikit-learn scipy joblib threadpoolctl cloudpickle narwhals
    PYTHONPATH=DIR python benchmarks/pair_models.py [--devset DIR] [--claims]

scikit-learn is not a project dependency (it and scipy weigh some 200 MB);
this script is how the comparison in docs/quality.md ("Claims") was made.
Pair level (``pair_separation.py``'s figures: in sample, cross-validated by
fact, each key alone on the other) for logistic regression with and without
the products of features, gradient-boosted trees (plain and monotone: a pair
never scores lower for sharing more) and small neural networks. With
``--claims``, the logistic model and the monotone trees after clustering, as
``fit_alignment.py`` measures: fitted on both keys, fitted on one key with
that key's threshold, the best recall at precision 0.85 on the other key,
and cross-fitted by fact (each pair scored by the model of the fold that
did not see it).
"""
from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier, HistGradientBoostingClassifier
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fit_alignment as fa  # noqa: E402
import pair_separation as ps  # noqa: E402
from claims.text.pairs import FEATURES, Model  # noqa: E402

# +1: a pair never scores lower for more of it; -1: never higher; 0: free.
DIRECTION = {"values_differ": 0, "length": -1}
MONOTONE = [DIRECTION.get(f, 1) for f in FEATURES]


def products(x: np.ndarray) -> np.ndarray:
    i, j = np.triu_indices(x.shape[1], 1)
    return np.hstack([x, x[:, i] * x[:, j]])


def logistic_products(x, y):
    saved, fa.L2 = fa.L2, 30.0
    try:
        weights, bias = fa.fit(products(x), y)
    finally:
        fa.L2 = saved
    return lambda z: products(z) @ weights + bias


def sklearn_model(make, scale=True):
    def fit(x, y):
        scaler = StandardScaler().fit(x) if scale else None
        model = make().fit(scaler.transform(x) if scale else x, y)
        return lambda z: model.predict_proba(scaler.transform(z) if scale else z)[:, 1]
    return fit


def monotone_trees():
    return HistGradientBoostingClassifier(max_leaf_nodes=8, max_iter=150, learning_rate=0.05, min_samples_leaf=30,
                                          l2_regularization=1.0, monotonic_cst=MONOTONE, random_state=0)


MODELS = {
    "logistic": ps.logistic,
    "logistic + products (L2 30)": logistic_products,
    "boosted trees, depth 2, 100": sklearn_model(lambda: GradientBoostingClassifier(
        max_depth=2, n_estimators=100, learning_rate=0.05, subsample=0.8, random_state=0)),
    "boosted trees, depth 3, 200": sklearn_model(lambda: GradientBoostingClassifier(
        max_depth=3, n_estimators=200, learning_rate=0.05, subsample=0.8, min_samples_leaf=20, random_state=0)),
    "boosted trees, 8 leaves, 150": sklearn_model(lambda: HistGradientBoostingClassifier(
        max_leaf_nodes=8, max_iter=150, learning_rate=0.05, min_samples_leaf=30, l2_regularization=1.0,
        random_state=0)),
    "monotone boosted trees, 8 leaves, 150": sklearn_model(monotone_trees, scale=False),
    "MLP 8 hidden, alpha 1": sklearn_model(lambda: MLPClassifier((8,), alpha=1.0, max_iter=2000, random_state=0)),
    "MLP 16 hidden, alpha 3": sklearn_model(lambda: MLPClassifier((16,), alpha=3.0, max_iter=2000, random_state=0)),
}


class Forest:
    """A fitted HistGradientBoostingClassifier evaluated in numpy, a pair at a
    time as the aligner asks, memoised (scikit-learn's own call costs
    milliseconds per row)."""

    def __init__(self, model, threshold: float, memo: dict | None = None):
        nodes = [p.nodes for (p,) in model._predictors]
        size = max(len(n) for n in nodes)
        self.feature = np.zeros((len(nodes), size), dtype=int)
        self.split = np.full((len(nodes), size), np.inf)
        self.left = np.zeros((len(nodes), size), dtype=int)
        self.right = np.zeros((len(nodes), size), dtype=int)
        self.value = np.zeros((len(nodes), size))
        for t, n in enumerate(nodes):
            leaf = n["is_leaf"].astype(bool)
            own = np.arange(len(n))
            self.feature[t, : len(n)] = np.where(leaf, 0, n["feature_idx"])
            self.split[t, : len(n)] = np.where(leaf, np.inf, n["num_threshold"])
            self.left[t, : len(n)] = np.where(leaf, own, n["left"])  # a leaf leads to itself
            self.right[t, : len(n)] = np.where(leaf, own, n["right"])
            self.value[t, : len(n)] = np.where(leaf, n["value"], 0.0)
        self.base = float(np.ravel(model._baseline_prediction)[0])
        self.threshold = threshold
        self.memo = {} if memo is None else memo

    def at(self, threshold: float) -> "Forest":
        twin = Forest.__new__(Forest)
        twin.__dict__.update(self.__dict__, threshold=threshold)
        return twin

    def raw(self, x: np.ndarray) -> np.ndarray:
        x = np.atleast_2d(x)
        trees = np.arange(len(self.feature))
        node = np.zeros((len(x), len(trees)), dtype=int)
        while True:
            below = np.take_along_axis(x, self.feature[trees, node], axis=1) <= self.split[trees, node]
            step = np.where(below, self.left[trees, node], self.right[trees, node])
            if (step == node).all():
                return self.base + self.value[trees, node].sum(axis=1)
            node = step

    def probability(self, x: np.ndarray) -> float:
        key = tuple(np.asarray(x, dtype=float))
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = float(1.0 / (1.0 + np.exp(-self.raw(np.asarray(x, dtype=float))[0])))
        return found


class CrossFitted:
    """Scores looked up from out-of-fold predictions; pairs never labelled
    (two units of one article) scored by ``fallback``."""

    def __init__(self, table: dict, fallback, threshold: float):
        self.table, self.fallback, self.threshold = table, fallback, threshold

    def probability(self, x: np.ndarray) -> float:
        found = self.table.get(tuple(np.asarray(x, dtype=float)))
        return found if found is not None else float(self.fallback.probability(np.asarray(x, dtype=float)))


def claim_figures(events: dict, data: dict, name: str) -> None:
    def fitted(keys):
        x = np.vstack([data[k].x for k in keys])
        y = np.concatenate([data[k].y for k in keys])
        if name == "logistic":
            weights, bias = fa.fit(x, y)
            return lambda t: Model(tuple(float(w) for w in weights), float(bias), t)
        forest = Forest(monotone_trees().fit(x, y), 0.5)
        return forest.at

    def line(label, figures):
        print(f"{name:<9} {label:<44} P {figures.precision:.2f}  R {figures.recall:.2f}", flush=True)

    model_at = fitted(ps.KEYS)
    both = fa.choose_threshold([events[k] for k in ps.KEYS], model_at)
    for k in ps.KEYS:
        line(f"fitted on both, {k} (t {both.threshold})", fa.measure(events[k], both))
    for train, test in (("seeds", "basil"), ("basil", "seeds")):
        one_at = fitted([train])
        own = fa.choose_threshold([events[train]], one_at)
        line(f"{train}->{test} (t {own.threshold})", fa.measure(events[test], own))
        best = max(((f.recall, t, f) for t in fa.THRESHOLDS
                    if (f := fa.measure(events[test], one_at(float(t)))).precision >= fa.PRECISION_FLOOR),
                   default=None, key=lambda b: b[:2])
        if best:
            line(f"{train}->{test}, best at P >= 0.85 (t {best[1]})", best[2])
    fit = ps.logistic if name == "logistic" else sklearn_model(monotone_trees, scale=False)
    table = {}
    for k in ps.KEYS:
        probability = np.asarray(ps.cross_fitted(data, k, fit))
        if name == "logistic":
            probability = 1.0 / (1.0 + np.exp(-probability))
        table.update({tuple(row): float(p) for row, p in zip(data[k].x, probability)})
    fallback = model_at(0.5)
    crossed = fa.choose_threshold([events[k] for k in ps.KEYS], lambda t: CrossFitted(table, fallback, t))
    for k in ps.KEYS:
        line(f"cross-fitted by fact, {k} (t {crossed.threshold})", fa.measure(events[k], crossed))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", action="store_true", help="also measure the claims after clustering")
    args = fa.parse_args(parser)
    warnings.filterwarnings("ignore", module="sklearn")
    events = {name: fa.load_events(*where) for name, where in fa.keys(args.devset).items()}
    data = {name: ps.key_pairs(e) for name, e in events.items()}
    print("AP / R@0.85 / R@0.70")
    for name, fit in MODELS.items():
        print(f"{name} |", ps.report(data, fit), flush=True)
    if args.claims:
        for name in ("logistic", "trees"):
            claim_figures(events, data, name)


if __name__ == "__main__":
    main()
