import json
import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT_DIR = Path(__file__).resolve().parent.parent
SEEDS = ROOT_DIR / "seeds"
DATA = Path(__file__).resolve().parent / "data"
# The hand-made answer keys for the seeds: metadata, quotes and people, and
# the exhaustive fact key.
GOLD = DATA / "seeds.json"
FACTS = DATA / "seeds-facts.json"
# The development set (real coverage, BASIL) is used for evaluation only and
# is not shipped with the project: tests that need it read it beside the
# project folder, as CI has it.
DEVSET = SEEDS.parent.parent / "shared" / "devset" / "basil"
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
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def facts_key():
    return json.loads(FACTS.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def devset():
    """The development set's folder; tests that need it skip without it."""
    if not (DEVSET / "key.json").is_file():
        pytest.skip(f"needs the development set at {DEVSET} (shared/devset beside the project folder)")
    return DEVSET


def seed_body(name, gold):
    """A seed's body as the reader would clean it: clutter and repeats dropped."""
    meta = next(a for a in gold["articles"] if a["file"] == name)
    drop = {line.strip() for line in meta.get("noise_lines", []) + meta.get("metadata_lines", [])}
    seen, paragraphs = set(), []
    for line in (SEEDS / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line in drop or line in seen:
            continue
        seen.add(line)
        paragraphs.append(line)
    return "\n\n".join(paragraphs)


@pytest.fixture(scope="session")
def seed_bodies(gold):
    return {a["file"]: seed_body(a["file"], gold) for a in gold["articles"]}


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
