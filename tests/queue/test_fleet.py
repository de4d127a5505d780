"""Two Celery workers import through Redis into PostgreSQL: the database ends
as a one-process import leaves it, and neither a worker killed in the middle
of an article nor a broker restart loses or duplicates an article."""
import os
import re
import signal
import time

import pytest
from django.conf import settings

from articles.models import Article, QueuedArticle
from tests.conftest import SEEDS
from tests.queue import fleet
from tests.queue.snapshot import clear, import_in_one_process, snapshot

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="the queue needs a database every worker shares: set DATABASE_URL to a PostgreSQL database",
    ),
    pytest.mark.django_db(transaction=True),
]
SUMMARY = re.compile(r"^imported (\d+), skipped (\d+), failed (\d+)$", re.MULTILINE)


@pytest.fixture
def broker():
    if not fleet.redis_answers(fleet.REDIS_URL):
        pytest.skip(f"needs Redis at {fleet.REDIS_URL} (.ci/run starts it)")
    fleet.flush(fleet.REDIS_URL)
    yield fleet.REDIS_URL
    fleet.flush(fleet.REDIS_URL)


@pytest.fixture
def workers(broker, tmp_path):
    started = fleet.start_workers(2, broker, tmp_path)
    yield started
    for worker in started:
        worker.stop()


def devset_articles(devset, events=None):
    paths = sorted((devset / "articles").iterdir())
    if events is not None:
        keep = sorted({p.name.split("_")[0] for p in paths})[:events]
        paths = [p for p in paths if p.name.split("_")[0] in keep]
    return paths


def finish(command, timeout=1200):
    out, err = command.communicate(timeout=timeout)
    assert command.returncode == 0, err[-3000:]
    return tuple(int(n) for n in SUMMARY.findall(out)[-1])


def test_two_workers_store_what_one_process_stores(devset, workers, broker):
    paths = sorted(SEEDS.glob("*.txt")) + devset_articles(devset)
    import_in_one_process(paths)
    expected = snapshot()
    clear()

    assert finish(fleet.ingest(*paths, broker=broker)) == (len(paths), 0, 0)

    assert snapshot() == expected
    # Both workers took part.
    assert len({w.split(":")[0] for w in QueuedArticle.objects.values_list("worker", flat=True)}) == 2


def test_a_worker_killed_mid_article_loses_and_duplicates_nothing(devset, workers, broker):
    paths = sorted(SEEDS.glob("*.txt")) + devset_articles(devset, events=5)
    import_in_one_process(paths)
    expected = snapshot()
    clear()

    command = fleet.ingest(*paths, broker=broker, INGEST_QUEUE_BATCH=1)
    for _ in range(5):
        victim = wait_for(lambda: QueuedArticle.objects.filter(state="pending", attempts=1, seq__gte=3).first())
        pid = int(victim.worker.rsplit(":", 1)[1])
        assert pid not in {w.pid for w in workers}, "the task runs in a pool process, not the worker's parent"
        os.kill(pid, signal.SIGKILL)
        victim.refresh_from_db()
        if victim.state == "pending":  # killed before its analysis was kept
            break
    else:
        pytest.fail("every kill came after the article's analysis was kept")

    assert finish(command) == (len(paths), 0, 0)
    victim.refresh_from_db()
    assert victim.state == "imported" and victim.attempts == 2
    assert Article.objects.count() == len(paths)
    assert snapshot() == expected


def test_a_broker_restart_mid_run_stores_every_article_once(devset, tmp_path):
    paths = sorted(SEEDS.glob("*.txt")) + devset_articles(devset, events=5)
    private = fleet.PrivateRedis(tmp_path)
    private.start()
    started = []
    try:
        started = fleet.start_workers(2, private.url, tmp_path)
        command = fleet.ingest(*paths, broker=private.url, INGEST_QUEUE_BATCH=1, INGEST_QUEUE_RESEND_AFTER=20)
        wait_for(lambda: QueuedArticle.objects.filter(state="imported").count() >= 3)
        private.kill()
        time.sleep(2)
        private.start()
        imported, skipped, failed = finish(command)
    finally:
        for worker in started:
            worker.stop()
        private.kill()
    assert (imported, skipped, failed) == (len(paths), 0, 0)
    hashes = list(Article.objects.values_list("content_hash", flat=True))
    assert len(hashes) == len(set(hashes)) == len(paths)
    assert not QueuedArticle.objects.exclude(state="imported").exists()
    assert not QueuedArticle.objects.filter(finished=False).exists()


def wait_for(found, timeout=300):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = found()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out")
