import json
import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# The hand-made answer key for the seeds, beside the project folder.
GOLD = SEEDS.parent.parent / "shared" / "gold" / "seeds.json"
CHROMIUM = Path("/usr/bin/chromium")  # Debian's package; never a downloaded browser
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def gold():
    if not GOLD.is_file():
        pytest.skip(f"answer key {GOLD} is absent")
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def nlp():
    """The project's spaCy pipeline, loaded once for the whole test session."""
    from articles.nlp import get_nlp

    return get_nlp()


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (cached overviews, login counts)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def seeds_dir():
    return SEEDS


def run_ingest(*args):
    """Run ``ingest``; returns (exit status, stdout, stderr) as a shell would see them."""
    out, err = StringIO(), StringIO()
    status = 0
    try:
        call_command("ingest", *map(str, args), stdout=out, stderr=err)
    except SystemExit as exc:
        status = exc.code
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def seeded(db, nlp):
    """The five seed articles imported into one event, "talks"."""
    status, out, err = run_ingest(SEEDS, "--event", "talks")
    assert status == 0, err
    from articles.models import Event

    return Event.objects.get(slug="talks")


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every browser test of the session: Playwright's
    sync API allows one running instance per thread."""
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # The sync API runs an event loop in this thread, where live_server's
    # database work also happens; Django refuses that unless told otherwise.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
