"""How well the pair model alone separates pairs that share a fact, before clustering.

    python benchmarks/pair_separation.py [--devset DIR] [noparse] [props] [clauses] [both]

For every cross-article pair of units of both fact keys: average precision
and the recall at pair precision 0.85 and 0.70 of the logistic model fitted
on both keys, and fitted on one key and measured on the other. Configurations:
``noparse`` (no propositions), ``props`` (the two proposition features),
``clauses`` (parsed propositions as extra clauses only), ``both``.
"""
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fit_alignment as fa  # noqa: E402
from claims.text import align  # noqa: E402
from claims.text.pairs import FEATURES, Model  # noqa: E402

PROPOSITION_FEATURES = ("proposition", "soft_proposition")


def separation(score: np.ndarray, label: np.ndarray) -> tuple[float, float, float]:
    order = np.argsort(-score)
    ys = label[order]
    precision = np.cumsum(ys) / np.arange(1, len(ys) + 1)
    recall = np.cumsum(ys) / ys.sum()

    def recall_at(floor):
        ok = precision >= floor
        return float(recall[ok].max()) if ok.any() else 0.0

    return float((precision * ys).sum() / ys.sum()), recall_at(0.85), recall_at(0.70)


def main() -> None:
    args = sys.argv[1:]
    devset = fa.DEVSET
    if args[:1] == ["--devset"]:
        devset, args = Path(args[1]), args[2:]
    data = {name: fa.load_events(*where) for name, where in fa.keys(devset).items()}
    blank = Model(tuple(0.0 for _ in FEATURES), 0.0, 0.5)
    for config in args or ["noparse", "props", "clauses", "both"]:
        align.PARSE_CLAUSES = config in ("clauses", "both")
        fa.PARSE = None if config == "noparse" else fa.parse_sentences
        cols = [i for i, f in enumerate(FEATURES) if config in ("props", "both") or f not in PROPOSITION_FEATURES]
        x, y = {}, {}
        for name, events in data.items():
            rows, labels = zip(*(fa.training_pairs(e, blank) for e in events))
            x[name], y[name] = np.vstack(rows)[:, cols], np.concatenate(labels)
        w, b = fa.fit(np.vstack([x["seeds"], x["basil"]]), np.concatenate([y["seeds"], y["basil"]]))
        out = [config]
        for name in ("seeds", "basil"):
            out.append(f"{name} AP/R@.85/R@.70 " + "/".join(f"{v:.3f}" for v in separation(x[name] @ w + b, y[name])))
        for train, test in (("seeds", "basil"), ("basil", "seeds")):
            w1, b1 = fa.fit(x[train], y[train])
            out.append(f"{train}->{test} " + "/".join(f"{v:.3f}" for v in separation(x[test] @ w1 + b1, y[test])))
        print(" | ".join(out), flush=True)


if __name__ == "__main__":
    main()
