"""Claim alignment quality on the fact keys, with the baseline beside it.

    python benchmarks/quality.py [--devset ../shared/devset/basil]

Runs ``manage.py evaluate`` on the seeds' fact key and on the development
set's (BASIL) fact key, measures the plain embedding baseline
(``claims/text/baseline.py``) on both, and the leave-one-key-out figures
(model fitted on one key, measured on the other; see fit_alignment.py).
Prints the table that docs/quality.md ("## Claims") holds.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coverage_site.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

import fit_alignment as fitting  # noqa: E402
from claims.scoring import PairFigures, pair_figures  # noqa: E402
from claims.text.baseline import baseline_pairs  # noqa: E402


def evaluate(key: Path, articles: Path | None) -> dict:
    """The metrics ``evaluate`` reports for a fact key."""
    out = StringIO()
    args = [str(key), "--only", "pairs"] + (["--articles", str(articles)] if articles else [])
    call_command("evaluate", *args, stdout=out)
    return {m.group(1): float(m.group(2)) for m in re.finditer(r"^\s+(\w+): ([\d.]+)$", out.getvalue(), re.M)}


def baseline(events) -> PairFigures:
    total = PairFigures()
    for event in events:
        docs = [(f, body, event.headlines[f]) for f, body in event.bodies.items()]
        claims = [[(u.doc, None if u.headline else (u.start, u.end), u.text) for u in pair] for pair in baseline_pairs(docs)]
        f = pair_figures(event.sentences, claims)
        total.predicted += f.predicted
        total.right += f.right
        total.gold += f.gold
        total.found += f.found
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    args = fitting.parse_args(parser)
    keys = fitting.keys(args.devset)
    events = {name: fitting.load_events(*where) for name, where in keys.items()}
    print("| key | method | pair precision | pair recall | F1 | discrepancies found | false flags |")
    print("|---|---|---|---|---|---|---|")
    for name, (key, articles) in keys.items():
        m = evaluate(key, articles)
        print(f"| {name} | Parallax (`evaluate`) | {m['pair_precision']:.2f} | {m['pair_recall']:.2f} | "
              f"{m['pair_f1']:.2f} | {int(m['discrepancies_found'])}/{int(m['key_discrepancies'])} | "
              f"{int(m['false_discrepancy_flags'])} |")
        b = baseline(events[name])
        print(f"| {name} | baseline: cosine ≥ 0.5 | {b.precision:.2f} | {b.recall:.2f} | {b.f1:.2f} | – | – |")
    for train, test in (("seeds", "basil"), ("basil", "seeds")):
        f = fitting.measure(events[test], fitting.fit_model([events[train]]))
        print(f"| {test} | fitted on {train} only | {f.precision:.2f} | {f.recall:.2f} | {f.f1:.2f} | – | – |")


if __name__ == "__main__":
    main()
