"""Pairwise scoring of events against a key that gives each article's event."""
import pytest

from articles.scoring.events import score_events

KEY = {"articles": {
    "a1.jsonl": {"event": "A"}, "a2.jsonl": {"event": "A"}, "a3.jsonl": {"event": "A"},
    "b1.jsonl": {"event": "B"}, "b2.jsonl": {"event": "B"},
}}


def _export(groups):
    return {"articles": [{"source": source, "event": event} for event, sources in groups.items() for source in sources]}


def test_a_perfect_grouping_scores_one():
    section = score_events(KEY, _export({"x": ["a1.jsonl#1", "a2.jsonl#1", "a3.jsonl#1"], "y": ["b1.jsonl#1", "b2.jsonl#1"]}))
    assert section.metrics["pair precision"] == section.metrics["pair recall"] == section.metrics["pair F1"] == 1.0
    assert not any(line.startswith(("merged", "split")) for line in section.lines)


def test_a_merge_costs_precision_and_a_split_costs_recall():
    merged = score_events(KEY, _export({"x": ["a1.jsonl#1", "a2.jsonl#1", "a3.jsonl#1", "b1.jsonl#1", "b2.jsonl#1"]}))
    assert merged.metrics["pair precision"] == pytest.approx(4 / 10) and merged.metrics["pair recall"] == 1.0
    assert any(line.startswith("merged: x holds 2 key events") for line in merged.lines)
    split = score_events(KEY, _export({"x": ["a1.jsonl#1", "a2.jsonl#1"], "y": ["a3.jsonl#1"], "z": ["b1.jsonl#1", "b2.jsonl#1"]}))
    assert split.metrics["pair precision"] == 1.0 and split.metrics["pair recall"] == pytest.approx(2 / 4)
    assert split.metrics["events made"] == 3


def test_plain_text_copies_and_missing_articles_are_matched_by_name():
    section = score_events(KEY, _export({"x": ["a1.txt", "a2.txt"], "y": ["b1.txt", "b2.txt"]}))
    assert section.metrics["pair precision"] == 1.0
    assert section.metrics["pair recall"] == pytest.approx(2 / 4)  # a3 was not imported
    assert section.lines[0].startswith("4 of 5 articles imported")
