"""Four ``ingest`` processes over overlapping folders, started at once on
PostgreSQL, end as one sequential run of the same files ends.

"The same" is what a reader of the site sees, not row ids or addresses: the
same events (each a set of articles, known by content hash, with the same
title and date), the same quote groups in each event (as sets of quotes),
the same quotes said by one person, and the same claims (each a statement
with its set of evidence sentences). An event's slug is left out: a run
takes it when it makes the event, and runs racing one another may each have
made one. So is the spelling a person is shown under: the first article
stored gives it, as with one run given the files in another order (see
docs/deploy.md).
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from articles import services
from articles.models import Article, Event
from tests.articles.test_events import ARTICLES
from tests.conftest import run_ingest
from tests.robustness.conftest import ERROR_LINE, ROOT, SEEDS, SUMMARY, child_env, needs_postgres

pytestmark = [pytest.mark.postgres, needs_postgres]
RUNS = 4


@pytest.fixture
def folders(tmp_path):
    """The seeds and ten short articles about five stories (one of them the
    seeds' talks), dealt round four folders."""
    files = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    for n, (label, headline, day, body, _) in enumerate(ARTICLES):
        record = {"title": headline, "text": body, "published": day.isoformat()}
        files.append((f"{n:02d}-{label}.jsonl", json.dumps(record) + "\n"))
    folders = [tmp_path / f"folder-{n}" for n in range(RUNS)]
    for folder in folders:
        folder.mkdir()
    for n, (name, text) in enumerate(files):
        (folders[n % RUNS] / name).write_text(text, encoding="utf-8")
    return folders


def ingest(url, *paths) -> subprocess.Popen:
    command = [sys.executable, str(ROOT / "manage.py"), "ingest", "--workers", "1", *map(str, paths)]
    return subprocess.Popen(command, cwd=ROOT, env=child_env(url), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finished(*runs: subprocess.Popen) -> list[tuple[int, int, int]]:
    """Each run's (imported, skipped, failed), once all have ended well."""
    ended = [(run, *run.communicate(timeout=900)) for run in runs]
    summaries = []
    for run, out, err in ended:
        assert "Traceback" not in err, err[-3000:]
        assert run.returncode == 0, err[-3000:]
        assert all(ERROR_LINE.match(line) for line in err.splitlines()), err
        summaries.append(tuple(int(n) for n in SUMMARY.match(out.strip().splitlines()[-1]).groups()))
    return summaries


def state(params) -> dict:
    """What a reader sees, keyed by the articles' content hashes: each event
    as (its articles, title, date) with its quote groups and claims."""
    import psycopg2

    con = psycopg2.connect(**params)
    try:
        with con.cursor() as cur:
            cur.execute("SELECT event_id, content_hash FROM articles_article")
            articles: dict = {}
            for event_id, content_hash in cur.fetchall():
                articles.setdefault(event_id, set()).add(content_hash)
            cur.execute("SELECT id, title, date FROM articles_event")
            events = {pk: (frozenset(articles.get(pk, ())), title, day) for pk, title, day in cur.fetchall()}
            cur.execute("SELECT g.event_id, g.id, a.content_hash, q.start, q.end FROM articles_quote q "
                        "JOIN articles_quotegroup g ON g.id = q.group_id JOIN articles_article a ON a.id = q.article_id")
            groups: dict = {}
            for event_id, group_id, *quote in cur.fetchall():
                groups.setdefault((event_id, group_id), set()).add(tuple(quote))
            cur.execute("SELECT a.event_id, q.speaker_id, a.content_hash, q.start, q.end FROM articles_quote q "
                        "JOIN articles_article a ON a.id = q.article_id WHERE q.speaker_id IS NOT NULL")
            speakers: dict = {}
            for event_id, speaker_id, *quote in cur.fetchall():
                speakers.setdefault((event_id, speaker_id), set()).add(tuple(quote))
            cur.execute("SELECT c.event_id, c.id, c.statement, a.content_hash, v.start, v.end FROM claims_claim c "
                        "JOIN claims_evidence v ON v.claim_id = c.id JOIN articles_article a ON a.id = v.article_id")
            claims: dict = {}
            for event_id, claim_id, statement, *sentence in cur.fetchall():
                claims.setdefault((event_id, claim_id, statement), set()).add(tuple(sentence))
    finally:
        con.close()
    found = {}
    for pk, event in events.items():
        found[event] = {
            "quote groups": sorted(sorted(quotes) for (e, _), quotes in groups.items() if e == pk),
            "quotes by speaker": sorted(sorted(quotes) for (e, _), quotes in speakers.items() if e == pk),
            "claims": sorted((statement, sorted(sentences)) for (e, _, statement), sentences in claims.items()
                             if e == pk),
        }
    return found


def test_four_concurrent_runs_end_as_one_sequential_run(postgres_database, folders):
    url, params = postgres_database("parallax_sequential")
    assert finished(ingest(url, *folders)) == [(15, 0, 0)]
    sequential = state(params)
    assert len(sequential) >= 2
    assert any(event["quote groups"] for event in sequential.values())
    assert all(event["claims"] for event in sequential.values())

    for attempt in range(3):
        url, params = postgres_database(f"parallax_concurrent_{attempt}")
        # Each folder goes to two runs, each run to two folders, every run
        # from a different one: every file is raced for by two processes.
        runs = [ingest(url, folders[n], folders[(n + 1) % RUNS]) for n in range(RUNS)]
        summaries = finished(*runs)
        assert sum(s[0] for s in summaries) == 15
        assert sum(s[1] for s in summaries) == 15
        assert state(params) == sequential, f"attempt {attempt + 1}"


@pytest.mark.django_db
def test_a_run_says_since_when_it_runs_until_it_leaves():
    assert services.earliest_run(100) == 100
    assert services.join_runs(7) == 7
    assert services.join_runs(40) == 7  # a later run learns of the earlier one
    assert services.earliest_run(100) == 7
    services.leave_runs(7)
    assert services.earliest_run(100) == 40
    services.leave_runs(40)
    assert services.earliest_run(100) == 100


@pytest.mark.django_db
def test_articles_put_into_an_event_by_name_stay_there_when_runs_overlap(folders, nlp):
    seeds = sorted(folders[0].glob("*.txt")) + sorted(folders[1].glob("*.txt"))
    stories = sorted(folders[2].glob("*.jsonl")) + sorted(folders[3].glob("*.jsonl"))
    running = services.EventAssigner()
    running.join()  # a run that began before both and has not settled yet
    try:
        assert run_ingest(*seeds, "--event", "talks", "--event-title", "The talks")[0] == 0
        assert run_ingest(*stories)[0] == 0  # settles the articles stored since the first run began
    finally:
        running.leave()
    talks = Event.objects.get(slug="talks")
    assert talks.title == "The talks"
    named = set(Article.objects.filter(source__in=[p.name for p in seeds]).values_list("event_id", flat=True))
    assert named == {talks.pk}
    assert Article.objects.exclude(event=talks).exists()  # the other stories were filed apart
