"""Every write that changes what an event's pages show moves the event's
``changed_at`` on (articles.freshness), so no cached page outlives it: single
saves through the receivers, and each service and admin action that writes
in bulk through touch_events."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Event, Person, Quote
from articles.services import group_event_quotes, merge_people
from claims.models import Claim, Evidence
from claims.curation import merge_claims, split_evidence
from claims.services import analyse_event
from tests.claims.storm import make_staff
from tests.e2e.factories import build_event

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - timedelta(days=30)


@pytest.fixture
def event():
    event, _ = build_event(3)
    Event.objects.filter(pk=event.pk).update(changed_at=LONG_AGO)
    return event


def moved_on(event) -> bool:
    return Event.objects.get(pk=event.pk).changed_at > LONG_AGO


def test_a_single_save_of_a_claim_or_evidence_moves_the_event_on(event):
    claim = event.claims.first()
    claim.statement = "Edited."
    claim.save()
    assert moved_on(event)
    Event.objects.filter(pk=event.pk).update(changed_at=LONG_AGO)
    Evidence.objects.filter(claim__event=event).first().delete()
    assert moved_on(event)


def test_a_quote_saved_or_a_person_renamed_moves_the_event_on(event):
    quote = Quote.objects.filter(article__event=event).first()
    quote.text = quote.text
    quote.save()
    assert moved_on(event)
    Event.objects.filter(pk=event.pk).update(changed_at=LONG_AGO)
    person = Person.objects.get(slug="bo-minister")
    person.name = "Bo Ministre"
    person.save()
    assert moved_on(event)


def first_two_claims(event):
    """(a claim, [another]) of the event: merge_claims's arguments."""
    target, other = Claim.objects.filter(event=event).order_by("pk")[:2]
    return target, [other]


@pytest.mark.parametrize(
    "service",
    [
        pytest.param(lambda e: merge_people(Person.objects.get(slug="ada-envoy"), [Person.objects.get(slug="bo-minister")]), id="merge_people"),
        pytest.param(group_event_quotes, id="group_event_quotes"),
        pytest.param(lambda e: analyse_event(e, drafts=[]), id="analyse_event"),
        pytest.param(lambda e: merge_claims(*first_two_claims(e), user=make_staff("rosa")), id="merge_claims"),
        pytest.param(
            lambda e: split_evidence(list(Evidence.objects.filter(claim=Claim.objects.filter(event=e).order_by("pk")[0])[:1]), user=make_staff("rosa")),
            id="split_evidence",
        ),
    ],
)
def test_each_service_moves_the_event_on(event, service):
    service(event)
    assert moved_on(event)


@pytest.mark.parametrize("action", ["confirm", "reject", "dispute", "merge"])
def test_each_claim_admin_action_moves_the_event_on(event, admin_client, action):
    ids = list(Claim.objects.filter(event=event).values_list("pk", flat=True))
    form = {"action": action, "_selected_action": ids}
    if action == "merge":
        form["target"] = ids[0]  # the claim the curator chose to keep
    response = admin_client.post(reverse("admin:claims_claim_changelist"), form)
    assert response.status_code == 302
    assert moved_on(event)


def test_the_evidence_split_action_moves_the_event_on(event, admin_client):
    claim = Claim.objects.filter(event=event).order_by("pk").first()
    pk = claim.evidence.order_by("pk").values_list("pk", flat=True).first()
    response = admin_client.post(
        reverse("admin:claims_evidence_changelist"), {"action": "split", "_selected_action": [pk]}
    )
    assert response.status_code == 302
    assert moved_on(event)


def test_the_people_merge_action_moves_the_event_on(event, admin_client):
    people = Person.objects.filter(slug__in=["ada-envoy", "bo-minister"])
    target = people.get(slug="ada-envoy")
    response = admin_client.post(
        reverse("admin:articles_person_changelist"),
        {"action": "merge", "_selected_action": [p.pk for p in people], "target": target.pk},
    )
    assert response.status_code == 302
    assert moved_on(event)
