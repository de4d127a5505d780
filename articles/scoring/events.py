"""Score how articles were grouped into events against a key that gives each
article's event (the development set's ``key.json``).

Pairwise, as clustering is usually judged: every two articles the key puts
in one event are a gold pair; every two articles Parallax put in one event
are a predicted pair. An article of the key that was not imported makes no
predicted pair, so its gold pairs count as missed.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations
from pathlib import PurePath

from . import Section


def _file_stem(source: str) -> str:
    """``a.jsonl#1`` and ``a.txt`` both name the key's ``a.jsonl``."""
    return PurePath(source.split("#", 1)[0]).stem


def _pairs(groups) -> set[frozenset]:
    return {frozenset(pair) for members in groups for pair in combinations(sorted(members), 2)}


def score_events(key: dict, export: dict) -> Section:
    section = Section(title="Events")
    gold_of = {_file_stem(name): entry["event"] for name, entry in key.get("articles", {}).items()}
    ours_of = {}
    for article in export.get("articles", []):
        stem = _file_stem(article.get("source") or "")
        if stem in gold_of:
            ours_of[stem] = article.get("event")

    gold_groups, our_groups = defaultdict(set), defaultdict(set)
    for stem, event in gold_of.items():
        gold_groups[event].add(stem)
    for stem, event in ours_of.items():
        our_groups[event].add(stem)
    gold, predicted = _pairs(gold_groups.values()), _pairs(our_groups.values())
    right = len(gold & predicted)
    precision = right / len(predicted) if predicted else 1.0
    recall = right / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    section.lines.append(
        f"{len(ours_of)} of {len(gold_of)} articles imported; {len(gold_groups)} events in the key, "
        f"{len(our_groups)} made"
    )
    for event, members in sorted(our_groups.items()):
        held = Counter(gold_of[s] for s in members)
        if len(held) > 1:
            section.lines.append(f"merged: {event} holds {len(held)} key events ({', '.join(sorted(members))})")
    for event, members in sorted(gold_groups.items()):
        split = {ours_of[s] for s in members if s in ours_of}
        if len(split) > 1:
            section.lines.append(f"split: key event {event[:8]} is in {len(split)} events ({', '.join(sorted(split))})")
    section.metrics = {
        "pair precision": precision,
        "pair recall": recall,
        "pair F1": f1,
        "events in key": len(gold_groups),
        "events made": len(our_groups),
    }
    return section
