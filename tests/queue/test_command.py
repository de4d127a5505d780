"""``ingest --queue`` and ``ingest --status``: one clear line for every way
the queue cannot be used, and the dead-letter record where people look."""
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command

from articles import queued
from articles.models import FailedImport
from articles.sources import read_sources
from tests.conftest import SEEDS
from tests.queue.fleet import ROOT, database_url

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def manage(*args, **env):
    environ = {k: v for k, v in os.environ.items() if k not in ("CELERY_BROKER_URL", "INGEST_BROKER_URL")}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**environ, **env},
        capture_output=True, text=True, timeout=120,
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (["ingest"], "name at least one file or folder to import"),
        (["ingest", "seeds", "--queue", "--dry-run"], "--dry-run analyses here and writes nothing"),
        (["ingest", "seeds", "--queue", "--workers", "2"], "--workers sets this machine's processes"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args, message):
    result = manage(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(ON_POSTGRES, reason="shows what happens on SQLite")
@pytest.mark.parametrize("args, env", [(["--queue"], {}), ([], {"INGEST_BROKER_URL": "redis://127.0.0.1:6379/7"})])
def test_it_will_not_queue_onto_a_database_only_this_machine_sees(args, env, tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    assert manage("migrate", "-v0", DATABASE_URL=url).returncode == 0
    result = manage("ingest", "seeds", *args, DATABASE_URL=url, **env)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "CommandError: ingest --queue needs the PostgreSQL database the workers share: set DATABASE_URL"
    )


@pytest.mark.skipif(not ON_POSTGRES, reason="the broker is checked on PostgreSQL, the only database the queue uses")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "broker, message",
    [
        ("", "ingest --queue needs a broker: set CELERY_BROKER_URL"),
        ("redis://:secret@127.0.0.1:1/0", "cannot reach the broker at redis://127.0.0.1:1/0: "),
    ],
)
def test_a_missing_or_unreachable_broker_is_one_line(broker, message):
    result = manage("ingest", "seeds", "--queue", DATABASE_URL=database_url(), CELERY_BROKER_URL=broker)
    assert result.returncode == 1
    assert message in result.stderr and "secret" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.django_db
def test_status_lists_runs_and_the_articles_given_up(nlp, capsys):
    call_command("ingest", "--status")
    assert capsys.readouterr().out.strip() == "no queued imports"

    sources = list(read_sources([str(p) for p in sorted(SEEDS.glob("*.txt"))[:2]], max_bytes=settings.INGEST_MAX_BYTES))
    run = queued.create_run(sources)
    queued.give_up(run.pk, [0], "the queue gave up on it (TimeLimitExceeded: 360)")
    queued.analyse(run.pk, [1], nlp)
    queued.drain(run.pk)

    call_command("ingest", "--status")
    out = capsys.readouterr().out
    assert f"run #{run.pk} " in out
    assert "2 queued, imported 1, skipped 0, failed 1, waiting 0" in out and "in progress" in out
    assert f"  {sources[0].path}: the queue gave up on it (TimeLimitExceeded: 360)" in out


@pytest.mark.django_db
def test_the_admin_lists_failed_imports(admin_client):
    FailedImport.objects.create(path="feeds/a.txt", reason="could not be analysed (ValueError)", attempts=1)
    page = admin_client.get("/admin/articles/failedimport/")
    assert page.status_code == 200
    assert b"feeds/a.txt" in page.content and b"could not be analysed (ValueError)" in page.content
    assert admin_client.get("/admin/articles/failedimport/add/").status_code == 403
