"""``ingest`` over a few hundred hostile files: every file is imported or
reported in one line, nothing of a failed file is stored, memory stays
bounded, and a second run changes nothing.

The command runs in a child process, as a user runs it, against its own
migrated SQLite database, so that exit codes, stderr and peak memory are
the real ones.
"""
from __future__ import annotations

import os
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from articles.terminal import shown

from tests.robustness.conftest import ERROR_LINE, MB, build_corpus, child_env, manage, measured_manage

# spaCy's small English pipeline takes a few hundred MB; on top of it one
# article (at most INGEST_MAX_BYTES of input) is held at a time. Ten times
# the 50 MB file would be a leak, not a bound.
PEAK_RSS_LIMIT = 1200 * MB


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    units = build_corpus(folder)
    return folder, units


@pytest.fixture(scope="module")
def first_run(corpus, sqlite_template, tmp_path_factory):
    folder, _ = corpus
    db = tmp_path_factory.mktemp("corpusdb") / "db.sqlite3"
    db.write_bytes(sqlite_template.read_bytes())
    env = child_env(f"sqlite:///{db}")
    run = measured_manage("ingest", folder, "--event", "junk", env=env)
    return run, db, env


def outcomes(run, folder: Path):
    """{unit name: [outcome, ...]} from stdout (imported/skipped) and stderr (error)."""
    seen: dict[str, list[str]] = {}
    for line in run.out.splitlines():
        if line.startswith("imported ") and ": " in line:
            seen.setdefault(line[len("imported "):].split(": ", 1)[0], []).append("imported")
        elif line.startswith("skipped ") and line.endswith(" (already imported)"):
            seen.setdefault(line[len("skipped "):-len(" (already imported)")], []).append("skipped")
    for line in run.err.splitlines():
        match = ERROR_LINE.match(line)
        assert match, f"stderr line is not `error: <path>: <reason>`: {line!r}"
        path = match["path"]
        assert path.startswith(str(folder) + os.sep), line
        seen.setdefault(path[len(str(folder)) + 1:], []).append("error")
    return seen


def test_the_corpus_holds_over_200_files(corpus):
    folder, units = corpus
    assert len(units) >= 200
    assert (folder / "huge-50mb.txt").stat().st_size >= 50 * MB
    assert (folder / "lines-100000.txt").read_bytes().count(b"\n") == 100_000


def test_it_ends_with_status_1_and_a_summary_that_adds_up(first_run, corpus):
    run, _, _ = first_run
    folder, _ = corpus
    assert run.status == 1, run.err[-3000:]
    imported, skipped, failed = run.summary
    seen = outcomes(run, folder)
    counted = Counter(outcome for outcomes_ in seen.values() for outcome in outcomes_)
    assert (imported, skipped, failed) == (counted["imported"], counted["skipped"], counted["error"])


def test_stderr_holds_one_line_per_failure_and_no_traceback(first_run, corpus):
    run, _, _ = first_run
    folder, _ = corpus
    assert "Traceback" not in run.err
    outcomes(run, folder)  # asserts the shape of every stderr line
    errors = [line for line in run.err.splitlines() if line]
    assert len(errors) == len(set(errors)) == run.summary[2]


def test_every_file_is_imported_or_reported(first_run, corpus):
    run, _, _ = first_run
    folder, units = corpus
    seen = outcomes(run, folder)
    for name, expected_units in units.items():
        name = shown(name)  # as printed: control characters escaped
        whole = seen.get(name, [])
        lines = [key for key in seen if key.startswith(name + "#")]
        if whole:
            # A file reported as a whole is reported once, and has no line reports.
            assert len(whole) == 1 and not lines, (name, whole, lines)
        else:
            assert lines, f"{name} was neither imported nor reported"
            assert all(len(seen[key]) == 1 for key in lines), name
            assert len(lines) >= expected_units, (name, lines)
    hidden = [key for key in seen if key.startswith(".")]
    assert not hidden


def test_the_50mb_file_is_a_clean_file_too_large_error(first_run, corpus):
    run, _, _ = first_run
    folder, _ = corpus
    line = next(line for line in run.err.splitlines() if "huge-50mb.txt" in line)
    assert line.startswith(f"error: {folder / 'huge-50mb.txt'}: file too large")


def test_peak_memory_stays_bounded(first_run):
    run, _, _ = first_run
    assert 0 < run.peak_rss < PEAK_RSS_LIMIT, f"peak RSS {run.peak_rss / MB:.0f} MB"


def test_nothing_from_a_failed_file_reaches_the_database(first_run, corpus):
    run, db, _ = first_run
    folder, _ = corpus
    seen = outcomes(run, folder)
    failed = {name for name, what in seen.items() if what == ["error"]}
    imported = {name for name, what in seen.items() if what == ["imported"]}
    with sqlite3.connect(db) as con:
        sources = [row[0] for row in con.execute("SELECT source FROM articles_article")]
        orphans = con.execute(
            "SELECT count(*) FROM articles_quote q LEFT JOIN articles_article a ON a.id = q.article_id "
            "WHERE a.id IS NULL"
        ).fetchone()[0]
        mentions = con.execute(
            "SELECT count(*) FROM articles_mention m LEFT JOIN articles_article a ON a.id = m.article_id "
            "WHERE a.id IS NULL"
        ).fetchone()[0]
    assert len(sources) == len(set(sources)) == run.summary[0]
    assert {shown(s) for s in sources} == imported  # the corpus folder is flat: names are base names
    assert not failed & {shown(s) for s in sources}
    assert orphans == mentions == 0


def test_stored_quotes_and_mentions_point_into_their_body(first_run):
    _, db, _ = first_run
    with sqlite3.connect(db) as con:
        bodies = dict(con.execute("SELECT id, body FROM articles_article"))
        quotes = con.execute("SELECT article_id, start, \"end\", text FROM articles_quote").fetchall()
        mentions = con.execute("SELECT article_id, start, \"end\" FROM articles_mention").fetchall()
    for article_id, start, end, text in quotes:
        assert 0 <= start < end <= len(bodies[article_id])
        assert bodies[article_id][start:end] == text
    for article_id, start, end in mentions:
        assert 0 <= start < end <= len(bodies[article_id])


def test_the_real_articles_among_the_junk_are_imported(first_run, corpus):
    run, _, _ = first_run
    folder, _ = corpus
    seen = outcomes(run, folder)
    twins = ["good-00.txt", "good-00-copy.txt"]  # same content: whichever comes first is imported
    good = [name for name in seen if name.startswith("good-") and name not in twins]
    assert len(good) == 29
    assert all(seen[name] == ["imported"] for name in good), {n: seen[n] for n in good}
    assert sorted(seen[name] for name in twins) == [["imported"], ["skipped"]]


def test_a_second_run_changes_nothing(first_run, corpus):
    run, db, env = first_run
    folder, _ = corpus

    def snapshot():
        with sqlite3.connect(db) as con:
            return {
                table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("articles_article", "articles_quote", "articles_person", "articles_outlet",
                              "articles_event", "articles_mention")
            }

    before = snapshot()
    again = measured_manage("ingest", folder, "--event", "junk", env=env)
    imported, skipped, failed = run.summary
    assert again.summary == (0, imported + skipped, failed)
    assert again.err == run.err
    assert snapshot() == before


def test_a_dry_run_over_the_hostile_html_and_json_lines_writes_nothing(corpus, child_db):
    folder, _ = corpus
    url, db = child_db
    names = sorted(p for p in folder.iterdir() if p.suffix in {".html", ".jsonl", ".xhtml"})
    done = manage("ingest", *names, "--dry-run", env=child_env(url))
    assert done.returncode == 1, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    assert done.stdout.strip().splitlines()[-1].startswith("dry run: imported ")
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM articles_article").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM articles_outlet").fetchone()[0] == 0


def test_an_undecodable_file_name_is_imported_or_reported(tmp_path, child_db):
    url, _ = child_db
    folder = tmp_path / "names"
    folder.mkdir()
    seed = next(Path(__file__).resolve().parents[2].joinpath("seeds").glob("*.txt")).read_bytes()
    with open(os.path.join(os.fsencode(folder), b"bad-\xff\xfe-name.txt"), "wb") as out:
        out.write(seed)
    with open(os.path.join(os.fsencode(folder), b"empty-\xff.txt"), "wb"):
        pass
    done = manage("ingest", folder, env=child_env(url))
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.returncode == 1
    assert done.stdout.strip().splitlines()[-1] in {"imported 1, skipped 0, failed 1", "imported 0, skipped 0, failed 2"}
    assert len(done.stderr.strip().splitlines()) == done.stdout.strip().splitlines()[-1].count("failed 2") + 1


@pytest.mark.parametrize(
    "args, message",
    [
        (["--no-such-option", "seeds"], "unrecognized arguments"),
        (["/no/such/folder"], "no such file or folder"),
        (["seeds", "--workers", "0"], "--workers"),
        (["seeds", "--event", "not a slug!"], "--event"),
    ],
)
def test_usage_errors_exit_with_status_2(args, message, child_db):
    url, db = child_db
    done = manage("ingest", *args, env=child_env(url))
    assert done.returncode == 2, done.stderr
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM articles_article").fetchone()[0] == 0
