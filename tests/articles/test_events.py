"""Event assignment: articles about one event land together, others apart."""
import json
import random
from datetime import date

import pytest
from django.urls import reverse

from articles.models import Article, Event
from articles.text.types import Analysis, ParsedArticle, PersonCluster
from articles.text.event_titles import neutral_title
from articles.text.events import EventIndex, cluster, signature
from tests.conftest import run_ingest

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
        index.add(chosen, sig)
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
    index.add(5, {**_signature(*ARTICLES[7][1:]), "date": event_day})
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
        index.add(event_id, {"names": names, "words": ["strike"]})
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
                index.add(1, other)
        assert index.choose(sig) == 1


@pytest.mark.parametrize("seed", range(5))
def test_shuffled_articles_make_the_same_events(seed):
    signatures = [(i, _signature(*a[1:])) for i, a in enumerate(ARTICLES + STRIKES)]
    reference = cluster([], signatures)
    shuffled = list(signatures)
    random.Random(seed).shuffle(shuffled)
    again = cluster([], shuffled)

    def partition(chosen):
        groups = {}
        for key, event in chosen.items():
            groups.setdefault(event, set()).add(key)
        return sorted(sorted(g) for g in groups.values())

    assert partition(again) == partition(reference)
    assert len(partition(reference)) == 7  # the five stories and the two strikes


# Three stories in which each shares one name with the next: the budget
# and the storm name the president, the storm and the strike the state.
# Undated, as plain text arrives, they are what chains.
CHAIN = [
    ("budget", "Senator Hollis blocks Obama budget plan over hospital cuts",
     "Senator Mark Hollis blocked President Barack Obama's budget plan in the Senate Finance Committee on "
     "Wednesday, saying its cuts to rural hospitals in Nebraska and Kansas went too far.\n\n"
     "Dana Whitcomb of the American Hospital Association said 300 clinics could close. Committee chairman "
     "Max Baucus said the panel would vote again next month.\n\n"
     "Senator Chuck Grassley of Iowa backed the delay, while Budget Director Peter Orszag defended the savings "
     "as the only way to meet the deficit target.\n\n"
     "Hospital administrators in Omaha and Wichita warned of layoffs if Medicare payments were frozen.",
     ["Mark Hollis", "Barack Obama", "Dana Whitcomb", "Max Baucus", "Chuck Grassley", "Peter Orszag"]),
    ("budget", "Hollis stalls budget in Finance Committee",
     "The Senate Finance Committee stalled the budget on a vote forced by Mark Hollis, the Nebraska Republican "
     "who objects to cuts in rural hospital funding.\n\nMax Baucus, the committee's chairman, said talks "
     "would resume. Dana Whitcomb, whose hospital association lobbied against the cuts, welcomed the delay.\n\n"
     "Chuck Grassley said Medicare payments to hospitals in Iowa and Kansas could not be frozen again, and "
     "Peter Orszag said the White House would not reopen the deficit plan.",
     ["Mark Hollis", "Max Baucus", "Dana Whitcomb", "Chuck Grassley", "Peter Orszag"]),
    ("storm", "Governor Calder declares emergency as Hurricane Delia nears Texas",
     "Governor Ruth Calder declared a state of emergency along the Texas coast as Hurricane Delia strengthened "
     "in the Gulf of Mexico, and President Barack Obama promised federal aid.\n\nFEMA administrator Craig "
     "Fugate said teams were in Galveston and Corpus Christi. Calder ordered evacuations of low-lying towns.\n\n"
     "Forecaster Bill Read of the National Hurricane Center said the storm could reach category four. "
     "Galveston mayor Lyda Thomas opened shelters at the convention center.\n\n"
     "Oil companies evacuated rigs offshore, and refineries near Port Arthur shut down.",
     ["Ruth Calder", "Barack Obama", "Craig Fugate", "Bill Read", "Lyda Thomas"]),
    ("storm", "Calder orders Galveston evacuations ahead of Delia",
     "Ruth Calder ordered tens of thousands to leave Galveston and other low-lying towns before Hurricane "
     "Delia made landfall on the Texas coast.\n\nCraig Fugate of FEMA said shelters were open in Houston and "
     "Austin, and the Gulf surge could reach 15 feet.\n\nBill Read, director of the National Hurricane "
     "Center, said Delia was the strongest storm to threaten Galveston in a decade, and Lyda Thomas urged "
     "residents not to wait.",
     ["Ruth Calder", "Craig Fugate", "Bill Read", "Lyda Thomas"]),
    ("schools", "Teachers strike shuts Houston schools, Mayor Ferris says",
     "Mayor Tom Ferris said every public school in Houston would stay shut while teachers strike over pay, "
     "after talks with the Houston Federation of Teachers broke down.\n\nUnion president Maria Ochoa "
     "said the strike would go on, the biggest walkout by teachers in Texas since 1978.\n\n"
     "Superintendent Susana Cordova said 71,000 students were affected, and school board member Carrie Olson "
     "called for binding arbitration.\n\nParents picketed beside teachers outside Lamar High School.",
     ["Tom Ferris", "Maria Ochoa", "Susana Cordova", "Carrie Olson"]),
    ("schools", "Ferris and Houston teachers union fail to end strike",
     "Talks between Tom Ferris and the Houston Federation of Teachers broke up without a deal, keeping "
     "schools closed as the strike over pay entered its third day.\n\nMaria Ochoa, the union's president, "
     "said teachers would picket City Hall.\n\nSusana Cordova, the superintendent, said substitutes could not "
     "be found for 71,000 students, and Carrie Olson said the board would meet on Friday.",
     ["Tom Ferris", "Maria Ochoa", "Susana Cordova", "Carrie Olson"]),
]


@pytest.mark.parametrize("order", [None, [2, 4, 0, 5, 3, 1], [4, 2, 0, 1, 3, 5]])
def test_stories_that_each_share_a_name_with_the_next_do_not_chain(order):
    chosen = cluster([], [(i, _signature(h, None, b, p)) for i, (_, h, b, p) in enumerate(CHAIN)])
    groups = {}
    for i in order or range(len(CHAIN)):
        groups.setdefault(chosen[i], []).append(CHAIN[i][0])
    assert sorted(sorted(g) for g in groups.values()) == [["budget"] * 2, ["schools"] * 2, ["storm"] * 2]


QUAKE = [a for a in ARTICLES if a[0] == "quake"]
FOLLOW_UP = (
    "quake", "Aftershock hits Malatya as Turkey's quake toll passes 60", date(2023, 3, 9),
    "A strong aftershock shook Malatya on Thursday as Turkey's AFAD agency said Monday's magnitude 6.8 "
    "earthquake had killed 61 people.\n\nInterior Minister Suleyman Soylu said rescuers were still searching "
    "collapsed buildings in eastern Turkey.",
    ["Suleyman Soylu"],
)


def test_a_follow_up_two_days_later_joins_its_event():
    index = EventIndex()
    for article in QUAKE:  # Monday and Tuesday
        index.add("quake", _signature(*article[1:]))
    assert index.choose(_signature(*FOLLOW_UP[1:])) == "quake"  # Thursday


def test_the_window_follows_the_event_span_not_its_first_day():
    later = (*FOLLOW_UP[:2], date(2023, 3, 11), *FOLLOW_UP[3:])  # five days after the first article
    first_day_only = EventIndex()
    first_day_only.add("quake", _signature(*QUAKE[0][1:]))
    assert first_day_only.choose(_signature(*later[1:])) is None
    spanning = EventIndex()
    for article in (*QUAKE, FOLLOW_UP):  # Monday to Thursday
        spanning.add("quake", _signature(*article[1:]))
    assert spanning.choose(_signature(*later[1:])) == "quake"


# --- imports, and what curators change between them ---------------------


def _write(folder, articles):
    paths = []
    for i, (label, headline, day, body, _) in enumerate(articles):
        path = folder / f"{i:02d}-{label}.jsonl"
        path.write_text(json.dumps({"title": headline, "text": body, "published": day.isoformat()}) + "\n")
        paths.append(path)
    return paths


def _events():
    """The run's events as sets of file labels, sorted."""
    groups = {}
    for source, event in Article.objects.values_list("source", "event_id"):
        groups.setdefault(event, []).append(source.split("#")[0])
    return sorted(sorted(g) for g in groups.values())


def _reset():
    Event.objects.all().delete()  # and their articles


@pytest.mark.django_db
def test_another_order_or_several_runs_give_the_same_events(tmp_path, nlp):
    paths = _write(tmp_path, ARTICLES)
    assert run_ingest(*paths)[0] == 0
    once = _events()
    assert len(once) == 5
    _reset()
    assert run_ingest(*reversed(paths))[0] == 0
    assert _events() == once
    _reset()
    by_date = sorted(paths, key=lambda p: json.loads(p.read_text())["published"])
    for run in (by_date[:4], by_date[4:]):
        assert run_ingest(*run)[0] == 0
    assert _events() == once


@pytest.mark.django_db
def test_an_event_takes_what_its_headlines_share_as_title(tmp_path, nlp):
    run_ingest(*_write(tmp_path, [a for a in ARTICLES if a[0] == "talks"]))
    event = Event.objects.get()
    assert event.title == "US Iran Iraq"
    assert event.slug == "us-iran-iraq"
    assert event.date == date(2007, 5, 28)


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.org", "pw"))
    return client


@pytest.mark.django_db
def test_a_curator_merges_events_in_the_admin_and_a_later_import_follows(tmp_path, nlp, admin_client):
    quake, rates = ([a for a in ARTICLES if a[0] == label] for label in ("quake", "rates"))
    run_ingest(*_write(tmp_path, [quake[0], rates[0]]))
    first, second = Event.objects.order_by("date")
    url = reverse("admin:articles_event_changelist")
    asked = admin_client.post(url, {"action": "merge", "_selected_action": [first.pk, second.pk]})
    assert asked.status_code == 200 and b"Keep as" in asked.content
    admin_client.post(url, {"action": "merge", "_selected_action": [first.pk, second.pk], "target": second.pk})
    assert list(Event.objects.all()) == [second]
    second.refresh_from_db()
    assert second.articles.count() == 2 and second.date == date(2023, 3, 6) and second.curated

    later = tmp_path / "later"
    later.mkdir()
    run_ingest(*_write(later, [quake[1]]))
    assert Event.objects.count() == 1 and second.articles.count() == 3


@pytest.mark.django_db
def test_a_curator_moves_an_article_and_a_later_import_follows(tmp_path, nlp, admin_client):
    quake = [a for a in ARTICLES if a[0] == "quake"]
    run_ingest(*_write(tmp_path, quake))
    event = Event.objects.get()
    other = Event.objects.create(slug="aftermath", title="Aftermath")
    article = event.articles.order_by("published").last()
    form = admin_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert b'name="event"' in form.content
    data = {
        "event": other.pk, "outlet": article.outlet_id, "source": article.source, "url": article.url,
        "body": article.body, "headline": article.headline, "byline": json.dumps(article.byline),
        "dateline": article.dateline or "", "published": article.published.isoformat(),
        "quotes-TOTAL_FORMS": 0, "quotes-INITIAL_FORMS": 0, "quotes-MIN_NUM_FORMS": 0, "quotes-MAX_NUM_FORMS": 1000,
    }
    response = admin_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.event == other
    assert set(Event.objects.values_list("curated", flat=True)) == {True}  # both events it touched

    run_ingest(*_write(tmp_path, quake))  # the same files again: already stored, skipped
    article.refresh_from_db()
    assert article.event == other and Event.objects.count() == 2


@pytest.mark.parametrize("headlines, title", [
    (["Mitt To Akin: Drop Out", "Romney calls on Rep. Akin to drop Senate bid over 'rape' comments",
      "Romney urges Akin to drop out of Missouri race"], "Romney Akin drop"),
    (["Bank of England raises interest rates to 5.25 percent"], "Bank of England raises interest rates to 5.25 percent"),
    # Nothing shared: the shortest headline.
    (["Courtois heroics hand Madrid 14th European Cup", "Vinicius strike wins it in Paris"],
     "Vinicius strike wins it in Paris"),
])
def test_an_event_title_is_what_the_headlines_share(headlines, title):
    assert neutral_title(headlines) == title
