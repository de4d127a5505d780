from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


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
