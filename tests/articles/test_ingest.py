import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from articles.models import Article, Event, Outlet, Person, Quote
from tests.conftest import SEEDS, run_ingest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def test_it_imports_five_articles_from_five_outlets(seeded):
    assert Article.objects.filter(event=seeded).count() == 5
    assert Outlet.objects.filter(articles__event=seeded).distinct().count() == 5
    assert not Outlet.objects.filter(name="Unknown").exists()


def test_it_keeps_raw_text_verbatim(seeded):
    for article in Article.objects.all():
        assert article.raw_text == (SEEDS / article.source).read_text(encoding="utf-8")


def test_it_skips_what_it_already_imported(seeded):
    status, out, err = run_ingest(SEEDS)
    assert status == 0
    assert out.strip().splitlines()[-1] == "imported 0, skipped 5, failed 0"
    assert out.count("(already imported)") == 5
    assert Article.objects.count() == 5


def test_it_reports_bad_files_in_one_line_and_imports_the_rest(tmp_path, nlp):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "good.txt").write_bytes((SEEDS / "000_d86480170fb53910.txt").read_bytes())
    status, out, err = run_ingest(tmp_path, "--event", "mixed")
    assert status == 1
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert all(line.startswith(f"error: {tmp_path}/") for line in lines)
    assert any("empty.txt: empty" in line for line in lines)
    assert any("binary.txt: binary" in line for line in lines)
    assert out.strip().splitlines()[-1] == "imported 1, skipped 0, failed 2"
    assert Article.objects.count() == 1


def test_a_failure_while_storing_leaves_nothing_behind(nlp, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Quote.objects, "bulk_create", broken)
    status, out, err = run_ingest(SEEDS / "000_d86480170fb53910.txt")
    assert status == 1
    assert "could not be stored" in err
    assert Article.objects.count() == 0
    assert Person.objects.count() == 0
    assert Event.objects.count() == 0


def test_dry_run_writes_nothing(nlp):
    status, out, err = run_ingest(SEEDS, "--dry-run")
    assert status == 0, err
    assert out.count("would import") == 5
    assert "dry run: imported 5, skipped 0, failed 0" in out
    assert Article.objects.count() == 0
    assert Event.objects.count() == 0
    assert Outlet.objects.count() == 0


def test_it_reads_json_lines_and_reports_broken_lines(tmp_path, nlp):
    seed = (SEEDS / "002_27695b66166d8180.txt").read_text(encoding="utf-8")
    lines = [
        json.dumps({"text": seed, "url": "https://example.org/story", "title": "Talks in Baghdad"}),
        "{not json",
        json.dumps({"text": 42}),
        json.dumps(["a list"]),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n")
    status, out, err = run_ingest(path, "--event", "jl")
    assert status == 1
    assert f"error: {path}#2: line is not valid JSON" in err
    assert f"error: {path}#3:" in err and f"error: {path}#4:" in err
    article = Article.objects.get()
    assert article.source == "batch.jsonl#1"
    assert article.headline == "Talks in Baghdad"
    assert article.url == "https://example.org/story"


def test_two_workers_store_what_one_worker_stores(tmp_path, nlp):
    status, out, err = run_ingest(SEEDS, "--event", "one", "--dry-run")
    single = sorted(line for line in out.splitlines() if line.startswith("would import"))
    status, out, err = run_ingest(SEEDS, "--event", "one", "--dry-run", "--workers", "2")
    assert status == 0, err
    assert sorted(line for line in out.splitlines() if line.startswith("would import")) == single


@pytest.mark.parametrize(
    "args, message",
    [
        (["/no/such/path"], "no such file or folder: /no/such/path"),
        (["seeds", "--workers", "0"], "--workers must be 1 or more"),
        (["seeds", "--event", "not a slug!"], "--event must be a slug"),
        (["seeds", "--no-such-option"], "unrecognized arguments: --no-such-option"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args, message):
    result = subprocess.run(
        [sys.executable, "manage.py", "ingest", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "command, url, message",
    [
        (["ingest", "seeds"], "sqlite:///{tmp}/empty.sqlite3", "run `python manage.py migrate` first"),
        (["export", "--list"], "sqlite:///{tmp}/empty.sqlite3", "run `python manage.py migrate` first"),
        (["export", "--list"], "postgres://nobody@127.0.0.1:1/none", "cannot reach the database: "),
    ],
)
def test_an_unready_database_is_one_line_not_a_traceback(tmp_path, command, url, message):
    env = {**os.environ, "DATABASE_URL": url.format(tmp=tmp_path)}
    result = subprocess.run(
        [sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
