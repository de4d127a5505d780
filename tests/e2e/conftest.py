"""Browser tests: the real site served by live_server, driven by Debian's
Chromium through Playwright's sync API.

Playwright's sync API runs an event loop in this thread, and live_server's
database work happens here too; Django refuses that unless told otherwise.
"""
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.conftest import CHROMIUM

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
ARTIFACTS = ROOT / "test-artifacts"
DOCS_SCREENSHOTS = ROOT / "docs" / "screenshots"
EVENT = "us-iran-talks"


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def _static_root(tmp_path_factory):
    # WhiteNoise warns (an error here) when collectstatic has not run. The
    # live server builds its handler once per session, so set this before it.
    from django.conf import settings

    before = settings.STATIC_ROOT
    settings.STATIC_ROOT = str(tmp_path_factory.mktemp("static"))
    yield
    settings.STATIC_ROOT = before


@pytest.fixture
def console_errors():
    return []


def _watch(page, errors):
    page.on(
        "console",
        lambda message: errors.append(f"{message.text} ({message.location.get('url')}, {page.url})")
        if message.type == "error"
        else None,
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_default_timeout(10_000)
    return page


@pytest.fixture
def page(browser, console_errors):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield _watch(context.new_page(), console_errors)
    context.close()
    assert console_errors == [], f"console errors: {console_errors}"


@pytest.fixture
def phone_page(browser, console_errors):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    yield _watch(context.new_page(), console_errors)
    context.close()
    assert console_errors == [], f"console errors: {console_errors}"


@pytest.fixture
def no_js_page(browser, console_errors):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    yield _watch(context.new_page(), console_errors)
    context.close()


@pytest.fixture
def seeded_site(transactional_db, live_server):
    """The five seed articles imported with the ingest command; returns the
    live server's base URL and the event."""
    from articles.models import Event

    call_command("ingest", str(SEEDS), "--event", EVENT, "--event-title", "US-Iran talks in Baghdad",
                 stdout=StringIO(), stderr=StringIO())
    event = Event.objects.get(slug=EVENT)
    assert event.articles.count() == 5, "ingest should import the five seed articles"
    return live_server.url, event


def shot(page, name, *, docs=False, at=None):
    """Save a full-page screenshot under test-artifacts/ (and the screen at
    ``at``, or the top, under docs/screenshots/)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    if docs:
        # The README shows what a visitor sees first, not the whole page.
        DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.evaluate("window.scrollTo(0, 0)")
        if at:
            page.locator(at).evaluate("element => element.scrollIntoView()")
            page.evaluate("window.scrollBy(0, -16)")
        page.screenshot(path=str(DOCS_SCREENSHOTS / f"{name}.png"))
    return path
