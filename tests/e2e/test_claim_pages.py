"""The claim views in a real browser, on the five seed articles: nothing
wider than a phone's screen, the coverage matrix's claim column in view
while it scrolls, and the screenshots in docs/screenshots/."""
import pytest
from django.db.models import Count
from django.urls import reverse

from claims.models import Claim, Evidence

from tests.e2e.conftest import EVENT, shot

pytestmark = [pytest.mark.e2e]

PHONE_WIDTH = 390
# Where each narrow screenshot starts: at the evidence, past the filters and picker.
NARROW_SHOT_AT = {"claims": ".result-count", "claim": "#ev-h", "compare": "#comparison"}


def claim_views(event):
    """(name, path) of the claims list, the claim most outlets report, and
    a comparison of two articles that give one fact different values."""
    claim = (
        Claim.objects.public()
        .filter(event=event)
        .annotate(n=Count("evidence__article__outlet", distinct=True))
        .order_by("-discrepancy", "-n", "pk")
        .first()
    )
    pair = []
    for item in Evidence.objects.filter(claim=claim).exclude(value="").exclude(value=None).order_by("article_id"):
        if not pair or (item.value.casefold() != pair[0].value.casefold() and item.article_id != pair[0].article_id):
            pair.append(item)
        if len(pair) == 2:
            break
    ids = [e.article_id for e in pair] if len(pair) == 2 else list(event.articles.values_list("pk", flat=True)[:2])
    return [
        ("claims", reverse("claims:event_claims", args=[EVENT])),
        ("claim", claim.get_absolute_url()),
        ("compare", reverse("articles:compare", args=[EVENT]) + f"?a={ids[0]}&a={ids[1]}"),
    ]


def test_claim_views_have_no_horizontal_scroll_on_a_phone(seeded_site, phone_page):
    base, event = seeded_site
    for name, path in claim_views(event):
        phone_page.goto(base + path)
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE_WIDTH, f"{path} is {width}px wide"
        shot(phone_page, f"{name}-narrow", docs=True, at=NARROW_SHOT_AT[name])


def test_claim_views_on_a_wide_screen(seeded_site, page):
    base, event = seeded_site
    for name, path in claim_views(event):
        page.goto(base + path)
        assert page.locator("h1").count() == 1
        shot(page, name, docs=True, at="#comparison" if name == "compare" else None)


def test_compare_summary_links_jump_to_their_rows(seeded_site, page):
    base, event = seeded_site
    page.goto(base + dict(claim_views(event))["compare"])
    links = page.locator(".compare-summary a")
    assert links.count() > 0
    target = links.first.get_attribute("href")
    links.first.click()
    assert page.url.endswith(target)
    assert page.locator(target).is_visible()


def test_matrix_claim_column_and_header_stay_visible_when_scrolled(seeded_site, phone_page):
    base, _ = seeded_site
    phone_page.goto(base + reverse("articles:event", args=[EVENT]))
    box = phone_page.locator(".matrix-scroll")
    box.scroll_into_view_if_needed()
    first_cell = phone_page.locator(".matrix tbody th[scope=row]").first
    header = phone_page.locator(".matrix thead th").nth(1)
    before = first_cell.bounding_box()
    box.evaluate("element => { element.scrollLeft = element.scrollWidth; element.scrollTop = 120; }")
    after = first_cell.bounding_box()
    frame = box.bounding_box()
    assert box.evaluate("element => element.scrollLeft") > 0, "the matrix should be wider than a phone"
    assert abs(after["x"] - before["x"]) < 1 and after["x"] >= frame["x"] - 1
    assert abs(header.bounding_box()["y"] - frame["y"]) < 2
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
