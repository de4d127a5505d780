"""The reading scorer: fields, clutter left, article text lost, duplicates."""
from articles.scoring.metadata import score_metadata

RAW = (
    "Talks resume in Cairo\n\n"
    "By Jane Roe\n\n"
    "CAIRO (AFP) — Talks resumed on Monday. Both sides were hopeful.\n\n"
    "A second paragraph follows.\n\n"
    "A second paragraph follows.\n\n"
    "Back to Top\n"
)
KEY = {
    "articles": [
        {
            "file": "a.txt",
            "outlet": "Agence France-Presse",
            "headline": "Talks resume in Cairo",
            "byline": ["Jane Roe"],
            "published": None,
            "dateline": "CAIRO",
            "noise_lines": ["Back to Top"],
            "metadata_lines": ["Talks resume in Cairo", "By Jane Roe"],
            "duplicate_paragraphs": ["A second paragraph follows."],
        }
    ]
}
GOOD = {
    "source": "a.txt",
    "outlet": "AFP",
    "headline": "Talks resume in Cairo",
    "byline": ["Jane Roe"],
    "published": None,
    "dateline": "CAIRO",
    "body": "CAIRO (AFP) — Talks resumed on Monday. Both sides were hopeful.\n\nA second paragraph follows.",
}


def score(**changes):
    return score_metadata(KEY, {"articles": [{**GOOD, **changes}]}, {"a.txt": RAW})


def test_a_perfect_reading_scores_full_marks():
    section = score()
    assert section.metrics == {
        "outlet_accuracy": 1.0, "headline_accuracy": 1.0, "byline_accuracy": 1.0, "date_accuracy": 1.0,
        "dateline_accuracy": 1.0, "noise_lines_left": 0, "sentences_lost": 0, "duplicates_kept": 0,
        "articles_missing": 0,
    }
    assert section.lines == ["a.txt: all right"]


def test_outlets_compare_through_aliases_and_case():
    assert score(outlet="afp").metrics["outlet_accuracy"] == 1.0
    assert score(outlet="Unknown").metrics["outlet_accuracy"] == 0.0


def test_wrong_fields_show_expected_and_got():
    section = score(dateline=None, published="2007-05-28", byline=["Jane Roe", "Sam Poe"])
    assert section.metrics["dateline_accuracy"] == 0.0
    assert section.metrics["date_accuracy"] == 0.0
    assert section.metrics["byline_accuracy"] == 0.0
    assert "  dateline: expected 'CAIRO', got None" in section.lines


def test_clutter_left_text_lost_and_duplicates_are_counted():
    body = "CAIRO (AFP) — Talks resumed on Monday.\n\nA second paragraph follows.\n\nA second paragraph follows.\n\nBack to Top"
    section = score(body=body)
    assert section.metrics["noise_lines_left"] == 1
    assert section.metrics["sentences_lost"] == 1  # "Both sides were hopeful."
    assert section.metrics["duplicates_kept"] == 1
    assert any("sentence lost: Both sides were hopeful." in line for line in section.lines)


def test_a_missing_article_counts_against_every_field():
    section = score_metadata(KEY, {"articles": []}, {"a.txt": RAW})
    assert section.metrics["outlet_accuracy"] == 0.0
    assert section.metrics["articles_missing"] == 1
    assert section.lines == ["a.txt: not imported"]


def test_a_key_without_headline_wants_a_derived_one():
    key = {"articles": [{**KEY["articles"][0], "headline": None}]}
    derived = {**GOOD, "headline": "Talks resumed on Monday", "headline_derived": True}
    printed = {**derived, "headline_derived": False}
    assert score_metadata(key, {"articles": [derived]}, {"a.txt": RAW}).metrics["headline_accuracy"] == 1.0
    section = score_metadata(key, {"articles": [printed]}, {"a.txt": RAW})
    assert section.metrics["headline_accuracy"] == 0.0
    assert "  headline: expected '(derived)', got 'Talks resumed on Monday'" in section.lines
