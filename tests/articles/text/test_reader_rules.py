"""General reading rules, each on a small text written for the test."""
from datetime import date

import pytest

from articles.text.errors import InputError
from articles.text.reader import looks_like_html, read_text

LEAD = "CAIRO (AFP) — Talks on the shared river resumed on Monday after a break of two months, officials said."
SECOND = "Delegates from both countries met in a hotel on the edge of the capital."


def test_crlf_becomes_lf_and_no_break_spaces_stay():
    raw = f"River talks resume in Cairo\r\n\r\n{LEAD}\r\n\r\nOne delegate said:\u00a0“We are\u00a0hopeful.”\r\n"
    article = read_text(raw)
    assert "\r" not in article.body
    assert article.body.split("\n\n")[1] == "One delegate said:\u00a0“We are\u00a0hopeful.”"
    assert article.raw == raw


def test_paragraphs_are_separated_by_one_blank_line():
    article = read_text(f"\n\n   {LEAD}   \n\n\n\n\t{SECOND}\n")
    assert article.body == f"{LEAD}\n\n{SECOND}"


def test_a_page_without_headline_gets_a_derived_one():
    article = read_text(f"{LEAD}\n\n{SECOND}")
    assert article.headline_derived
    assert article.headline == "Talks on the shared river resumed on Monday after a break of two months, officials said"
    long_lead = "LONDON - " + "word " * 60 + "end."
    derived = read_text(long_lead).headline
    assert len(derived) <= 91 and derived.endswith("…") and not derived.startswith("LONDON")


def test_repeated_paragraphs_are_kept_once_in_first_place():
    article = read_text(f"{LEAD}\n{SECOND}\nA third paragraph of the story follows here.\n{SECOND}\n{LEAD}")
    assert article.body.split("\n\n") == [LEAD, SECOND, "A third paragraph of the story follows here."]


def test_hard_wrapped_paragraphs_are_joined():
    raw = (
        "Ministers agreed on Tuesday to extend the fishing ban for another\n"
        "season, despite protests from coastal towns that depend on the\n"
        "catch.\n\n"
        "The ban will be reviewed next spring."
    )
    article = read_text(raw)
    assert article.body.split("\n\n")[0] == (
        "Ministers agreed on Tuesday to extend the fishing ban for another "
        "season, despite protests from coastal towns that depend on the catch."
    )


def test_hints_win_over_what_the_page_says():
    raw = f"River talks resume in Cairo\nBy Jane Roe\n28 May 2007\n{LEAD}\n{SECOND}"
    hints = {"title": "Nile talks resume", "outlet": "Agence France-Presse", "published": "2007-06-01", "byline": ["Sam Poe", "Ann Lee"]}
    article = read_text(raw, url="https://example.org/a", hints=hints)
    assert article.headline == "Nile talks resume" and not article.headline_derived
    assert article.outlet == "AFP"  # through the registry's aliases
    assert article.published == date(2007, 6, 1)
    assert article.byline == ["Sam Poe", "Ann Lee"]
    assert article.url == "https://example.org/a"
    assert read_text(raw, hints={"byline": "By Sam Poe and Ann Lee"}).byline == ["Sam Poe", "Ann Lee"]


def test_a_title_hint_that_is_printed_is_not_left_in_the_body():
    article = read_text(f"River talks resume in Cairo\n{LEAD}", hints={"title": "River talks resume in Cairo"})
    assert article.body == LEAD


def test_without_a_printed_date_there_is_no_date():
    raw = (
        "Monday\nTalks resume in the capital after long pause\n"
        "The talks resumed yesterday, a spokesman said.\n"
        "Copyright © 2018 Example Media. All rights reserved."
    )
    article = read_text(raw)
    assert article.published is None
    assert article.body == "The talks resumed yesterday, a spokesman said."


@pytest.mark.parametrize(
    "stamp, day",
    [
        ("May 28 2007 14:46", date(2007, 5, 28)),
        ("Tuesday, May 29, 2007", date(2007, 5, 29)),
        ("2007-05-28T10:00:00Z", date(2007, 5, 28)),
        ("28 May 2007", date(2007, 5, 28)),
        ("Updated 3:14 PM EDT, Mon May 28, 2007", date(2007, 5, 28)),
        ("Published: May 28 2007 14:46 | Last updated: May 30 2007 22:39", date(2007, 5, 28)),
    ],
)
def test_a_printed_timestamp_gives_the_date_and_leaves_the_body(stamp, day):
    article = read_text(f"Talks resume in the capital after long pause\n{stamp}\n{LEAD}")
    assert article.published == day
    assert article.body == LEAD


def test_image_file_residue_fused_to_a_line_is_stripped():
    article = read_text(f"Talks resume after long pause\n\nphoto_153.jpg{LEAD}")
    assert article.body == LEAD
    assert article.dateline == "CAIRO"


def test_a_short_paragraph_right_under_the_headline_is_the_lead_when_text_follows():
    raw = f"Talks resume after long pause\n\nThe talks resumed on Monday.\n\n{SECOND}"
    assert read_text(raw).body.split("\n\n")[0] == "The talks resumed on Monday."


def test_a_standfirst_set_off_by_a_caption_is_furniture():
    raw = (
        "Talks resume after long pause\n\n"
        "Second round limited to water sharing.\n\n"
        "Delegates at the hotel in Cairo [Reuters]\n\n"
        f"{SECOND}"
    )
    assert read_text(raw).body == SECOND


def test_bylines_inside_the_body_are_read_and_removed():
    raw = f"Talks resume after long pause\n{LEAD}\nBy Jane Roe, Cairo Correspondent\n{SECOND}"
    article = read_text(raw)
    assert article.byline == ["Jane Roe"]
    assert article.body == f"{LEAD}\n\n{SECOND}"


@pytest.mark.parametrize(
    "raw",
    ["", "   \n\n\t ", "Home\nShare\nBack to Top\nAdvertisement", "Copyright © 2018 Example Media. All rights reserved.", "\x00\x00"],
)
def test_only_clutter_is_no_article(raw):
    with pytest.raises(InputError, match="no article text found"):
        read_text(raw)


def test_html_is_told_from_text():
    assert looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    assert looks_like_html("<div class='x'><p>One</p><p>Two</p></div>")
    assert not looks_like_html(LEAD)
    assert not looks_like_html("He wrote <b> in the margin and a < b < c.")


@pytest.mark.parametrize(
    "sentence",
    [
        "The report may not be published before the election, officials said.",
        "Officials urged people not to post comments on social media.",
        "The ministry welcomes comments from the public until June.",
        "Ministers were invited to join the debate on Thursday.",
        "Watch the skies, the minister told farmers on Monday.",
        "Research by the university found that exports fell.",
        "He declined to comment.",
    ],
)
def test_article_sentences_that_use_web_words_stay(sentence):
    assert sentence in read_text(f"{LEAD}\n\n{sentence}\n\n{SECOND}").body.split("\n\n")


def test_a_closing_quote_in_another_language_stays():
    quote = "« Nous sommes prêts à reprendre les discussions », a déclaré le ministre."
    assert read_text(f"{LEAD}\n\n{quote}").body.split("\n\n")[-1] == quote
