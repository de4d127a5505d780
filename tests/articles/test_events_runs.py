"""Several import runs file articles as one run would: a stored story does
not gather another story about the same people whose reports come later."""
import random
from pathlib import Path

import pytest

from articles.models import Article, Event
from articles.services import merge_events
from articles.text.events import COMMON_HOLDERS, cluster, refile, signature
from articles.text.types import Analysis, ParsedArticle, PersonCluster
from tests.articles.test_events import ARTICLES
from tests.conftest import run_ingest

# Two stories about the same people in one city, weeks apart, undated as
# plain text arrives.
BUDGET = [
    ("budget", "Mayor Reyes and Council President Lam clash over city budget",
     "Mayor Dana Reyes and City Council President Victor Lam traded accusations on Tuesday over a budget "
     "that cuts library hours and freezes hiring in the police department.\n\n"
     "Lam said the council would not pass a plan that closes branch libraries in Oakdale. Reyes said the "
     "city faced a $90 million shortfall and had no other choice.\n\n"
     "Budget director Helen Ortiz told the council that pension costs had risen 12 percent.",
     ["Dana Reyes", "Victor Lam", "Helen Ortiz"]),
    ("budget", "Council rejects Reyes budget as Lam demands library funding",
     "The City Council voted 9 to 4 to reject Mayor Dana Reyes's budget, with Council President Victor Lam "
     "demanding that library hours be restored before any deal.\n\n"
     "Helen Ortiz, the budget director, said the shortfall would grow if the vote dragged on. Reyes called "
     "the vote reckless; Lam said the libraries of Oakdale were not negotiable.",
     ["Dana Reyes", "Victor Lam", "Helen Ortiz"]),
    ("budget", "Oakdale libraries at centre of budget fight between Reyes and Lam",
     "Library hours in Oakdale have become the sticking point between Mayor Dana Reyes and Victor Lam, "
     "the council president, as the city tries to close a $90 million budget gap.\n\n"
     "Reyes has proposed freezing police hiring and cutting hours; Lam says the council will not agree. "
     "Helen Ortiz warned that pension payments are rising.",
     ["Dana Reyes", "Victor Lam", "Helen Ortiz"]),
]
# The first stadium report leads with the mayor and the council president,
# as the budget story does; the other two name only the team's owner.
STADIUM = [
    ("stadium", "Reyes and Lam back riverfront stadium for the Harbor City Hawks",
     "Mayor Dana Reyes and Council President Victor Lam stood together on Friday to announce a deal to "
     "build a riverfront stadium for the Harbor City Hawks, the minor league baseball team.\n\n"
     "Reyes said the city budget would not pay for it. Lam said the council would vote on the lease. "
     "Team owner Marcus Bell said the club would pay two thirds of the $240 million stadium on the old rail "
     "yard and sign a 30-year lease; hotel taxes pay the rest.",
     ["Dana Reyes", "Victor Lam", "Marcus Bell"]),
    ("stadium", "Hawks to get $240 million riverfront ballpark",
     "The Harbor City Hawks will move to a new riverfront ballpark on the old rail yard, owner Marcus Bell "
     "announced on Friday.\n\n"
     "Bell's group will cover two thirds of the $240 million stadium and the team signs a 30-year lease; "
     "hotel taxes pay the rest. Construction begins next spring, Bell said.",
     ["Marcus Bell"]),
    ("stadium", "Bell's Hawks agree on stadium at rail yard",
     "Marcus Bell, who owns the Harbor City Hawks, reached a deal for a baseball stadium on "
     "the riverfront rail yard, with a 30-year lease and hotel taxes covering the public share.\n\n"
     "Bell called the ballpark a new front door for downtown; fans of the Hawks cheered the "
     "$240 million plan.",
     ["Marcus Bell"]),
]


def _undated(label, headline, body, people):
    parsed = ParsedArticle(raw=body, body=body, headline=headline, published=None)
    return signature(parsed, Analysis(people=[PersonCluster(name=n, aliases=[n]) for n in people]))


def _import(runs, movable=True):
    """Each run refiled against the events of the runs before it; returns
    the events as sorted lists of labels."""
    events, made = {}, 0  # key -> event id
    signatures = {}
    for run in runs:
        stored = [(key, event, signatures[key]) for key, event in events.items()]
        new = []
        for key, article in run:
            signatures[key] = _undated(*article)
            new.append((key, signatures[key]))
        named = {}
        for key, target in refile(stored, new, set(events.values()) if movable else set()).items():
            if isinstance(target, tuple):
                if target not in named:
                    made += 1
                    named[target] = f"event {made}"
                target = named[target]
            events[key] = target
    groups = {}
    for key, event in events.items():
        groups.setdefault(event, []).append(key.split("-")[0])
    return sorted(sorted(g) for g in groups.values())


# Other stories already stored, so that names weigh by how few events hold them.
BACKGROUND = [(f"{label}-{i}", (label, headline, body, people))
              for i, (label, headline, _, body, people) in enumerate(ARTICLES)]
BUDGET_KEYED = [(f"budget-{i}", a) for i, a in enumerate(BUDGET)]
STADIUM_KEYED = [(f"stadium-{i}", a) for i, a in enumerate(STADIUM)]
ONE_RUN = _import([BACKGROUND + BUDGET_KEYED + STADIUM_KEYED])


def test_the_owners_reports_make_an_event_of_their_own_in_one_run():
    assert ["stadium", "stadium"] in ONE_RUN
    assert all(g.count("budget") in (0, 3) for g in ONE_RUN)


@pytest.mark.parametrize("first", range(3))
def test_an_undated_story_in_several_runs_gives_the_events_of_one_run(first):
    # The budget story stored first; then one stadium report alone, which
    # nothing of its own story awaits; then the other two.
    rest = [a for i, a in enumerate(STADIUM_KEYED) if i != first]
    runs = [BACKGROUND + BUDGET_KEYED, [STADIUM_KEYED[first]], rest]
    assert _import(runs) == ONE_RUN


def test_stored_events_a_run_may_not_refile_are_only_added_to():
    # Curated, or too large to be read whole: what the stored budget event
    # held stays together, whatever joins it (here the mayor's stadium
    # report, and then the owner's two, as before several runs were filed
    # as one).
    runs = [BACKGROUND + BUDGET_KEYED, [STADIUM_KEYED[0]], STADIUM_KEYED[1:]]
    events = _import(runs, movable=False)
    assert any(g.count("budget") == 3 for g in events)
    assert events != ONE_RUN


# --- the same through ``ingest``, plain text files in three runs ----------


def _write_plain(folder, keyed):
    paths = []
    for key, (_, headline, body, _) in keyed:
        path = folder / f"{key}.txt"
        path.write_text(f"{headline}\n\n{body}\n")
        paths.append(path)
    return paths


def _stored_events():
    groups = {}
    for source, event in Article.objects.values_list("source", "event_id"):
        groups.setdefault(event, []).append(Path(source).name.split("-")[0])
    return sorted(sorted(g) for g in groups.values())


@pytest.mark.django_db
def test_plain_files_in_three_runs_make_the_events_of_one(tmp_path, nlp):
    paths = _write_plain(tmp_path, BACKGROUND + BUDGET_KEYED + STADIUM_KEYED)
    assert run_ingest(*paths)[0] == 0
    once = _stored_events()
    assert ["stadium", "stadium"] in once
    Event.objects.all().delete()

    stadium = _write_plain(tmp_path, STADIUM_KEYED)
    for run in (paths[: len(BACKGROUND) + len(BUDGET)], stadium[:1], stadium[1:]):
        assert run_ingest(*run)[0] == 0
    assert _stored_events() == once


BUDGET_FOLLOW_UP = ("budget", "Reyes offers to restore Oakdale library hours in budget talks with Lam",
                    "Mayor Dana Reyes offered on Thursday to restore library hours in Oakdale if Council President "
                    "Victor Lam agreed to the police hiring freeze, the first sign of a budget deal.\n\n"
                    "Helen Ortiz, the budget director, said the change would cost $4 million. Lam said the "
                    "council would study the offer.",
                    ["Dana Reyes", "Victor Lam", "Helen Ortiz"])


@pytest.mark.django_db
def test_a_later_run_leaves_a_curated_event_as_the_curator_left_it(tmp_path, nlp):
    assert run_ingest(*_write_plain(tmp_path, BACKGROUND + BUDGET_KEYED + STADIUM_KEYED))[0] == 0
    budget = Article.objects.get(source__contains="budget-0").event
    stadium = Article.objects.get(source__contains="stadium-1").event
    assert budget != stadium
    # A curator holds that city hall's week is one story.
    merge_events(budget, [stadium])
    budget.refresh_from_db()
    assert budget.curated

    assert run_ingest(*_write_plain(tmp_path, [("budget-3", BUDGET_FOLLOW_UP)]))[0] == 0
    assert sorted(Path(s).name.split("-")[0] for s in budget.articles.values_list("source", flat=True)) == (
        ["budget"] * 4 + ["stadium"] * 3
    )


# --- a busy day: more reports of one story than COMMON_HOLDERS ---------------


def _reports(story: str, count: int, day: str | None, rng: random.Random) -> list:
    """``count`` reports of one story: each names some of its cast and
    places and uses some of its words, with words every story uses."""
    cast = [f"{story}cast{i}" for i in range(5)]
    places = [f"{story}place{i}" for i in range(4)]
    vocabulary = [f"{story}word{i}" for i in range(40)]
    shared = [f"common{i}" for i in range(40)]
    reports = []
    for n in range(count):
        sig = {
            "people": sorted(rng.sample(cast, 3)),
            "names": sorted(rng.sample(places, 2) + rng.sample(cast, 2)),
            "words": sorted(rng.sample(vocabulary, 20) + rng.sample(shared, 10)),
            "date": day,
            "dateline": None,
        }
        reports.append((f"{story}-{n:03d}", sig))
    return reports


@pytest.mark.parametrize("day", ["2024-05-02", None])
def test_a_day_with_more_reports_of_a_story_than_common_holders_stays_one_event(day):
    rng = random.Random(15)
    reports = _reports("harbour", COMMON_HOLDERS + 70, day, rng) + _reports("summit", COMMON_HOLDERS + 10, day, rng)
    rng.shuffle(reports)
    chosen = cluster([], reports)
    events = {}
    for key, event in chosen.items():
        events.setdefault(event, set()).add(key.split("-")[0])
    assert sorted(events.values()) == [{"harbour"}, {"summit"}]
