"""Would days and numbers normalised across wordings help the pair model?

    python benchmarks/value_features.py [--devset DIR]

Three candidate pair features, measured as ``pair_separation.py`` measures
the shipped ones (the logistic model with and without them):

- ``same_day``: both units name a day that resolves to one calendar date
  against their own article's publication date ("yesterday" in a paper of
  Tuesday, "on Monday", "May 28");
- ``day_differs``: both name days, none the same;
- ``same_number``: both state one number, written as a word or in digits
  ("five" / "5"; years left out, the value slots compare those).

It also counts the pairs each fires on, among pairs that share a fact and
pairs that do not. A weekday is taken as the latest such day on or before
publication, as news uses it ("said on Monday" in Tuesday's paper).
"""
from __future__ import annotations

import argparse
import re
import sys
from datetime import date, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fit_alignment as fa  # noqa: E402
import pair_separation as ps  # noqa: E402
from articles.pipeline import parse  # noqa: E402
from articles.sources import read_sources  # noqa: E402
from articles.text.dates import MONTHS  # noqa: E402
from articles.text.lexicon import NUMBER_WORDS  # noqa: E402
from claims.evaluation import find_articles, load_key  # noqa: E402

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
OFFSET = {"yesterday": -1, "last night": -1, "today": 0, "tonight": 0, "this morning": 0,
          "this afternoon": 0, "this evening": 0, "tomorrow": 1}
_DAY = re.compile(
    r"\b(" + "|".join(OFFSET) + "|" + "|".join(WEEKDAYS)
    + r"|(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.? (?P<day>[0-3]?\d)(?:st|nd|rd|th)?)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"\b(\d[\d,]*(?:\.\d+)?|"
    + "|".join(sorted((w for w in NUMBER_WORDS if NUMBER_WORDS[w] >= 2), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
FEATURES = ("same_day", "day_differs", "same_number")


def days(text: str, published: date | None) -> set[date]:
    found: set[date] = set()
    if published is None:
        return found
    for match in _DAY.finditer(text):
        word = match.group(1).lower()
        if match.group("month"):
            try:
                found.add(date(published.year, MONTHS[match.group("month").lower()], int(match.group("day"))))
            except ValueError:
                pass
        elif word in OFFSET:
            found.add(published + timedelta(OFFSET[word]))
        else:
            found.add(published - timedelta((published.weekday() - WEEKDAYS.index(word)) % 7))
    return found


def numbers(text: str) -> set[float]:
    found = set()
    for match in _NUMBER.finditer(text):
        word = match.group(1).lower().replace(",", "")
        value = NUMBER_WORDS.get(word)
        if value is None:
            try:
                value = float(word)
            except ValueError:
                continue
        if not 1900 <= value <= 2100:
            found.add(float(value))
    return found


def publication_dates(devset: Path) -> dict[str, date | None]:
    found = {}
    for key, articles in fa.keys(devset).values():
        _, paths = find_articles(load_key(key), articles, fa.ROOT / "seeds")
        for source in read_sources([str(p) for p in paths], max_bytes=10**7):
            found[Path(source.path.split("#")[0]).name] = parse(source).published
    return found


def value_features(events: list[fa.KeyEvent], published: dict) -> np.ndarray:
    """One row per pair, in ``pair_separation.key_pairs`` order."""
    rows = []
    for event in events:
        units = event.units
        day_sets = [days(u.text, published.get(u.doc)) for u in units]
        number_sets = [numbers(u.text) for u in units]
        for i, u in enumerate(units):
            for j in range(i + 1, len(units)):
                if units[j].doc != u.doc:
                    same = bool(day_sets[i] & day_sets[j])
                    rows.append([float(same), float(bool(day_sets[i] and day_sets[j]) and not same),
                                 float(bool(number_sets[i] & number_sets[j]))])
    return np.array(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    args = fa.parse_args(parser)
    published = publication_dates(args.devset)
    print(f"publication date known for {sum(d is not None for d in published.values())} of {len(published)} articles")
    data, extra = {}, {}
    for name, where in fa.keys(args.devset).items():
        events = fa.load_events(*where)
        data[name], extra[name] = ps.key_pairs(events), value_features(events, published)
        y = data[name].y
        print(name, ", ".join(f"{f} on {int(extra[name][y == 1, n].sum())} pairs sharing a fact and "
                              f"{int(extra[name][y == 0, n].sum())} not" for n, f in enumerate(FEATURES)))
    print("AP / R@0.85 / R@0.70")
    print("logistic |", ps.report(data, ps.logistic))
    for cols in ([0], [0, 1], [2], [0, 1, 2]):
        more = {k: ps.Pairs(np.hstack([p.x, extra[k][:, cols]]), p.y, p.fold) for k, p in data.items()}
        print(f"logistic + {', '.join(FEATURES[c] for c in cols)} |", ps.report(more, ps.logistic))


if __name__ == "__main__":
    main()
