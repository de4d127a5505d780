"""The people registry across articles and events: who joins whom, and how a
curator undoes a wrong merge."""
import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.models import Article, Event, Mention, Outlet, Person, PersonAlias, Quote
from articles.scoring.quotes import score_quotes
from articles.services import SplitError, resolve_people, split_person
from articles.text.names import SUFFIXES, given_names_match, name_parts, skeleton
from articles.text.types import PersonCluster
from tests.conftest import SEEDS, run_ingest

pytestmark = pytest.mark.django_db


def cluster(name, *aliases, role=""):
    return PersonCluster(name=name, aliases=[name, *aliases], role=role)


def event(slug):
    return Event.objects.create(slug=slug, title=slug)


def mention(person, ev):
    """Record that ``person`` is named in an article of ``ev``."""
    outlet, _ = Outlet.objects.get_or_create(name="Wire", slug="wire")
    article = Article.objects.create(
        event=ev, outlet=outlet, source=f"{ev.slug}-{person.pk}.txt", raw_text="x", body="x" * 40,
        headline="H", content_hash=f"{ev.slug}-{person.pk}",
    )
    Mention.objects.create(article=article, person=person, start=0, end=5)


def test_the_same_full_name_joins_across_events():
    first = resolve_people([cluster("Dana Whitfield")], event("a"))[0]
    assert resolve_people([cluster("Dana Whitfield", "Whitfield")], event("b"))[0] == first


def test_a_known_short_form_of_the_given_name_joins_across_events():
    ray = resolve_people([cluster("Ray Okafor")], event("a"))[0]
    assert resolve_people([cluster("Raymond Okafor")], event("b"))[0] == ray


def test_a_shared_given_name_does_not_join_two_people():
    first = resolve_people([cluster("Tim Walden", "Tim", role="congressman")], event("a"))[0]
    other = resolve_people([cluster("Tim Ryder", "Tim", role="congressman")], event("b"))[0]
    assert other != first


def test_a_sound_alike_surname_from_another_event_does_not_join():
    first = resolve_people([cluster("Mark Cowen")], event("a"))[0]
    assert resolve_people([cluster("Mark Cowan")], event("b"))[0] != first


def test_a_spelling_variant_joins_within_the_event():
    ev = event("a")
    first = resolve_people([cluster("Nouri al-Maliki")], ev)[0]
    mention(first, ev)
    assert resolve_people([cluster("Nuri al-Maliki")], ev)[0] == first


def test_a_bare_surname_from_another_event_joins_only_through_a_shared_office():
    known = resolve_people([cluster("Greta Lindqvist", role="Prime Minister")], event("a"))[0]
    assert resolve_people([cluster("Lindqvist")], event("b"))[0] != known
    assert resolve_people([cluster("Lindqvist", role="prime minister")], event("c"))[0] == known


def test_an_events_surname_only_person_takes_the_full_name_when_it_appears():
    ev = event("a")
    bare = resolve_people([cluster("Obara", "Mr. Obara")], ev)[0]
    mention(bare, ev)
    full = resolve_people([cluster("Kenji Obara", "Obara")], ev)[0]
    assert full.name == "Kenji Obara"
    assert Person.objects.filter(name__endswith="Obara").count() == 1


def test_a_son_with_a_suffix_is_not_his_father():
    ev = event("a")
    father = resolve_people([cluster("Carl Brandt")], ev)[0]
    mention(father, ev)
    assert resolve_people([cluster("Carl Brandt Jr.")], ev)[0] != father


def test_the_role_keeps_the_fullest_description():
    first = resolve_people([cluster("Hamid Rezai", role="Iranian counterpart")], event("a"))[0]
    resolve_people([cluster("Hamid Rezai", role="Iran's ambassador to Iraq")], event("b"))
    first.refresh_from_db()
    assert first.role == "Iran's ambassador to Iraq"


def test_an_event_takes_the_earliest_date_of_its_articles(tmp_path):
    for name, day in (("late.txt", "June 3, 2019"), ("early.txt", "June 1, 2019")):
        (tmp_path / name).write_text(
            f"Bridge talks resume\n\n{day}\n\nMayor Dana Whitfield said the bridge would reopen in {name[:4]} summer.\n"
        )
    status, _, err = run_ingest(tmp_path / "late.txt", tmp_path / "early.txt", "--event", "bridge")
    assert status == 0, err
    assert Event.objects.get(slug="bridge").date == datetime.date(2019, 6, 1)


def test_ingest_outlet_names_the_outlet_of_a_file_that_does_not(tmp_path):
    story = tmp_path / "ledger.txt"
    story.write_text(
        "Harbour dredging approved\n\nPORTLAND, Maine (Coastal Ledger) — The city council approved "
        "the dredging of the harbour on Monday, said Mayor Ines Duarte.\n"
    )
    status, _, err = run_ingest(story, "--outlet", "Coastal Ledger", "--event", "harbour")
    assert status == 0, err
    assert Article.objects.get().outlet.name == "Coastal Ledger"


def test_ingest_refuses_an_empty_outlet(tmp_path):
    story = tmp_path / "a.txt"
    story.write_text("Title\n\nBody text of the story, long enough to read.\n")
    with pytest.raises(CommandError, match="--outlet"):
        run_ingest(story, "--outlet", " ")


def test_the_seeds_imported_into_the_database_keep_every_speaker(seeded, gold):
    """The database path (people resolved against stored people) scores the
    seeds as the text stage alone does."""
    people = {p.pk: p.name for p in Person.objects.all()}
    export = {
        "articles": [{"id": a.pk, "source": a.source, "body": a.body} for a in Article.objects.all()],
        "quotes": [{"article": q.article_id, "speaker": people.get(q.speaker_id), "text": q.text, "kind": q.kind,
                    "start": q.start, "end": q.end} for q in Quote.objects.all()],
        "people": [{"name": p.name, "aliases": list(p.aliases.values_list("name", flat=True))}
                   for p in Person.objects.prefetch_related("aliases")],
    }
    assert score_quotes(gold, export).metrics["speaker_accuracy"] == 1.0
    assert Event.objects.get(slug="talks").date is not None  # dated by its articles


# --- splitting a person ---------------------------------------------------------


@pytest.fixture
def merged():
    """One person holding two people's names: Ray Okafor (article a) and
    Rita Okafor (article b)."""
    ev = event("e")
    outlet = Outlet.objects.create(name="Wire", slug="wire")
    person = Person.objects.create(name="Ray Okafor", slug="ray-okafor")
    PersonAlias.objects.bulk_create(
        PersonAlias(person=person, name=n, key=n.casefold()) for n in ("Ray Okafor", "Rita Okafor", "Ms. Okafor")
    )
    bodies = {"a": "Ray Okafor said “yes” today.", "b": "Rita Okafor said “no”. Ms. Okafor left."}
    for source, body in bodies.items():
        article = Article.objects.create(
            event=ev, outlet=outlet, source=source, raw_text=body, body=body, headline="H", content_hash=source,
        )
        for name in ("Ray Okafor", "Rita Okafor", "Ms. Okafor"):
            if name in body:
                Mention.objects.create(article=article, person=person, start=body.index(name),
                                       end=body.index(name) + len(name))
        start = body.index("“") + 1
        Quote.objects.create(article=article, speaker=person, text=body[start:body.index("”")], kind="direct",
                             start=start, end=body.index("”"))
    return person


def test_split_moves_the_chosen_names_with_their_mentions_and_quotes(merged):
    rita = split_person(merged, ["Rita Okafor", "Ms. Okafor"])
    assert rita.name == "Rita Okafor"
    assert set(rita.aliases.values_list("name", flat=True)) == {"Rita Okafor", "Ms. Okafor"}
    assert Quote.objects.get(article__source="b").speaker == rita
    assert Quote.objects.get(article__source="a").speaker == merged
    assert set(Mention.objects.filter(person=rita).values_list("article__source", flat=True)) == {"b"}


def test_split_refuses_to_leave_a_person_without_names(merged):
    with pytest.raises(SplitError):
        split_person(merged, ["Ray Okafor", "Rita Okafor", "Ms. Okafor"])
    with pytest.raises(SplitError):
        split_person(merged, ["Somebody Else"])


def test_the_admin_split_action_asks_for_names_then_splits(merged, client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.org", "pw"))
    url = reverse("admin:articles_person_changelist")
    data = {"action": "split", "_selected_action": [merged.pk]}
    asked = client.post(url, data)
    assert asked.status_code == 200 and b"Rita Okafor" in asked.content
    done = client.post(url, {**data, "names": ["Rita Okafor", "Ms. Okafor"]})
    assert done.status_code == 302
    assert Person.objects.filter(name="Rita Okafor").exists()


def test_the_split_action_needs_the_change_permission(merged, client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("viewer", "v@example.org", "pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_person"))
    client.force_login(user)
    url = reverse("admin:articles_person_changelist")
    client.post(url, {"action": "split", "_selected_action": [merged.pk], "names": ["Rita Okafor"]})
    assert not Person.objects.filter(name="Rita Okafor").exists()


# --- the whole development set ------------------------------------------------


def _different_full_names(names):
    """Pairs of full names (two words or more) that cannot be one person's:
    other surnames, or given names that are not forms of one another."""
    fulls = []
    for name in names:
        words, _ = name_parts(name)
        while len(words) > 2 and words[-1] in SUFFIXES:
            words = words[:-1]
        if len(words) > 1:
            fulls.append((name, words))
    clashes = []
    for i, (a, wa) in enumerate(fulls):
        for b, wb in fulls[i + 1:]:
            if skeleton(wa[-1]) != skeleton(wb[-1]) and wa[-1] not in wb and wb[-1] not in wa:
                clashes.append((a, b))
            elif not (given_names_match(wa[0], wb[0]) or skeleton(wa[0]) == skeleton(wb[0])
                      or wa[0][0] == wb[0][0] and min(len(wa[0]), len(wb[0])) == 1
                      or wa[0] in wb or wb[0] in wa):
                clashes.append((a, b))
    return clashes


@pytest.mark.slow
def test_no_person_carries_two_peoples_full_names_after_the_seeds_and_the_devset(devset, nlp):
    out = StringIO()
    call_command("ingest", str(SEEDS), "--event", "talks", stdout=out, stderr=out)
    call_command("ingest", str(devset / "articles"), stdout=out, stderr=out)
    assert Article.objects.count() == 5 + len(json.loads((devset / "key.json").read_text())["articles"])
    wrong = {}
    for person in Person.objects.prefetch_related("aliases"):
        clashes = _different_full_names({person.name, *(a.name for a in person.aliases.all())})
        if clashes:
            wrong[person.name] = clashes
    assert not wrong
