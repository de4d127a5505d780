"""Fit the alignment model's weights and threshold on the exhaustive fact keys.

    python benchmarks/fit_alignment.py [--write]

Reads the seeds' fact key and the development set's (BASIL) fact key,
labels every pair of units from different articles of one event (do their
sentences share a fact?), fits a small L2-regularised logistic regression
on the pair features of ``claims/text/pairs.py``, then chooses the
threshold of the final claims (after clustering) over the keys: the best
pair recall among the thresholds at which every key keeps a pair precision
of at least 0.85 (F0.5 when none does). It prints the fitted figures and the
leave-one-key-out figures (fit on one key, measure on the other), and with
``--write`` stores the model in ``claims/text/weights.json``.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coverage_site.settings")

from articles.pipeline import parse  # noqa: E402
from articles.sources import Failure, read_sources  # noqa: E402
from claims.evaluation import find_articles, load_key  # noqa: E402
from claims.scoring import PairFigures, _fold, key_sentences, pair_figures  # noqa: E402
from claims.text.align import Event, cluster  # noqa: E402
from claims.text.pairs import FEATURES, WEIGHTS_FILE, Model, features  # noqa: E402
from claims.text.units import units_of  # noqa: E402

SEEDS_KEY = ROOT / "tests" / "data" / "seeds-facts.json"
DEVSET = ROOT.parent / "shared" / "devset" / "basil"  # as CI lays it beside the project
L2 = 1.0  # ridge penalty on the weights (not the bias)
THRESHOLDS = np.round(np.arange(0.20, 0.91, 0.025), 3)
# A claim a reader sees must be right: the threshold gives the most recall
# at which each key's pair precision stays at PRECISION_FLOOR or above; when
# no threshold reaches it, the best F-beta with precision weighted above recall.
PRECISION_FLOOR = 0.85
BETA = 0.5


@dataclass
class KeyEvent:
    """One event of a fact key: its facts, article bodies and units."""

    facts: list
    bodies: dict  # file -> body
    headlines: dict  # file -> printed headline ("" when made from the text)
    units: list
    sentences: list  # claims.scoring.KeySentence


def read_articles(paths: list[Path]) -> dict[str, tuple[str, str]]:
    """(body, printed headline) as ingest stores them, by file name."""
    found = {}
    for source in read_sources([str(p) for p in paths], max_bytes=10**7):
        if isinstance(source, Failure):
            raise SystemExit(f"{source.path}: {source.reason}")
        parsed = parse(source)
        found[Path(source.path.split("#")[0]).name] = (parsed.body, "" if parsed.headline_derived else parsed.headline)
    return found


def keys(devset: Path) -> dict[str, tuple[Path, Path | None]]:
    """Each fact key and the folder of its articles (None: beside the key)."""
    return {"seeds": (SEEDS_KEY, None), "basil": (devset / "facts.json", devset / "articles")}


def load_events(path: Path, articles: Path | None) -> list[KeyEvent]:
    key = load_key(path)
    _, paths = find_articles(key, articles, ROOT / "seeds")
    articles = read_articles(paths)
    groups = [key.data] if "facts" in key.data else list(key.data.values())
    events = []
    for group in groups:
        files = sorted({f for fact in group["facts"] for f in fact["reported_by"]})
        bodies = {f: articles[f][0] for f in files}
        headlines = {f: articles[f][1] for f in files}
        units = [u for f in files for u in units_of(f, bodies[f], headlines[f])]
        events.append(KeyEvent(group["facts"], bodies, headlines, units, key_sentences(group["facts"], bodies)))
    return events


def unit_facts(event: KeyEvent) -> list[set]:
    """The facts each unit's sentence states, by overlap with the key's sentences."""
    out = []
    for u in event.units:
        facts = set()
        for s in event.sentences:
            if s.file != u.doc:
                continue
            if u.headline and s.span is None and _fold(s.text).rstrip(".") == _fold(u.text).rstrip("."):
                facts |= s.facts
            elif not u.headline and s.span and s.span[0] < u.end and u.start < s.span[1]:
                facts |= s.facts
        out.append(facts)
    return out


def training_pairs(event: KeyEvent, model: Model) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of every cross-article pair of the event's units."""
    scored = Event(event.units, model)
    facts = unit_facts(event)
    rows, labels = [], []
    for i, u in enumerate(event.units):
        for j in range(i + 1, len(event.units)):
            if event.units[j].doc == u.doc:
                continue
            rows.append(features(scored.profiles[i], scored.profiles[j], scored.stats))
            labels.append(bool(facts[i] & facts[j]))
    return np.array(rows), np.array(labels, dtype=float)


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by Newton's method; features standardised
    for the fit, weights returned on the raw scale."""
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std == 0] = 1.0
    z = np.hstack([(x - mean) / std, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], L2)
    penalty[-1] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-(z @ w)))
        grad = z.T @ (p - y) + penalty * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    weights = w[:-1] / std
    bias = w[-1] - float(weights @ mean)
    return weights, bias


def claims_of(event: KeyEvent, model: Model) -> list:
    scored = Event(event.units, model)
    groups = cluster(scored, scored.candidates())
    # As draft_claims stores them: headlines align but are not evidence.
    claims = [[(u.doc, (u.start, u.end), u.text) for u in g.units if not u.headline] for g in groups]
    return [c for c in claims if len({doc for doc, _, _ in c}) >= 2]


def measure(events: list[KeyEvent], model: Model) -> PairFigures:
    total = PairFigures()
    for event in events:
        f = pair_figures(event.sentences, claims_of(event, model))
        total.predicted += f.predicted
        total.right += f.right
        total.gold += f.gold
        total.found += f.found
    return total


def fit_model(keys: list[list[KeyEvent]]) -> Model:
    """Weights from the pairs of every key's events; the threshold from their
    claims' pair precision and recall, each key held to PRECISION_FLOOR."""
    events = [e for key in keys for e in key]
    blank = Model(tuple(0.0 for _ in FEATURES), 0.0, 0.5)
    xs, ys = zip(*(training_pairs(e, blank) for e in events))
    weights, bias = fit(np.vstack(xs), np.concatenate(ys))
    return choose_threshold(keys, lambda t: Model(tuple(float(w) for w in weights), float(bias), t))


def choose_threshold(keys: list[list[KeyEvent]], model_at):
    """The model ``model_at(threshold)`` whose claims keep every key at
    PRECISION_FLOOR with the most recall (the best F-beta when none does)."""
    events = [e for key in keys for e in key]
    best = None
    for t in THRESHOLDS:
        model = model_at(float(t))
        per_key = [measure(key, model) for key in keys]
        p, r = measure(events, model).precision, measure(events, model).recall
        floor = all(f.precision >= PRECISION_FLOOR for f in per_key)
        f_beta = round((1 + BETA**2) * p * r / (BETA**2 * p + r), 9) if p + r else 0.0
        rank = (floor, round(r, 9) if floor else f_beta)
        if best is None or rank > best[0]:
            best = (rank, model)
    return best[1]


def row(name: str, figures: PairFigures) -> str:
    return f"{name:<34} P {figures.precision:.2f}  R {figures.recall:.2f}  F1 {figures.f1:.2f}"


def parse_args(parser: argparse.ArgumentParser) -> argparse.Namespace:
    """The script's arguments with ``--devset``, the development set checked."""
    parser.add_argument("--devset", type=Path, default=DEVSET, help="the development set's basil/ folder")
    args = parser.parse_args()
    if not (args.devset / "facts.json").is_file():
        raise SystemExit(f"needs the development set at {args.devset} (--devset DIR)")
    return args


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help=f"store the model fitted on both keys in {WEIGHTS_FILE.name}")
    args = parse_args(parser)
    data = {name: load_events(*where) for name, where in keys(args.devset).items()}
    both = fit_model([data["seeds"], data["basil"]])
    for name, events in data.items():
        print(row(f"fitted on both, {name}", measure(events, both)))
    for train, test in (("seeds", "basil"), ("basil", "seeds")):
        model = fit_model([data[train]])
        print(row(f"fitted on {train}, measured on {test}", measure(data[test], model)))
    print(json.dumps(both.to_json(), indent=2))
    if args.write:
        WEIGHTS_FILE.write_text(json.dumps(both.to_json(), indent=2) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS_FILE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
