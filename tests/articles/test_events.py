"""Event assignment: articles about one event land together, others apart."""
import json
from datetime import date

import pytest

from articles.text.types import Analysis, ParsedArticle, PersonCluster
from articles.text.events import EventIndex, signature

ARTICLES = [
    ("quake", "Strong earthquake kills dozens in eastern Turkey", date(2023, 3, 6),
     "ANKARA - A magnitude 6.8 earthquake struck the eastern Turkish province of Malatya on Monday, "
     "killing at least 41 people and toppling dozens of buildings, officials said.\n\n"
     "Rescue teams from the AFAD disaster agency searched the rubble through the night. "
     "Interior Minister Suleyman Soylu said more than 300 people were injured.",
     ["Suleyman Soylu"]),
    ("quake", "Turkey quake toll rises as rescuers dig through rubble in Malatya", date(2023, 3, 7),
     "Rescuers in Malatya pulled survivors from collapsed buildings on Tuesday after Monday's "
     "earthquake, which Turkey's AFAD agency said had killed 44 people.\n\n"
     "Soylu told reporters the magnitude 6.8 tremor was felt across eastern Turkey.",
     ["Soylu"]),
    ("rates", "Bank of England raises interest rates to 5.25 percent", date(2023, 8, 3),
     "LONDON - The Bank of England raised its benchmark interest rate by a quarter point to 5.25 percent "
     "on Thursday, its fourteenth consecutive increase, as inflation stayed well above target.\n\n"
     "Governor Andrew Bailey said the Monetary Policy Committee would keep rates high for long enough.",
     ["Andrew Bailey"]),
    ("rates", "BoE lifts rates again, Bailey warns inflation fight not over", date(2023, 8, 3),
     "The Bank of England lifted interest rates to 5.25% on Thursday. Andrew Bailey, the governor, "
     "said the Monetary Policy Committee saw inflation falling but still far above its 2 percent target.\n\n"
     "Six members of the committee voted for the quarter-point increase.",
     ["Andrew Bailey"]),
    ("final", "Real Madrid beat Liverpool to win Champions League final in Paris", date(2022, 5, 28),
     "PARIS - Vinicius Junior scored the only goal as Real Madrid beat Liverpool 1-0 in the Champions "
     "League final at the Stade de France on Saturday.\n\n"
     "Goalkeeper Thibaut Courtois made nine saves to deny Mohamed Salah and Sadio Mane.",
     ["Vinicius Junior", "Thibaut Courtois", "Mohamed Salah", "Sadio Mane"]),
    ("final", "Courtois heroics hand Madrid 14th European Cup", date(2022, 5, 29),
     "Thibaut Courtois was outstanding as Real Madrid won the Champions League for a 14th time, "
     "Vinicius Junior's goal enough to beat Liverpool in Paris.\n\n"
     "The final at the Stade de France was delayed by chaos outside the ground.",
     ["Thibaut Courtois", "Vinicius Junior"]),
    ("talks", "US, Iran trade blame over Iraq at Baghdad talks", date(2007, 5, 28),
     "BAGHDAD - The United States and Iran traded accusations over the bloodshed in Iraq on Monday during "
     "their first high-level talks in 27 years.\n\nUS ambassador Ryan Crocker met his Iranian counterpart "
     "Hassan Kazemi Qomi in the Green Zone.",
     ["Ryan Crocker", "Hassan Kazemi Qomi"]),
    ("talks", "US tells Iran to stop backing Iraq militias", date(2007, 5, 28),
     "The US and Iran on Monday held their first talks on the security crisis in Iraq.\n\n"
     "Ryan Crocker, US ambassador to Baghdad, called the atmosphere in nearly four hours of talks with "
     "Hassan Kazemi Qomi businesslike.",
     ["Ryan Crocker", "Hassan Kazemi Qomi"]),
    # Same country, same week, different story: must not join the talks.
    ("bomb", "Car bomb kills 21 in central Baghdad market", date(2007, 5, 28),
     "BAGHDAD - A car bomb tore through a crowded market in the Sinak district of central Baghdad on Monday, "
     "killing at least 21 people, police said.\n\nThe blast set shops ablaze and wounded dozens of shoppers.",
     []),
    ("bomb", "Truck bomb near Baghdad shrine kills 19", date(2007, 5, 28),
     "A truck bomb exploded outside a revered shrine in Baghdad's Sinak business district, killing at least "
     "19 people and wounding scores, police said.\n\nThe market blast came hours after a bombing in western Baghdad.",
     []),
]


def _signature(headline, day, body, people, with_analysis=True):
    parsed = ParsedArticle(raw=body, body=body, headline=headline, published=day)
    analysis = Analysis(people=[PersonCluster(name=n, aliases=[n]) for n in people]) if with_analysis else None
    return signature(parsed, analysis)


def _assign(with_analysis=True, order=None, articles=ARTICLES):
    index = EventIndex()
    labels: dict[int, list[str]] = {}
    for i in order or range(len(articles)):
        label, headline, day, body, people = articles[i]
        sig = _signature(headline, day, body, people, with_analysis)
        json.dumps(sig)  # stored in a JSONField
        chosen = index.choose(sig)
        if chosen is None:
            chosen = len(labels) + 1
        index.add(chosen, day.isoformat(), sig)
        labels.setdefault(chosen, []).append(label)
    return labels


@pytest.mark.parametrize("with_analysis", [True, False])
@pytest.mark.parametrize("order", [None, [9, 1, 7, 3, 5, 0, 2, 4, 6, 8]])
def test_it_groups_articles_by_event(with_analysis, order):
    labels = _assign(with_analysis, order)
    grouped = sorted(sorted(v) for v in labels.values())
    expected = sorted(sorted([k, k]) for k in ("quake", "rates", "final", "talks", "bomb"))
    assert grouped == expected


def test_it_starts_a_new_event_when_nothing_matches():
    sig = _signature(*ARTICLES[0][1:])
    assert EventIndex().choose(sig) is None


@pytest.mark.parametrize("event_day, chosen", [("2007-05-28", 5), ("2009-01-01", None)])
def test_it_ignores_an_event_far_from_the_article_date(event_day, chosen):
    index = EventIndex()
    index.add(5, event_day, _signature(*ARTICLES[7][1:]))
    assert index.choose(_signature(*ARTICLES[6][1:])) == chosen


# One wire story told twice, about two different strikes on the same day:
# the same words, none of the same people or places.
STRIKES = [
    ("north", "Dock workers strike over pay in Rotterdam", date(2024, 4, 9),
     "ROTTERDAM - Dock workers walked out at the port of Rotterdam on Tuesday over pay, halting container "
     "traffic, the FNV union said.\n\nUnion leader Niek Stam said the strike would last 48 hours.",
     ["Niek Stam"]),
    ("north", "Rotterdam port strike halts container traffic", date(2024, 4, 9),
     "Container traffic at Rotterdam stood still on Tuesday as dock workers walked out over pay.\n\n"
     "Niek Stam of the FNV union said talks with employers had broken down.",
     ["Niek Stam"]),
    ("south", "Dock workers strike over pay in Genoa", date(2024, 4, 9),
     "GENOA - Dock workers walked out at the port of Genoa on Tuesday over pay, halting container "
     "traffic, the FILT union said.\n\nUnion leader Enrico Ascheri said the strike would last 48 hours.",
     ["Enrico Ascheri"]),
]


@pytest.mark.parametrize("order", [None, [2, 0, 1]])
def test_same_wording_about_other_people_and_places_is_another_event(order):
    labels = _assign(order=order, articles=STRIKES)
    assert sorted(sorted(v) for v in labels.values()) == [["north", "north"], ["south"]]


def test_a_name_every_event_shares_weighs_little():
    index = EventIndex()
    for event_id, names in enumerate([["reuter", "genoa"], ["reuter", "lyon"], ["reuter", "oslo"]], 1):
        index.add(event_id, None, {"names": names, "words": ["strike"]})
    article = {"names": ["reuter", "oslo"], "words": ["strike"]}
    assert index.choose(article) == 3
    assert index.choose({"names": ["reuter", "porto"], "words": ["strike"]}) is None


def test_seed_articles_share_one_event(seed_bodies, gold):
    sigs = []
    for meta in gold["articles"]:
        body = seed_bodies[meta["file"]]
        parsed = ParsedArticle(raw=body, body=body, headline=meta["headline"])
        sigs.append(signature(parsed, None))
    for i, sig in enumerate(sigs):
        index = EventIndex()
        for j, other in enumerate(sigs):
            if j != i:
                index.add(1, None, other)
        assert index.choose(sig) == 1
