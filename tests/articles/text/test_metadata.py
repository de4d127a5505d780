"""Bylines, datelines and printed dates, one paragraph at a time."""
from datetime import date

import pytest

from articles.text.dates import find_dates, parse_date, timestamp_line
from articles.text.metadata import derive_headline, find_dateline, header_byline, is_credit, parse_byline


@pytest.mark.parametrize(
    "line, names",
    [
        ("By Steve Negus and Guy Dinmore", ["Steve Negus", "Guy Dinmore"]),
        ("By Jane Roe, Middle East Correspondent", ["Jane Roe"]),
        ("By JOHN SMITH, Associated Press Writer", ["John Smith"]),
        ("By Anne Roe and Bob Poe, Associated Press | May 28, 2007", ["Anne Roe", "Bob Poe"]),
        ("By A. B. Stoddard, Tom Jones and Jim Ray", ["A. B. Stoddard", "Tom Jones", "Jim Ray"]),
        ("By Jane Roe in Cairo", ["Jane Roe"]),
        ("By Sami al-Faraj", ["Sami al-Faraj"]),
        ("By Monday, the talks had stalled", None),
        ("By the time the envoys met, it was dark.", None),
        ("By 2009 the programme had grown", None),
        ("Bystanders said the blast was loud", None),
        ("By Jane Roe Published May 3, 2019", ["Jane Roe"]),
        ("By Jane RoeUpdated 3 May 2019", ["Jane Roe"]),
        ("By Jane Roe Last updated: 10:04 GMT", ["Jane Roe"]),
    ],
)
def test_bylines(line, names):
    assert parse_byline(line) == names


def test_header_bylines_without_by():
    assert header_byline("Julia Smith in Cairo") == ["Julia Smith"]
    assert header_byline("Obama in Baghdad") is None


@pytest.mark.parametrize(
    "lead, place, opens",
    [
        ("BAGHDAD (AFP) — The United States", "BAGHDAD", True),
        ("BAGHDAD - The United States", "BAGHDAD", True),
        ("(Reuters) - The United States", None, True),
        ("WASHINGTON, May 28 (Reuters) - Oil", "WASHINGTON", True),
        ("BAGHDAD, Iraq (CNN) -- The", "BAGHDAD, Iraq", True),
        ("NEW DELHI: The government", "NEW DELHI", True),
        ("UPDATE 2-Oil prices", None, False),
        ("EXCLUSIVE - Oil prices", None, False),
        ("The US and Iran - not a dateline", None, False),
        ("Although he said so", None, False),
    ],
)
def test_datelines(lead, place, opens):
    assert find_dateline(lead) == (place, opens)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("May 28 2007 14:46", (date(2007, 5, 28), False)),
        ("Published: May 28 2007 14:46 | Last updated: May 28 2007 22:39", (date(2007, 5, 28), True)),
        ("Page last updated at 14:46 GMT, Monday, 28 May 2007 15:46 UK", (date(2007, 5, 28), False)),
        ("Posted on 28/05/2007 at 10.45 BST", (date(2007, 5, 28), True)),
        ("2007-05-28T10:00:00Z", (date(2007, 5, 28), False)),
        ("Monday", None),
        ("Copyright © 2018", None),
        ("- The Washington Times - Tuesday, May 29, 2007", None),  # a masthead, read elsewhere
        ("The talks began on May 28, 2007.", None),
    ],
)
def test_timestamp_lines(line, expected):
    assert timestamp_line(line) == expected


def test_dates_need_day_month_and_year():
    assert parse_date("05/06/2007") is None  # day-first or month-first cannot be told
    assert parse_date("31/05/2007") == date(2007, 5, 31)
    assert parse_date("February 30, 2007") is None
    assert parse_date("Sept. 3rd, 2007") == date(2007, 9, 3)
    assert [d for d, _, _ in find_dates("from 28 May 2007 to June 2, 2007")] == [date(2007, 5, 28), date(2007, 6, 2)]
    assert parse_date(None) is None


def test_credits():
    assert is_credit("Additional reporting by Gareth Roe in Tehran")
    assert is_credit("(Reporting by Jane Roe; Editing by Sam Poe)")
    assert is_credit("Associated Press writer Sam Poe contributed to this report.")
    assert not is_credit("Reporting on the talks was restricted by the ministry.")


def test_derived_headlines_skip_the_dateline_and_abbreviations():
    assert derive_headline("BAGHDAD (AFP) — Mr. Roe met envoys. Then he left.") == "Mr. Roe met envoys"


def test_sentences_that_open_like_credits_are_not_credits():
    assert not is_credit("Research by the university found that exports fell.")
    assert not is_credit("Reporting by state media suggested the talks had failed.")
    assert is_credit("Editing by Jane Roe and Sam Poe")
