import pytest
from django.urls import reverse

from articles.models import Article, Event, Outlet, Person, PersonAlias, Quote
from articles.services import add_aliases
from tests.conftest import run_ingest

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", [Event, Outlet, Article, Person, Quote])
def test_each_changelist_and_change_form_opens(seeded, admin_client, model, django_assert_max_num_queries):
    opts = model._meta
    with django_assert_max_num_queries(12):
        response = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert response.status_code == 200
    obj = model.objects.first()
    with django_assert_max_num_queries(40):
        response = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
    assert response.status_code == 200


def test_changelist_query_count_does_not_grow_with_rows(admin_client, django_assert_num_queries):
    event = Event.objects.create(slug="e", title="E")
    outlet = Outlet.objects.create(name="Wire", slug="wire")

    def add(n):
        for i in range(n):
            Article.objects.create(
                event=event, outlet=outlet, source=f"{i}.txt", raw_text="x", body="x",
                headline=f"H{i}", content_hash=f"{Article.objects.count()}-{i}",
            )

    url = reverse("admin:articles_article_changelist")
    add(2)
    admin_client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        admin_client.get(url)
    add(20)
    with CaptureQueriesContext(connection) as large:
        admin_client.get(url)
    assert len(large) == len(small)


def test_merging_people_moves_quotes_and_names(admin_client):
    event = Event.objects.create(slug="e", title="E")
    outlet = Outlet.objects.create(name="Wire", slug="wire")
    article = Article.objects.create(
        event=event, outlet=outlet, source="a.txt", raw_text="x", body="“Hello,” said Bob.",
        headline="H", content_hash="h1",
    )
    keep = Person.objects.create(name="Robert Smith", slug="robert-smith")
    other = Person.objects.create(name="Bob Smyth", slug="bob-smyth")
    add_aliases(other, ["Bob Smyth", "Mr. Smyth"])
    Quote.objects.create(article=article, speaker=other, text="Hello", kind="direct", start=1, end=6)

    url = reverse("admin:articles_person_changelist")
    data = {"action": "merge", "_selected_action": [keep.pk, other.pk]}
    asked = admin_client.post(url, data)
    assert asked.status_code == 200 and b"Keep as" in asked.content
    done = admin_client.post(url, {**data, "target": keep.pk})
    assert done.status_code == 302
    assert not Person.objects.filter(pk=other.pk).exists()
    assert Quote.objects.get().speaker == keep
    assert {"Bob Smyth", "Mr. Smyth"} <= set(PersonAlias.objects.filter(person=keep).values_list("name", flat=True))


def test_a_merge_survives_importing_more_articles(seeded, tmp_path):
    """After a curator merges two people, new articles naming either land on the merged one."""
    crocker = Person.objects.filter(aliases__name="Ryan Crocker").distinct().get()
    stray = Person.objects.create(name="R. C. Crocker-Smythe", slug="stray")
    from articles.services import merge_people

    merge_people(crocker, [stray])
    story = (
        "WASHINGTON (Reuters) - The US envoy met officials on Tuesday.\n\n"
        "\u201cWe had a frank exchange,\u201d Ryan Crocker told reporters after the meeting.\n\n"
        "R. C. Crocker-Smythe was not available for comment.\n"
    )
    path = tmp_path / "story.txt"
    path.write_text(story)
    status, out, err = run_ingest(path, "--event", "talks")
    assert status == 0, err
    assert Person.objects.filter(aliases__name="Ryan Crocker").distinct().count() == 1
    assert Quote.objects.filter(text="We had a frank exchange").get().speaker == crocker
