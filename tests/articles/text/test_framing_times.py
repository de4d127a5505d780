"""Publication times: hours and minutes kept beside the date."""
from datetime import time

import pytest

from articles.text.dates import find_time
from articles.text.reader import read_text
from tests.conftest import SEEDS


@pytest.mark.parametrize("line, expected", [
    ("Published: May 28 2007 14:46 | Last updated: May 28 2007 22:39", time(14, 46)),
    ("2007-05-28T10:05:00Z", time(10, 5)),
    ("14:46 GMT, 28 May 2007", time(14, 46)),
    ("May 29, 2007 9:05 p.m. EDT", time(21, 5)),
    ("Updated 12:30 am, June 1, 2019", time(0, 30)),
])
def test_it_reads_the_time_of_the_first_date(line, expected):
    assert find_time(line) == expected


@pytest.mark.parametrize("line", [
    "Tuesday, May 29, 2007",
    "10:30",  # no date: could be anything
    "Published: May 28 2007 | Last updated: May 28 2007 22:39",  # the update's time
    "May 28 2007 25:61",
])
def test_it_gives_no_time_it_cannot_tie_to_the_date(line):
    assert find_time(line) is None


def test_the_ft_seed_keeps_its_published_minute():
    article = read_text((SEEDS / "001_e023b29d6142646f.txt").read_text(encoding="utf-8"))
    assert (article.published.isoformat(), article.published_time) == ("2007-05-28", time(14, 46))


def test_a_hint_with_a_time_keeps_it():
    article = read_text("Title\n\nSome text of the article that is long enough to read.",
                        hints={"published": "2019-02-15T09:30:00Z"})
    assert article.published_time == time(9, 30)
