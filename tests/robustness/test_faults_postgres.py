"""Faults on PostgreSQL: an import killed with SIGKILL, then run again, ends
exactly where an uninterrupted import ends."""
from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from tests.robustness.conftest import ROOT, SEEDS, child_env, needs_postgres

pytestmark = [pytest.mark.postgres, needs_postgres]


@pytest.fixture
def articles(tmp_path):
    """Twenty-four articles in three stories, from the seeds."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    paths = []
    for n in range(24):
        path = tmp_path / f"article-{n:02d}.txt"
        path.write_text(seeds[n % len(seeds)] + f"\n\nUpdate {n}: the talks ended at {n % 12 + 1} pm.\n",
                        encoding="utf-8")
        paths.append(path)
    return tmp_path


def state(params) -> dict:
    """What an import leaves, without ids: articles by event, quotes with
    speakers and groups, people, claims with evidence."""
    import psycopg2

    queries = {
        "articles": "SELECT a.source, e.slug, e.analysis_pending FROM articles_article a "
                    "JOIN articles_event e ON e.id = a.event_id ORDER BY 1",
        "quotes": "SELECT a.source, q.start, q.end, p.name, g.label FROM articles_quote q "
                  "JOIN articles_article a ON a.id = q.article_id LEFT JOIN articles_person p ON p.id = q.speaker_id "
                  "LEFT JOIN articles_quotegroup g ON g.id = q.group_id ORDER BY 1, 2",
        "people": "SELECT name, role FROM articles_person ORDER BY 1, 2",
        "claims": "SELECT c.statement, a.source, v.start FROM claims_claim c JOIN claims_evidence v ON v.claim_id = c.id "
                  "JOIN articles_article a ON a.id = v.article_id ORDER BY 1, 2, 3",
    }
    con = psycopg2.connect(**params)
    try:
        with con.cursor() as cur:
            found = {}
            for name, sql in queries.items():
                cur.execute(sql)
                found[name] = cur.fetchall()
            return found
    finally:
        con.close()


def test_a_killed_import_run_again_ends_as_an_uninterrupted_one(postgres_database, articles):
    url, params = postgres_database("parallax_fault_killed")
    command = [sys.executable, str(ROOT / "manage.py"), "ingest", str(articles), "--event", "talks"]
    env = child_env(url)
    run = subprocess.Popen(command, cwd=ROOT, env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    for line in run.stdout:  # kill it in the middle of the articles
        if line.startswith("imported article-10"):
            run.send_signal(signal.SIGKILL)
            break
    run.wait(timeout=300)
    run.stdout.close()
    assert run.returncode == -signal.SIGKILL
    again = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert again.returncode == 0, again.stderr

    clean_url, clean_params = postgres_database("parallax_fault_clean")
    done = subprocess.run(command, cwd=ROOT, env=child_env(clean_url), capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    killed, clean = state(params), state(clean_params)
    assert killed["articles"] and killed["claims"]
    assert killed == clean
