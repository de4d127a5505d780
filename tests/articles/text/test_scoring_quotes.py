"""The quotation scorer against a small hand-made key."""
import pytest

from articles.scoring.quotes import score_people, score_quotes

GOLD = {
    "people": [{"name": "Ryan Crocker", "aliases": ["Ryan Crocker", "Crocker", "Mr. Crocker"]},
               {"name": "Hassan Kazemi Qomi", "aliases": ["Hassan Kazemi Qomi", "Kazemi-Qomi"]}],
    "name_variants": [],
    "articles": [{
        "file": "a.txt",
        "quotes": [
            {"text": "We are ready.", "speaker": "Ryan Crocker", "kind": "direct", "cue": "he said"},
            {"text": "Iraq only", "speaker": "Ryan Crocker", "kind": "direct", "cue": None},
            {"text": "positive", "speaker": "Hassan Kazemi Qomi", "kind": "partial", "cue": None},
            {"text": "businesslike", "speaker": None, "kind": "partial", "cue": None},
        ],
        "not_quotes": [{"text": "surge", "reason": "scare quote"}],
    }],
}


def export(quotes, people):
    return {"articles": [{"id": 1, "source": "a.txt", "body": ""}],
            "quotes": [dict(article=1, start=0, end=1, **q) for q in quotes], "people": people}


def test_it_matches_texts_strictly_and_scores_speakers_through_aliases():
    exp = export(
        [{"text": "We  are\u00a0ready.", "speaker": "Crocker", "kind": "direct"},
         {"text": "Iraq only,", "speaker": "Kazemi-Qomi", "kind": "direct"},
         {"text": "positive", "speaker": "Kazemi-Qomi", "kind": "direct"},
         {"text": "surge", "speaker": None, "kind": "partial"}],
        [{"name": "Crocker", "aliases": ["Mr. Crocker"]},
         {"name": "Kazemi-Qomi", "aliases": ["Kazemi-Qomi"]}],
    )
    section = score_quotes(GOLD, exp)
    m = section.metrics
    assert m["direct_recall"] == 1.0  # whitespace and trailing comma forgiven
    assert m["direct_precision"] == pytest.approx(2 / 3, abs=1e-3)  # "positive" was called direct
    assert m["partial_recall"] == 0.0
    assert m["partial_precision"] == 0.0  # "surge" is a false hit
    assert m["speaker_accuracy"] == pytest.approx(2 / 3, abs=1e-3)  # "Iraq only" has the wrong speaker
    text = "\n".join(section.lines)
    assert "false hit (partial): surge" in text
    assert "miss (partial): businesslike" in text


def test_it_counts_split_and_merged_people():
    exp = export([], [{"name": "Ryan Crocker", "aliases": ["Crocker"]},
                      {"name": "Mr. Crocker", "aliases": ["Mr. Crocker"]},
                      {"name": "Hassan Kazemi Qomi", "aliases": ["Ryan Crocker"]}])
    m = score_people(GOLD, exp).metrics
    assert m["people_split_errors"] == 1
    assert m["people_merge_errors"] == 1
