"""Curation in the admin: a curator confirms, merges and splits claims."""
import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from claims.models import Claim, Evidence
from claims.services import analyse_event

pytestmark = pytest.mark.django_db

AFP = (
    "The storm killed at least 12 people in the coastal city of Porto Vale on Sunday, officials said.\n\n"
    "Mayor Ana Ribeiro said 300 homes had been flooded by the river.\n\n"
    "The national weather service had issued a red warning two days before the storm."
)
REUTERS = (
    "At least 12 people were killed when the storm struck the coastal city of Porto Vale on Sunday.\n\n"
    "About 300 homes were flooded after the river burst its banks, Mayor Ana Ribeiro said.\n\n"
    "Schools in the region will stay closed until Wednesday."
)


@pytest.fixture
def curator(client):
    user = User.objects.create_user("cura", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="curators"))
    client.force_login(user)
    return user


@pytest.fixture
def event(make_article):
    a = make_article(AFP, outlet="AFP", event="storm")
    make_article(REUTERS, outlet="Reuters", event=a.event)
    analyse_event(a.event)
    return a.event


def _action(client, model, action, ids):
    url = reverse(f"admin:claims_{model}_changelist")
    return client.post(url, {"action": action, "_selected_action": [str(i) for i in ids]}, follow=True)


def test_analysis_finds_the_shared_facts(event):
    claims = list(Claim.objects.filter(event=event).prefetch_related("evidence"))
    assert len(claims) >= 2
    assert all(c.evidence.count() == 2 for c in claims)


def test_a_curator_confirms_and_rejects(client, curator, event):
    first, second = Claim.objects.filter(event=event)[:2]
    assert _action(client, "claim", "confirm", [first.pk]).status_code == 200
    assert _action(client, "claim", "reject", [second.pk]).status_code == 200
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Claim.Status.CONFIRMED
    assert second.status == Claim.Status.REJECTED


def test_a_curator_merges_and_splits_and_reanalysis_keeps_it(client, curator, event):
    a, b = Claim.objects.filter(event=event)[:2]
    _action(client, "claim", "merge", [a.pk, b.pk])
    assert not Claim.objects.filter(pk=b.pk).exists()
    merged = Claim.objects.get(pk=a.pk)
    assert merged.curated and merged.evidence.count() == 4

    moved = list(merged.evidence.order_by("id")[:1].values_list("pk", flat=True))
    _action(client, "evidence", "split", moved)
    new = Claim.objects.exclude(pk=merged.pk).get(evidence__pk=moved[0])
    assert new.curated and merged.evidence.count() == 3

    url = reverse("admin:claims_claim_change", args=[merged.pk])
    page = client.get(url)
    assert page.status_code == 200
    before = {
        c.pk: (c.statement, c.status, sorted(c.evidence.values_list("article_id", "start", "end")))
        for c in Claim.objects.curated()
    }
    analyse_event(event)
    analyse_event(event)
    after = {
        c.pk: (c.statement, c.status, sorted(c.evidence.values_list("article_id", "start", "end")))
        for c in Claim.objects.curated()
    }
    assert after == before
    # The merged evidence is not offered again as a fresh candidate.
    spans = [s for _, _, spans in before.values() for s in spans]
    fresh = Evidence.objects.filter(claim__in=Claim.objects.uncurated())
    assert not [e for e in fresh if (e.article_id, e.start, e.end) in spans] or Claim.objects.uncurated().count() <= 1


def test_an_edited_statement_survives_reanalysis(client, curator, event):
    claim = Claim.objects.filter(event=event).first()
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    data = {
        "event": event.pk, "statement": "Twelve people died in the storm.", "status": "candidate",
        "discrepancy_note": "",
        "evidence-TOTAL_FORMS": "0", "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0", "evidence-MAX_NUM_FORMS": "1000",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    analyse_event(event)
    claim.refresh_from_db()
    assert claim.curated and claim.statement == "Twelve people died in the storm."


# OutletAdmin builds a URLField form field, which warns about Django 6's
# default scheme; that is the outlet admin's to settle, not this test's.
@pytest.mark.filterwarnings("ignore:The default scheme will be changed")
def test_a_curator_cannot_open_the_user_admin(client, curator):
    response = client.get(reverse("admin:auth_user_changelist"))
    assert response.status_code in (302, 403)
    assert client.get(reverse("admin:articles_person_changelist")).status_code == 200
    assert client.get(reverse("admin:articles_outlet_changelist")).status_code == 200


def test_claim_changelist_queries(client, curator, event, django_assert_num_queries):
    url = reverse("admin:claims_claim_changelist")
    # session, user, permissions, count, page of claims with event and evidence count, filters
    with django_assert_num_queries(7):
        response = client.get(url, {"status": "candidate"})
    assert response.status_code == 200


def test_claim_change_form_queries(client, curator, event, django_assert_max_num_queries):
    claim = Claim.objects.filter(event=event).first()
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    assert claim.statement[:30] in response.content.decode()


def test_evidence_changelist_queries(client, curator, event, django_assert_num_queries):
    with django_assert_num_queries(8):
        response = client.get(reverse("admin:claims_evidence_changelist"))
    assert response.status_code == 200
