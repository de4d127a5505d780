"""The site in a real browser, on the five seed articles.

Waits use locators and expect(), never wait_for_function() with a string:
that is evaluated in the page, which the site's Content-Security-Policy
(no 'unsafe-eval') rightly refuses.
"""
import re

import pytest
from django.db.models import Count
from playwright.sync_api import expect

from tests.e2e.conftest import EVENT, shot

pytestmark = [pytest.mark.e2e]


def quoted_speakers(event):
    from articles.models import Quote

    rows = (
        Quote.objects.filter(article__event=event, speaker__isnull=False)
        .values("speaker__slug", "speaker__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "speaker__name")
    )
    return list(rows)


def test_event_overview_then_filter_quotes_by_speaker_with_htmx(seeded_site, page):
    base, event = seeded_site
    page.goto(f"{base}/events/{EVENT}/")
    assert page.locator("h1").inner_text() == event.title
    assert page.locator(".headline-col").count() == 5
    assert page.locator("table.matrix").count() == 1 or "No claims" in page.content()
    shot(page, "event", docs=True)

    page.get_by_role("link", name="Quotes", exact=True).click()
    page.wait_for_url(re.compile(r"/quotes/$"))
    all_sections = page.locator(".speaker-section").count()
    assert all_sections > 1
    before = page.locator(".result-count").inner_text()

    page.evaluate("window.__marker = 'still here'")
    speaker = quoted_speakers(event)[0]
    page.select_option("#id_speaker", speaker["speaker__slug"])
    page.wait_for_url(re.compile(rf"speaker={speaker['speaker__slug']}"))
    expect(page.locator(".speaker-section")).to_have_count(1)
    assert page.evaluate("window.__marker") == "still here", "the filter reloaded the whole page"
    assert page.locator(".speaker-name").inner_text().startswith(speaker["speaker__name"])
    assert "outlet=" not in page.url and "q=" not in page.url  # empty fields left out
    shot(page, "quotes-filtered")

    page.go_back()
    page.wait_for_url(re.compile(r"/quotes/$"))
    expect(page.locator(".speaker-section")).to_have_count(all_sections)
    assert page.locator(".result-count").inner_text() == before
    assert page.locator("#id_speaker").input_value() == ""


def test_compare_two_articles(seeded_site, page):
    base, event = seeded_site
    page.goto(f"{base}/events/{EVENT}/compare/")
    assert page.locator("table.compare").count() == 0
    boxes = page.locator(".picker input[type=checkbox]")
    boxes.nth(0).check()
    page.wait_for_selector("#comparison .notice")  # one article: asks for a second
    boxes.nth(2).check()
    page.wait_for_selector("table.compare")
    assert page.locator("table.compare thead th").count() == 2
    assert re.search(r"a=\d+&a=\d+", page.url)
    assert page.locator("text=Everything else each article says").count() == 1
    assert page.locator("table.compare mark.hl-quote").count() > 0
    shot(page, "compare-wide")


def test_open_a_quote_group_and_see_the_wording_differences(seeded_site, page):
    from articles.models import QuoteGroup
    from coverage_site.queries import word_diff

    base, event = seeded_site
    groups = QuoteGroup.objects.filter(event=event).annotate(n=Count("quotes")).filter(n__gt=1)
    group = next(
        g for g in groups if any(op != "equal" for q in g.quotes.all() for op, _ in word_diff(g.label, q.text))
    )
    page.goto(f"{base}/events/{EVENT}/quotes/")
    link = page.locator(f"a[href='/events/{EVENT}/quotes/{group.pk}/']").first
    link.click()
    page.wait_for_url(re.compile(rf"/quotes/{group.pk}/$"))
    assert page.locator(".version").count() == group.quotes.count()
    assert page.locator(".version ins, .version del").count() > 0
    page.locator(".version summary").first.click()
    assert page.locator(".version details[open] mark.hl-quote").count() == 1
    shot(page, "quote-group")


def test_search_from_the_header_then_refine_with_htmx(seeded_site, page):
    base, _ = seeded_site
    page.goto(f"{base}/")
    page.fill("#site-q", "Iraqi security")
    page.press("#site-q", "Enter")
    page.wait_for_url(re.compile(r"/search/\?q=Iraqi"))
    assert page.locator("#sr-articles ~ .hit").count() > 0
    assert page.locator("#sr-quotes ~ .hit").count() > 0
    page.evaluate("window.__marker = 1")
    page.select_option("#id_kind", "quotes")
    page.wait_for_url(re.compile(r"kind=quotes"))
    expect(page.locator("#sr-articles")).to_have_count(0)
    assert page.evaluate("window.__marker") == 1
    shot(page, "search")


def test_reader_shows_highlights_and_raw_text_on_request(seeded_site, page):
    base, event = seeded_site
    article = event.articles.order_by("pk").first()
    page.goto(f"{base}{article.get_absolute_url()}")
    assert page.locator(".reader-body mark.hl-quote").count() > 0
    assert page.locator("#raw-text pre").count() == 0
    page.get_by_role("link", name="Show the raw scraped text").click()
    page.wait_for_selector("#raw-text pre")
    shot(page, "article")


def test_filters_work_without_javascript(seeded_site, no_js_page):
    base, event = seeded_site
    speaker = quoted_speakers(event)[-1]
    no_js_page.goto(f"{base}/events/{EVENT}/quotes/")
    no_js_page.select_option("#id_speaker", speaker["speaker__slug"])
    no_js_page.get_by_role("button", name="Filter").click()
    no_js_page.wait_for_url(re.compile(rf"speaker={speaker['speaker__slug']}"))
    assert no_js_page.locator(".speaker-section").count() == 1
    no_js_page.goto(f"{base}/claims/events/{EVENT}/")
    no_js_page.check("#id_discrepancies")
    no_js_page.get_by_role("button", name="Filter").click()
    no_js_page.wait_for_url(re.compile(r"discrepancies=on"))
    assert no_js_page.locator("article.claim:not(.claim-discrepancy)").count() == 0


def test_phone_width_has_no_horizontal_scroll(seeded_site, phone_page):
    base, event = seeded_site
    ids = list(event.articles.order_by("pk").values_list("pk", flat=True)[:3])
    for name, path in [
        ("event-phone", f"/events/{EVENT}/"),
        ("compare-phone", f"/events/{EVENT}/compare/?" + "&".join(f"a={pk}" for pk in ids)),
        ("quotes-phone", f"/events/{EVENT}/quotes/"),
    ]:
        phone_page.goto(base + path)
        overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} is {overflow}px wider than the screen"
        shot(phone_page, name)


def test_keyboard_users_can_skip_to_content(seeded_site, page):
    base, _ = seeded_site
    page.goto(f"{base}/events/{EVENT}/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.evaluate("el => el.getBoundingClientRect().top >= 0")
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
