"""The steps of a queued import, run in this process in the orders a fleet
of workers could run them: the database ends as a one-process import
leaves it, and a repeated or abandoned step stores nothing twice."""
import random

import pytest
from django.conf import settings

from articles import queued
from articles.models import Article, Event, FailedImport, QueuedArticle, QueuedRun
from articles.sources import Failure, read_sources
from tests.conftest import SEEDS
from tests.queue.snapshot import clear, import_in_one_process, snapshot

State = QueuedArticle.State


def queue_run(paths, **kwargs):
    sources = [s for s in read_sources([str(p) for p in paths], max_bytes=settings.INGEST_MAX_BYTES)
               if not isinstance(s, Failure)]
    return queued.create_run(sources, **kwargs)


def work_through(run, nlp, *, seed, batch=2):
    """Analyse the run's batches in a shuffled order, one batch twice, draining
    after each as the tasks do; then finish each event (one twice)."""
    batches = [list(range(i, min(i + batch, run.total))) for i in range(0, run.total, batch)]
    order = batches + [batches[0]]
    random.Random(seed).shuffle(order)
    finishing = []
    for seqs in order:
        queued.analyse(run.pk, seqs, nlp, worker="test:1")
        finishing += queued.drain(run.pk)
    assert finishing, "the run's last store names the events to finish"
    for event_id in finishing + finishing[:1]:
        queued.finish_event(run.pk, event_id)


@pytest.fixture
def articles(devset):
    """The seeds and the first four events of the development set."""
    events = sorted({p.name.split("_")[0] for p in (devset / "articles").iterdir()})[:4]
    return sorted(SEEDS.glob("*.txt")) + sorted(
        p for p in (devset / "articles").iterdir() if p.name.split("_")[0] in events
    )


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2])
def test_it_stores_what_a_one_process_import_stores(articles, nlp, seed):
    assert set(import_in_one_process(articles)) == {"imported"}
    expected = snapshot()
    clear()

    run = queue_run(articles)
    work_through(run, nlp, seed=seed)

    assert snapshot() == expected
    assert set(QueuedArticle.objects.filter(run=run).values_list("state", "finished")) == {(State.IMPORTED, True)}
    assert QueuedRun.objects.get(pk=run.pk).next_seq == run.total


@pytest.mark.django_db
def test_it_skips_what_another_import_stored_meanwhile(nlp):
    seeds = sorted(SEEDS.glob("*.txt"))
    run = queue_run(seeds)
    import_in_one_process(seeds[:2])
    work_through(run, nlp, seed=3)
    states = list(QueuedArticle.objects.filter(run=run).values_list("state", flat=True))
    assert states == [State.SKIPPED] * 2 + [State.IMPORTED] * 3
    assert Article.objects.count() == 5


@pytest.mark.django_db
def test_it_waits_for_earlier_articles_before_storing(nlp):
    run = queue_run(sorted(SEEDS.glob("*.txt")))
    queued.analyse(run.pk, [3, 4], nlp)
    assert queued.drain(run.pk) == []
    assert Article.objects.count() == 0
    queued.analyse(run.pk, [0, 1, 2], nlp)
    assert queued.drain(run.pk)
    assert list(Article.objects.order_by("id").values_list("source", flat=True)) == [
        p.name for p in sorted(SEEDS.glob("*.txt"))
    ]


@pytest.mark.django_db
def test_an_article_whose_worker_keeps_dying_goes_to_the_dead_letter_record(nlp):
    run = queue_run(sorted(SEEDS.glob("*.txt"))[:2])
    # Each attempt that never ended (the worker was killed) still counts.
    QueuedArticle.objects.filter(run=run, seq=0).update(attempts=queued.MAX_ATTEMPTS)
    queued.analyse(run.pk, [0, 1], nlp)
    assert queued.drain(run.pk)
    failed = FailedImport.objects.get()
    assert failed.run_id == run.pk and failed.path.endswith(sorted(SEEDS.glob("*.txt"))[0].name)
    assert "tried 3 times without finishing" in failed.reason
    assert list(QueuedArticle.objects.filter(run=run).values_list("state", flat=True)) == [State.FAILED, State.IMPORTED]
    # A late redelivery of the same task changes nothing.
    queued.analyse(run.pk, [0, 1], nlp)
    queued.give_up(run.pk, [0, 1], "out of retries")
    assert FailedImport.objects.count() == 1 and Article.objects.count() == 1


@pytest.mark.django_db
def test_an_unreadable_article_is_recorded_once_and_passed_over(nlp, tmp_path):
    bad = tmp_path / "a-empty.html"
    bad.write_text("<html><body><nav>Menu</nav></body></html>", encoding="utf-8")
    good = tmp_path / "b-good.txt"
    good.write_text(sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8"), encoding="utf-8")
    run = queue_run([bad, good])
    queued.analyse(run.pk, [0, 1], nlp)
    queued.analyse(run.pk, [0, 1], nlp)
    assert queued.drain(run.pk)
    assert FailedImport.objects.get().path == str(bad)
    assert Article.objects.get().source == "b-good.txt"


@pytest.mark.django_db
def test_a_worker_does_not_file_articles_into_events_deleted_since_its_last_run(nlp, tmp_path):
    seeds = sorted(SEEDS.glob("*.txt"))
    work_through(queue_run(seeds), nlp, seed=4)
    other = tmp_path / "council.txt"
    other.write_text(
        "Council approves harbour budget\n\nPORTSMOUTH, England (Reuters) - The city council approved a "
        "harbour budget of 12 million pounds on Tuesday, its leader Margaret Hale said.\n\n"
        '"The harbour needs it," Hale told reporters.\n',
        encoding="utf-8",
    )
    import_in_one_process([other])
    # A curator removes the seeds' event and its articles; the newest article stays.
    Event.objects.exclude(articles__source="council.txt").delete()

    work_through(queue_run(seeds), nlp, seed=5)

    assert Article.objects.count() == 6
    assert not Article.objects.exclude(event__in=Event.objects.all()).exists()
