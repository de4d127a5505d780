"""Fit the event assigner's weights and threshold on the development set.

    python benchmarks/events_fit.py [--devset ../shared/devset/basil] [--cache sigs.json] [--folds 10]
        [--runs 3 [--seeds 5]] [--no-fit]

Each development-set article is read and analysed as ``ingest`` does it,
twice: from its JSON Lines (with its date) and as plain text (title, blank
line, text; no date), as ``evaluate --plain`` imports it. Then:

1. Pairs: every article against every event it could join (one that shares
   a person or name with it, within the date window), where an event is one,
   two or all of the other articles of a key event; the pair is positive
   when the article belongs to that key event. Terms are weighted by how
   many key events hold them, as ``EventIndex`` weighs them at run time.
2. Logistic regression (L2, by gradient descent) on the features of
   ``articles.text.events.FEATURES``, dated and plain pairs together.
3. The thresholds, undated and dated apart: the probability at which
   ``cluster`` gives the best pair F1 on the plain import, and on the dated
   import with the events packed three a day (``packed``), so the window
   cannot do the work alone; F1 averaged over one run and three runs of
   random files, each in three orders (keyed as content hashes would key
   them), so that the bar holds for an article whose story comes in a
   later run, and over all the articles and the articles with a third of
   the events cut to one report (``lone_reports``), so that it holds for a
   story only one outlet covered; the highest within 0.005 of the best,
   the more cautious of near ties.
4. Cross-validation: the events split in two halves at random; fit on one,
   cluster the other; pair precision, recall and F1 averaged over folds.
   With ``--runs K``, also the other half imported in K runs of random
   files (``refile``, as ``EventAssigner.settle`` does).

It prints the model to paste into articles/text/events.py (``MODEL``).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import tempfile
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this folder comes first on sys.path, where benchmarks/queue.py
# would hide the standard library's queue module: put the project folder there.
sys.path[0] = str(ROOT)

import numpy as np  # noqa: E402  (spaCy's dependency; benchmarks only)

from articles.text.events import FEATURES, MODEL, EventIndex, Model, _Article, cluster, refile  # noqa: E402

THRESHOLDS = [round(0.05 * i, 2) for i in range(1, 20)]
PER_DAY = 3  # key events starting each day when the dated threshold is chosen
ORDERS = 3  # orders of the files over which a threshold's F1 is averaged
RUNS = 3  # a threshold's F1 is that of one run and of this many runs, averaged
LONE = 3  # and with one key event in this many cut to a single report


def read_devset(devset: Path) -> dict[str, list[dict]]:
    """{"dated" | "plain": [{"file", "event", "sig"}]} for every key article."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coverage_site.settings")
    import django

    django.setup()
    from django.conf import settings

    from articles.nlp import get_nlp
    from articles.pipeline import Prepared, prepare_batch
    from articles.sources import read_sources
    from claims.evaluation import plain_copies

    key = json.loads((devset / "key.json").read_text(encoding="utf-8"))["articles"]
    nlp = get_nlp(settings.SPACY_MODEL)
    found = {}
    for mode in ("dated", "plain"):
        paths = [devset / "articles" / name for name in key]
        with tempfile.TemporaryDirectory() as folder:
            if mode == "plain":
                paths = plain_copies(paths, Path(folder))
            sources = list(read_sources([str(p) for p in paths], max_bytes=settings.INGEST_MAX_BYTES))
            prepared = [p for p in prepare_batch(sources, nlp) if isinstance(p, Prepared)]
        by_stem = {Path(name).stem: name for name in key}
        found[mode] = []
        for p in prepared:
            name = by_stem[Path(p.source.split("#", 1)[0]).stem]
            found[mode].append({"file": name, "event": key[name]["event"], "sig": p.signature})
    return found


def pair_scores(articles: list[dict], chosen: dict) -> tuple[float, float, float]:
    gold = {frozenset(p) for p in combinations(range(len(articles)), 2)
            if articles[min(p)]["event"] == articles[max(p)]["event"]}
    ours = {frozenset(p) for p in combinations(range(len(articles)), 2) if chosen[min(p)] == chosen[max(p)]}
    right = len(gold & ours)
    precision = right / len(ours) if ours else 1.0
    recall = right / len(gold) if gold else 1.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def clustered(articles: list[dict], model: Model, order_seed: int | None = None) -> tuple[float, float, float]:
    """Pair scores of one run, its files keyed as content hashes would key
    them (not story by story, as the key's file names would)."""
    keys = content_keys(articles, 0)
    new = list(zip(keys, (a["sig"] for a in articles)))
    if order_seed is not None:
        random.Random(order_seed).shuffle(new)
    chosen = cluster([], new, model)
    return pair_scores(articles, {i: chosen[key] for i, key in enumerate(keys)})


def content_keys(articles: list[dict], seed: int) -> list[str]:
    """A key per article that orders them as content hashes would: at random,
    not story by story as the key's file names do."""
    return [hashlib.sha256(f"{seed}:{a['file']}".encode()).hexdigest() for a in articles]


def in_runs(articles: list[dict], runs: int, seed: int, model: Model) -> tuple[float, float, float]:
    """Pair scores when the articles are imported in ``runs`` runs of random
    files, each run filed as ``EventAssigner.settle`` files it (``refile``:
    the stored events of the runs before it that its articles could join
    are filed again with them; the others are kept as they are)."""
    keys = content_keys(articles, seed)
    order = list(range(len(articles)))
    random.Random(seed).shuffle(order)
    signatures = dict(zip(keys, (a["sig"] for a in articles)))
    chosen, made = {}, 0
    for run in range(runs):
        stored = [(key, event, signatures[key]) for key, event in chosen.items()]
        moves = refile(stored, [(keys[i], signatures[keys[i]]) for i in order[run::runs]],
                       {event for event in chosen.values()}, model)
        events = {}
        for key, target in moves.items():
            if isinstance(target, tuple):
                if target not in events:
                    made += 1
                    events[target] = f"made {made}"
                target = events[target]
            chosen[key] = target
    return pair_scores(articles, {i: chosen[key] for i, key in enumerate(keys)})


def mean_scores(articles: list[dict], model: Model, runs: int, seeds: int) -> np.ndarray:
    """Precision, recall and F1 in ``runs`` runs, averaged over ``seeds`` random orders and splits."""
    return np.mean([in_runs(articles, runs, seed, model) for seed in range(seeds)], axis=0)


def report_runs(data: dict[str, list[dict]], model: Model, runs: int, seeds: int) -> None:
    """One run and ``runs`` runs, for each of ``seeds`` random orders and splits."""
    print(f"\none run against {runs} runs of random files ({seeds} seeds; mean, lowest and highest):")
    for mode, articles in (*data.items(), (f"dated, {PER_DAY} events a day", packed(data["dated"]))):
        for label, scores in (("1 run", [in_runs(articles, 1, seed, model) for seed in range(seeds)]),
                              (f"{runs} runs", [in_runs(articles, runs, seed, model) for seed in range(seeds)])):
            figures = np.array(scores)
            text = ", ".join(f"{name} {mean:.3f} ({low:.3f}–{high:.3f})" for name, mean, low, high in
                             zip(("precision", "recall", "F1"), figures.mean(0), figures.min(0), figures.max(0)))
            print(f"  {mode}, {label}: {text}")


def pairs(articles: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of article/event pairs (see the module docstring)."""
    events: dict[str, list[int]] = {}
    for i, a in enumerate(articles):
        events.setdefault(a["event"], []).append(i)
    gold = EventIndex(MODEL)
    for i, a in enumerate(articles):
        gold.add(a["event"], a["sig"])
    spread = gold.spread()
    parsed = [_Article.of(a["sig"]) for a in articles]
    rows, labels = [], []
    for event, members in events.items():
        subsets = [s for n in range(1, len(members) + 1) for s in combinations(members, n)]
        for subset in subsets:
            index = EventIndex(MODEL, spread)
            for i in subset:
                index.add(event, articles[i]["sig"])
            for i, article in enumerate(parsed):
                if i in subset or (len(subset) < len(members) and i not in members):
                    continue  # others are compared with the whole event only
                for _, profile in index.candidates(article):
                    rows.append(index.features(article, profile))
                    labels.append(articles[i]["event"] == event)
    return np.array(rows, dtype=float), np.array(labels, dtype=float)


def logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0) -> tuple[np.ndarray, float]:
    """Weights and bias by Newton's method, with a small L2 penalty on the weights."""
    x1 = np.hstack([x, np.ones((len(x), 1))])
    beta = np.zeros(x1.shape[1])
    penalty = np.eye(x1.shape[1]) * l2
    penalty[-1, -1] = 0.0  # the bias is not shrunk
    for _ in range(50):
        p = 1 / (1 + np.exp(-(x1 @ beta)))
        gradient = x1.T @ (p - y) + penalty @ beta
        hessian = (x1.T * (p * (1 - p))) @ x1 + penalty
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return beta[:-1], float(beta[-1])


def packed(articles: list[dict], per_day: int = PER_DAY) -> list[dict]:
    """The articles with their events moved to start ``per_day`` a day, each
    keeping its own spread of dates: the key's events are weeks apart, so on
    their real dates the window alone keeps them apart, while a real archive
    holds several stories a day."""
    starts: dict[str, date] = {}
    for a in articles:
        day = date.fromisoformat(a["sig"]["date"])
        starts[a["event"]] = min(starts.get(a["event"], day), day)
    slot = {event: i // per_day for i, event in enumerate(sorted(starts))}
    moved = []
    for a in articles:
        day = date.fromisoformat(a["sig"]["date"])
        new = date(2000, 1, 1) + timedelta(days=slot[a["event"]] + (day - starts[a["event"]]).days)
        moved.append({**a, "sig": {**a["sig"], "date": new.isoformat()}})
    return moved


def lone_reports(articles: list[dict], every: int = LONE) -> list[dict]:
    """The articles with one event in ``every`` cut to a single report: each
    key event has three, while an archive holds many stories only one outlet
    covered, which a low bar would let join another story."""
    events = sorted({a["event"] for a in articles})
    lone = {event for i, event in enumerate(events) if i % every == 0}
    kept, seen = [], set()
    for a in sorted(articles, key=lambda a: a["file"]):
        if a["event"] not in lone or a["event"] not in seen:
            kept.append(a)
            seen.add(a["event"])
    return kept


def fit(data: dict[str, list[dict]]) -> Model:
    x, y = zip(*(pairs(articles) for articles in data.values()))
    w, b = logistic(np.vstack(x), np.concatenate(y))
    weights, bias = tuple(round(float(v), 3) for v in w), round(b, 3)
    # Undated articles meet only the undated bar, dated ones only the dated
    # bar, which is chosen with the events packed close in time.
    chosen = {}
    for mode, articles in (("plain", data["plain"]), ("dated", packed(data["dated"]))):
        variants = [(some, runs) for some in (articles, lone_reports(articles)) for runs in (1, RUNS)]
        f1 = {t: np.mean([mean_scores(some, Model(weights, bias, t, t), runs, ORDERS)[2] for some, runs in variants])
              for t in THRESHOLDS}
        best = max(f1.values())
        chosen[mode] = max(t for t in THRESHOLDS if f1[t] >= best - 0.005)
    return Model(weights, bias, chosen["plain"], chosen["dated"])


def subset(data, events):
    return {mode: [a for a in articles if a["event"] in events] for mode, articles in data.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset" / "basil")
    parser.add_argument("--cache", type=Path, help="Keep the analysed signatures in this file and reuse them.")
    parser.add_argument("--folds", type=int, default=10, help="Random halvings for cross-validation.")
    parser.add_argument("--runs", type=int, default=0,
                        help="Also import the files in this many runs of random files, against one run.")
    parser.add_argument("--seeds", type=int, default=5, help="Random orders and splits for --runs.")
    parser.add_argument("--no-fit", action="store_true", help="Only score the current model.")
    args = parser.parse_args()
    if not (args.devset / "key.json").is_file():
        sys.exit(f"no development set at {args.devset} (use --devset)")
    if args.cache and args.cache.is_file():
        data = json.loads(args.cache.read_text(encoding="utf-8"))
    else:
        data = read_devset(args.devset)
        if args.cache:
            args.cache.write_text(json.dumps(data), encoding="utf-8")

    for mode, articles in (*data.items(), (f"dated, {PER_DAY} events a day", packed(data["dated"]))):
        p, r, f = clustered(articles, MODEL)
        print(f"current model, {mode}: precision {p:.3f} recall {r:.3f} F1 {f:.3f}")

    if args.runs:
        report_runs(data, MODEL, args.runs, args.seeds)
    if args.no_fit:
        return

    model = fit(data)
    print(f"\nfitted on all {len({a['event'] for a in data['dated']})} events:")
    print(f"MODEL = Model(weights={model.weights}, bias={model.bias}, threshold={model.threshold},"
          f" dated_threshold={model.dated_threshold})")
    print("  (features: " + ", ".join(FEATURES) + ")")
    for mode, articles in (*data.items(), (f"dated, {PER_DAY} events a day", packed(data["dated"]))):
        p, r, f = clustered(articles, model)
        shuffled = {clustered(articles, model, seed) for seed in range(3)}
        print(f"  {mode}: precision {p:.3f} recall {r:.3f} F1 {f:.3f}"
              f" ({'same' if shuffled == {(p, r, f)} else 'DIFFERENT'} in 3 shuffled orders)")

    if args.folds < 1:
        return
    events = sorted({a["event"] for a in data["dated"]})
    scores = {}
    rng = random.Random(15)
    for _ in range(args.folds):
        rng.shuffle(events)
        half = len(events) // 2
        for train, test in ((events[:half], events[half:]), (events[half:], events[:half])):
            model = fit(subset(data, set(train)))
            held_out = subset(data, set(test))
            held_out[f"dated, {PER_DAY} events a day"] = packed(held_out["dated"])
            for mode, articles in held_out.items():
                scores.setdefault(f"{mode}, 1 run", []).append(mean_scores(articles, model, 1, ORDERS))
                if args.runs:
                    scores.setdefault(f"{mode}, {args.runs} runs", []).append(
                        mean_scores(articles, model, args.runs, args.seeds))
    print(f"\ncross-validated ({args.folds} random halvings, fit on one half, scored on the other;"
          f" one run in {ORDERS} orders{f', {args.runs} runs in {args.seeds}' if args.runs else ''}):")
    for mode, runs in scores.items():
        p, r, f = np.mean(runs, axis=0)
        print(f"  {mode}: precision {p:.3f} recall {r:.3f} F1 {f:.3f}")


if __name__ == "__main__":
    main()
