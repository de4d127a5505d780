"""The event page's framing views in a real browser, on the five seed
articles: who each outlet quotes, how each tells each claim and shifted
quotes, wide and on a phone, and readable with JavaScript off."""
import pytest

from tests.e2e.conftest import EVENT, shot

pytestmark = [pytest.mark.e2e]

PHONE_WIDTH = 390


def test_voices_charts_on_a_wide_screen(seeded_site, page):
    base, event = seeded_site
    page.goto(f"{base}/events/{EVENT}/")
    charts = page.locator(".voices-card svg.voices-chart")
    assert charts.count() == 5
    # Every chart is drawn at its full width, inside its card.
    for i in range(charts.count()):
        chart, card = charts.nth(i).bounding_box(), page.locator(".voices-card").nth(i).bounding_box()
        assert chart["width"] > 200 and chart["x"] + chart["width"] <= card["x"] + card["width"]
    assert page.locator(".matrix .stance").count() > 0
    shot(page, "event-voices", docs=True, at="#voices-h")


def test_voices_charts_fit_a_phone(seeded_site, phone_page):
    base, _ = seeded_site
    phone_page.goto(f"{base}/events/{EVENT}/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    chart = phone_page.locator("svg.voices-chart").first.bounding_box()
    assert chart["x"] >= 0 and chart["x"] + chart["width"] <= PHONE_WIDTH
    shot(phone_page, "event-voices-narrow", docs=True, at="#voices-h")


def test_voices_and_shifts_read_without_javascript(seeded_site, no_js_page):
    base, _ = seeded_site
    no_js_page.goto(f"{base}/events/{EVENT}/")
    summaries = no_js_page.locator(".voices-summary")
    assert summaries.count() == 5
    assert all(" quotes " in text for text in summaries.all_inner_texts())
    assert no_js_page.locator("#shifts-h").is_visible()
