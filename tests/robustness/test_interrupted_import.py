"""An import stopped after storing its articles, before its events were
analysed, is finished by the next import, whatever that one imports."""
import pytest
from django.conf import settings

from articles.importing import ImportRun
from articles.models import Event, QuoteGroup
from claims.models import Claim
from tests.conftest import SEEDS, run_ingest

pytestmark = pytest.mark.django_db


def _run(**options):
    return ImportRun(max_bytes=settings.INGEST_MAX_BYTES, model_name=settings.SPACY_MODEL, **options)


def _state():
    return (
        sorted(Event.objects.values_list("slug", "analysis_pending")),
        QuoteGroup.objects.count(),
        sorted(Claim.objects.values_list("statement", flat=True)),
    )


def test_the_next_import_finishes_what_a_killed_one_left(nlp):
    run = _run(event_slug="talks").run([str(SEEDS)])
    stored = [next(run) for _ in range(5)]  # every article stored; then the process "dies"
    assert [o.kind for o in stored] == ["imported"] * 5
    assert Event.objects.get().analysis_pending and not Claim.objects.exists()

    status, out, err = run_ingest(SEEDS)  # nothing new to import
    assert status == 0 and "imported 0, skipped 5, failed 0" in out
    finished = _state()
    assert finished[0] == [("talks", False)] and finished[1] and finished[2]

    Event.objects.all().delete()
    assert run_ingest(SEEDS, "--event", "talks")[0] == 0
    assert _state() == finished  # the same as an import that was never interrupted


def test_a_slug_taken_between_check_and_insert_is_chosen_again(nlp, monkeypatch):
    """Another import may take the slug this one chose before it inserts:
    the article is stored on the next attempt, not failed."""
    from articles import services

    Event.objects.create(slug="taken", title="Another story")
    real, calls = services.unique_slug, []

    def racing(model, text, **kw):
        calls.append(model)
        return "taken" if len(calls) == 1 and model is Event else real(model, text, **kw)

    monkeypatch.setattr(services, "unique_slug", racing)
    first = sorted(SEEDS.glob("*.txt"))[0]
    status, out, err = run_ingest(first)
    assert (status, err) == (0, "") and "imported 1, skipped 0, failed 0" in out
    assert Event.objects.count() == 2
