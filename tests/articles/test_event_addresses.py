"""An event's addresses keep leading to it: after the import run that printed
them files its articles again, after a curator merges or renames events."""
from datetime import date

import pytest
from django.urls import reverse

from articles.models import Article, Event, FormerSlug
from articles.services import forward_emptied, forward_slugs, get_or_create_event, merge_events
from tests.articles.test_events import ARTICLES, FOLLOW_UP, QUAKE, _write
from tests.conftest import run_ingest

pytestmark = pytest.mark.django_db

# The quake story over six days: the last article is too far from the first
# for a run that reads it second to file it with it, but the articles between
# join them when the run files everything again in order of date.
QUAKE_WEEK = [
    QUAKE[0],
    (FOLLOW_UP[0], "Turkey mourns as Malatya quake toll passes 60", date(2023, 3, 11),
     FOLLOW_UP[3] + "\n\nFunerals were held across the province on Saturday.", FOLLOW_UP[4]),
    QUAKE[1],
    FOLLOW_UP,
]


def _printed(out):
    """(source, event slug) of each article the run printed."""
    rows = []
    for line in out.splitlines():
        if line.startswith("imported ") and " → " in line:
            rows.append((line[len("imported "):].split(":", 1)[0], line.rsplit(" → ", 1)[1]))
    return rows


def _leads_to(slug):
    return Event.objects.filter(slug=slug).first() or Event.objects.forwarded(slug).first()


def test_an_event_renamed_when_its_run_settles_keeps_the_address_the_run_printed(tmp_path, nlp):
    status, out, _ = run_ingest(*_write(tmp_path, [a for a in ARTICLES if a[0] == "talks"]))
    assert status == 0
    event = Event.objects.get()
    assert event.slug == "us-iran-iraq"
    printed = {slug for _, slug in _printed(out)}
    assert printed and event.slug not in printed
    for slug in printed:
        assert _leads_to(slug) == event


@pytest.mark.parametrize("order", [[0, 1, 2, 3], [1, 0, 2, 3]])
def test_every_address_a_run_printed_leads_to_the_event_holding_the_article(tmp_path, nlp, order):
    status, out, _ = run_ingest(*_write(tmp_path, [QUAKE_WEEK[i] for i in order]))
    assert status == 0
    printed = _printed(out)
    assert len(printed) == 4 and Event.objects.count() == 1
    # The run made two events as it went and emptied one when it settled.
    assert len({slug for _, slug in printed}) == 2
    for source, slug in printed:
        assert _leads_to(slug) == Article.objects.get(source=source).event


def test_an_emptied_event_leads_to_the_event_that_took_most_of_its_articles(make_event):
    made, most, fewer = make_event("made"), make_event("most"), make_event("fewer")
    forward_slugs({"made-before": made.pk})
    # As EventAssigner.settle calls it: articles 1-3 were in "made".
    from_settle = {1: made.pk, 2: made.pk, 3: made.pk}
    moves = {most.pk: [1, 3], fewer.pk: [2]}
    forward_emptied({made.pk}, from_settle, moves)
    made.delete()
    assert Event.objects.forwarded("made").get() == most
    assert Event.objects.forwarded("made-before").get() == most


@pytest.fixture
def make_event():
    def make(slug):
        return Event.objects.create(slug=slug, title=slug.capitalize())

    return make


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.org", "pw"))
    return client


def test_a_merge_in_the_admin_leads_the_merged_events_addresses_to_the_one_kept(admin_client, make_event):
    kept, gone, also = make_event("kept"), make_event("gone"), make_event("also")
    forward_slugs({"gone-earlier": gone.pk})
    url = reverse("admin:articles_event_changelist")
    selected = [kept.pk, gone.pk, also.pk]
    admin_client.post(url, {"action": "merge", "_selected_action": selected, "target": kept.pk})
    assert list(Event.objects.all()) == [kept]
    for slug in ("gone", "gone-earlier", "also"):
        assert Event.objects.forwarded(slug).get() == kept
    assert not Event.objects.forwarded("kept").exists()


def _rename(admin_client, event, slug):
    data = {
        "title": event.title, "slug": slug, "date": "",
        "former_slugs-TOTAL_FORMS": 0, "former_slugs-INITIAL_FORMS": 0,
        "former_slugs-MIN_NUM_FORMS": 0, "former_slugs-MAX_NUM_FORMS": 1000,
    }
    response = admin_client.post(reverse("admin:articles_event_change", args=[event.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_a_slug_changed_in_the_admin_leaves_the_old_address_leading_to_the_event(admin_client, make_event):
    event = make_event("first-name")
    _rename(admin_client, event, "second-name")
    assert Event.objects.forwarded("first-name").get() == event
    form = admin_client.get(reverse("admin:articles_event_change", args=[event.pk]))
    assert b"first-name" in form.content  # shown among its former addresses
    # Renamed back, it holds the address again: nothing forwards it.
    _rename(admin_client, Event.objects.get(pk=event.pk), "first-name")
    assert list(FormerSlug.objects.values_list("slug", flat=True)) == ["second-name"]


def test_a_new_event_that_takes_a_former_address_wins_it(make_event):
    renamed = make_event("renamed")
    forward_slugs({"old-name": renamed.pk})
    newcomer = get_or_create_event("old-name")  # ingest --event old-name
    assert newcomer != renamed
    assert not FormerSlug.objects.filter(slug="old-name").exists()
    assert not Event.objects.forwarded("old-name").exists()


def test_a_new_event_does_not_take_a_former_address_by_itself(tmp_path, nlp, make_event):
    renamed = make_event("renamed")
    # ARTICLES[2]: "Bank of England raises interest rates to 5.25 percent"
    forward_slugs({"bank-of-england-raises-interest-rates-to-525-percent": renamed.pk})
    status, out, _ = run_ingest(*_write(tmp_path, [ARTICLES[2]]))
    assert status == 0
    ((_, printed),) = _printed(out)
    assert printed != "bank-of-england-raises-interest-rates-to-525-percent"
    assert Event.objects.forwarded("bank-of-england-raises-interest-rates-to-525-percent").get() == renamed


def test_merging_into_an_event_whose_former_address_is_forwarded_keeps_one_chain(make_event):
    first, second, third = make_event("first"), make_event("second"), make_event("third")
    merge_events(second, [first])
    merge_events(third, [second])
    assert Event.objects.forwarded("first").get() == third
    assert Event.objects.forwarded("second").get() == third
