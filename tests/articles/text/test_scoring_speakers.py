"""Speaker and outlet scoring against a development-set key."""
from articles.scoring.speakers import find_span, same_person, score_speakers

BODY = "“We will win,” said Raymond Okafor. Rita Vance disagreed: “They will lose.”"


def export(speakers, outlet="The New York Times"):
    quotes = []
    for (text, speaker) in speakers:
        start = BODY.index(text)
        quotes.append({"article": 1, "speaker": speaker, "text": text, "start": start, "end": start + len(text)})
    return {"articles": [{"id": 1, "source": "a.jsonl#1", "outlet": outlet, "body": BODY, "url": None}],
            "quotes": quotes}


KEY = {
    "articles": {"a.jsonl": {"event": "e", "outlet": "New York Times"}},
    "quote_speakers": [
        {"file": "a.jsonl", "text": "\"We will win\"", "speaker": "Ray Okafor"},
        {"file": "a.jsonl", "text": "They will lose.", "speaker": "Rita Vance"},
    ],
}


def test_every_right_speaker_counts_and_a_short_given_name_matches():
    section = score_speakers(KEY, export([("We will win", "Raymond Okafor"), ("They will lose.", "Rita Vance")]))
    assert section.metrics["speaker_accuracy"] == 1.0
    assert section.metrics["outlet_accuracy"] == 1.0


def test_a_wrong_or_missing_speaker_is_listed():
    section = score_speakers(KEY, export([("We will win", "Rita Vance"), ("They will lose.", None)]))
    assert section.metrics["speaker_accuracy"] == 0.0
    assert section.metrics["speaker_precision"] == 0.0
    assert any("'Rita Vance' for 'Ray Okafor'" in line for line in section.lines)
    assert any("no speaker (expected 'Rita Vance')" in line for line in section.lines)


def test_a_quote_we_did_not_find_counts_against_accuracy_not_precision():
    section = score_speakers(KEY, export([("We will win", "Raymond Okafor")]))
    assert section.metrics["speaker_accuracy"] == 0.5
    assert section.metrics["speaker_precision"] == 1.0
    assert section.metrics["quotes_not_found"] == 1.0


def test_a_wrong_outlet_is_listed():
    section = score_speakers(KEY, export([], outlet="Fox News"))
    assert section.metrics["outlet_accuracy"] == 0.0
    assert any("expected 'New York Times', got 'Fox News'" in line for line in section.lines)


def test_spans_are_found_whatever_the_quotation_marks_and_spacing():
    assert find_span("He said “we  will\nwin” today.", '"we will win"') == (9, 21)
    assert find_span("Nothing here.", "absent words") is None


def test_names_match_on_forms_of_one_name_only():
    assert same_person("Joseph R. Biden Jr.", "Joe Biden")
    assert same_person("Felipe Calderón", "Felipe Calder")
    assert not same_person("Laura Bush", "George Bush")
    assert not same_person("Obama", "Michelle Obama")
