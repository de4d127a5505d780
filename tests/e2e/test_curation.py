"""A curator (in the curators group, not a superuser) works on the seed
event's claims in the admin, in a real browser: moves a piece of evidence,
splits a claim, merges two into the one they choose, confirms one, and
finds each action in the History under their name."""
import re

import pytest

from tests.claims.storm import curators_group
from django.contrib.auth.models import User
from django.db.models import Count
from playwright.sync_api import expect

from claims.models import Claim
from tests.e2e.conftest import shot

pytestmark = [pytest.mark.e2e]

PASSWORD = "a curator's long passphrase"


@pytest.fixture
def curator(seeded_site, django_db_serialized_rollback):
    # Serialized rollback: a browser test flushes the database after it, and
    # the curators group comes from a migration; it must be there, as made.
    user = User.objects.create_user("rosa", password=PASSWORD, is_staff=True, first_name="Rosa", last_name="Tan")
    user.groups.add(curators_group())
    return user


def log_in(page, base):
    page.goto(f"{base}/admin/login/?next=/admin/")
    page.fill("#id_username", "rosa")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))


def claims_by_size(event):
    """The event's claims, those with the most evidence first."""
    return list(
        Claim.objects.filter(event=event).annotate(n=Count("evidence")).filter(n__gte=2).order_by("-n", "pk")
    )


def run_action(page, base, event, name, ids, note=""):
    page.goto(f"{base}/admin/claims/claim/?event__id__exact={event.pk}&o=1")
    for pk in ids:
        page.check(f"input[name=_selected_action][value='{pk}']")
    page.select_option("select[name=action]", name)
    if note:
        page.fill("input[name=note]", note)
        shot(page, "admin-claims")
    page.click("button[name=index]")


def test_a_curator_moves_splits_merges_and_confirms(seeded_site, curator, page, phone_page):
    base, event = seeded_site
    big = claims_by_size(event)
    assert len(big) >= 5, "the seeds should give several claims with two or more sentences"
    source, receiver, to_split, merge_a, merge_b = big[:5]
    keep, merged = max(merge_a, merge_b, key=lambda c: c.pk), min(merge_a, merge_b, key=lambda c: c.pk)
    log_in(page, base)

    # Move the first sentence of one claim to another claim of the event.
    page.goto(f"{base}/admin/claims/claim/{source.pk}/change/")
    first = page.locator("#evidence-group tr.form-row").first
    moving = first.locator("td.field-in_context mark").inner_text()
    first.locator("select[name$=move_to]").select_option(str(receiver.pk))
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text(f"Moved 1 evidence to claim #{receiver.pk}")
    assert receiver.evidence.filter(excerpt=moving).exists()
    # Tall enough for the README's picture to hold the statement and its evidence.
    page.set_viewport_size({"width": 1280, "height": 1400})
    shot(page, "admin-claim", docs=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    # Add a sentence picked from the event's articles, found by a word in it.
    page.get_by_role("link", name="Add evidence", exact=True).click()
    page.fill("#sentence-q", "Maliki")
    page.click(".sentence-search input[type=submit]")
    offered = page.locator("input[name=sentence]")
    assert offered.count() > 0
    picked = offered.first.locator("xpath=..").inner_text().strip()
    offered.first.check()
    shot(page, "admin-sentences")
    page.click("input[type=submit][value='Add the ticked sentences']")
    expect(page.locator(".messagelist")).to_contain_text("Added 1 evidence")
    assert source.evidence.filter(excerpt=picked.split(" (evidence of claim")[0]).exists()

    # Split a sentence off another claim into a new claim.
    page.goto(f"{base}/admin/claims/claim/{to_split.pk}/change/")
    row = page.locator("#evidence-group tr.form-row").nth(1)
    splitting = row.locator("td.field-in_context mark").inner_text()
    row.locator("select[name$=move_to]").select_option("new")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("Split 1 evidence into new claim #")
    # A sentence may stand in several claims: the new one is the newest holding it.
    new = Claim.objects.filter(evidence__excerpt=splitting, event=event, pk__gt=to_split.pk, curated=True).latest("pk")

    # Merge two claims, keeping the higher-numbered one.
    run_action(page, base, event, "merge", [merged.pk, keep.pk])
    expect(page.locator("h1")).to_have_text("Merge claims")
    shot(page, "admin-merge")
    page.check(f"input[name=target][value='{keep.pk}']")
    page.click("input[type=submit][value=Merge]")
    expect(page.locator(".messagelist")).to_contain_text(f"Merged 1 claim(s) into claim #{keep.pk}")

    # Confirm the claim kept, with a note.
    run_action(page, base, event, "confirm", [keep.pk], note="Read against all five stories.")
    expect(page.locator(".messagelist")).to_contain_text("1 claim(s) confirmed")

    keep.refresh_from_db()
    merged.refresh_from_db()
    assert keep.status == "confirmed" and merged.merged_into_id == keep.pk
    assert Claim.objects.resolve(merged.pk) == keep

    # The History: the claim's own, and the event's recent curation.
    page.goto(f"{base}/admin/claims/claim/{keep.pk}/history/")
    history = page.locator("#change-history").inner_text()
    assert "rosa (Rosa Tan)" in history
    assert f"Merged into this claim: claim #{merged.pk}" in history
    assert "Confirmed (was candidate). Note: Read against all five stories." in history

    page.goto(f"{base}/admin/articles/event/{event.pk}/change/")
    page.get_by_role("link", name="Recent curation").click()
    rows = page.locator("#change-history tbody tr")
    expect(rows.first).to_contain_text("rosa")
    log = page.locator("#change-history").inner_text()
    for done in (
        f"Moved evidence to claim #{receiver.pk}",
        f"Moved evidence here from claim #{source.pk}",
        "Added evidence: ",
        f"Split into new claim #{new.pk}",
        f"Split from claim #{to_split.pk}",
        f"Merged into claim #{keep.pk}",
        "Confirmed (was candidate)",
    ):
        assert done in log, done
    assert log.count("rosa (Rosa Tan)") == rows.count() == 8

    # The same claim page on a phone: no sideways scrolling.
    log_in(phone_page, base)
    phone_page.goto(f"{base}/admin/claims/claim/{receiver.pk}/change/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the claim page is {width}px wide on a 390px screen"
    shot(phone_page, "admin-claim-narrow", docs=True, at="#evidence-group")
