"""Every page of an event answers at the event's former addresses with a
permanent redirect to the same page at its address now."""
import pytest
from django.urls import reverse

from articles.services import forward_slugs, merge_events
from tests.e2e.factories import build_event, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    event, _ = build_event(2)
    forward_slugs({"old-summit": event.pk})
    return event


EVENT_PAGES = [
    ("articles:event", {}),
    ("articles:event_quotes", {}),
    ("articles:compare", {}),
    ("articles:download_json", {}),
    ("articles:download_quotes", {}),
    ("articles:download_claims", {}),
    ("claims:event_claims", {}),
]


@pytest.mark.parametrize("name, kwargs", EVENT_PAGES)
def test_each_event_page_at_a_former_address_moves_permanently_to_the_same_page(client, event, name, kwargs):
    response = client.get(reverse(name, kwargs={"slug": "old-summit", **kwargs}) + "?page=2&outlet=outlet-0")
    assert response.status_code == 301
    assert response["Location"] == reverse(name, kwargs={"slug": "summit", **kwargs}) + "?page=2&outlet=outlet-0"


def test_a_quote_group_at_a_former_address_moves_to_the_same_group(client, event):
    group = event.quote_groups.get()
    response = client.get(reverse("articles:quote_group", args=["old-summit", group.pk]))
    assert response.status_code == 301
    assert response["Location"] == reverse("articles:quote_group", args=["summit", group.pk])


def test_the_redirect_ends_on_the_event_page(client, event):
    response = client.get("/events/old-summit/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [("/events/summit/", 301)]
    assert response.context["event"] == event


def test_a_merged_events_pages_lead_to_the_event_it_went_into(client, event):
    other = make_event(slug="summit-day-two", title="Second day of the summit")
    merge_events(event, [other])
    response = client.get("/events/summit-day-two/compare/")
    assert response.status_code == 301 and response["Location"] == "/events/summit/compare/"


def test_an_unknown_slug_is_still_a_404_at_one_more_query(client, event, django_assert_num_queries):
    # The page's own lookup, then the former addresses': only a 404 pays for it.
    with django_assert_num_queries(2):
        response = client.get("/events/no-such-event/")
    assert response.status_code == 404


def test_a_missing_page_of_a_live_event_is_a_404_not_a_redirect(client, event):
    # A live event holds "summit": a stale forwarding of it must not send
    # its missing pages elsewhere.
    other = make_event(slug="elsewhere", title="Elsewhere")
    forward_slugs({"summit": other.pk})
    assert client.get("/events/summit/?page=99").status_code == 404
    assert client.get("/events/summit/quotes/999999/").status_code == 404


def test_other_pages_with_a_slug_are_not_redirected(client, event):
    forward_slugs({"nobody": event.pk})
    assert client.get("/outlets/nobody/").status_code == 404
    assert client.get("/people/nobody/").status_code == 404
