"""Two ``ingest`` processes importing the same files at once on PostgreSQL:
each article is stored exactly once and neither process crashes. The unique
constraint on the content hash decides, not timing."""
from __future__ import annotations

import subprocess
import sys

import pytest

from tests.robustness.conftest import ERROR_LINE, ROOT, SEEDS, SUMMARY, child_env, manage, needs_postgres

pytestmark = [pytest.mark.postgres, needs_postgres]
DATABASE = "parallax_concurrency"
FILES = 40


@pytest.fixture
def concurrency_db(postgres_database):
    return postgres_database(DATABASE)


@pytest.fixture
def articles(tmp_path):
    """Forty distinct articles built from the seeds (same people, outlets, places)."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    paths = []
    for n in range(FILES):
        path = tmp_path / f"article-{n:02d}.txt"
        path.write_text(seeds[n % len(seeds)] + f"\n\nUpdate {n}: the talks ended at {n % 12 + 1} pm.\n",
                        encoding="utf-8")
        paths.append(path)
    return paths


def test_two_processes_import_each_file_exactly_once(concurrency_db, articles):
    url, params = concurrency_db
    env = child_env(url)
    command = [sys.executable, str(ROOT / "manage.py"), "ingest", "--event", "talks"]
    # Opposite orders: each process races the other on every file, and both
    # create the same outlets, people and event at the same moments.
    runs = [
        subprocess.Popen(command + [str(p) for p in order], cwd=ROOT, env=env, text=True,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for order in (articles, articles[::-1])
    ]
    results = [(run.wait(timeout=900), *run.communicate()) for run in runs]
    summaries = []
    for status, out, err in results:
        assert "Traceback" not in err, err[-3000:]
        assert status == 0, err[-3000:]
        assert all(ERROR_LINE.match(line) for line in err.splitlines()), err
        summaries.append(tuple(int(n) for n in SUMMARY.match(out.strip().splitlines()[-1]).groups()))
    imported = sum(s[0] for s in summaries)
    skipped = sum(s[1] for s in summaries)
    assert sum(s[2] for s in summaries) == 0
    assert imported == FILES
    assert skipped == FILES  # whatever one imported, the other skipped

    import psycopg2

    con = psycopg2.connect(**params)
    try:
        with con.cursor() as cur:
            cur.execute("SELECT source, count(*) FROM articles_article GROUP BY source HAVING count(*) > 1")
            assert cur.fetchall() == []
            cur.execute("SELECT count(*), count(DISTINCT content_hash) FROM articles_article")
            assert cur.fetchone() == (FILES, FILES)
            cur.execute("SELECT count(*) FROM articles_event")
            assert cur.fetchone() == (1,)
            cur.execute("SELECT lower(name), count(*) FROM articles_outlet GROUP BY lower(name) HAVING count(*) > 1")
            assert cur.fetchall() == []
            cur.execute("SELECT count(*) FROM articles_quote q LEFT JOIN articles_article a ON a.id = q.article_id"
                        " WHERE a.id IS NULL")
            assert cur.fetchone() == (0,)
    finally:
        con.close()
