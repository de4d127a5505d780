"""The analysis pool is watched from outside: an article whose analysis
hangs or kills its process fails alone, and the run goes on."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from articles import pipeline
from articles.sources import Failure, Source
from tests.robustness.conftest import ROOT, SEEDS, child_env


def _fake_work(batch):
    """Stands in for the analysis: reports each source, or misbehaves."""
    out = []
    for source in batch:
        if "KILL" in source.text:
            os.kill(os.getpid(), signal.SIGKILL)
        if "HANG" in source.text:
            time.sleep(60)
        out.append(Failure(source.path, "analysed"))
    return out


@pytest.fixture
def fake_analysis(monkeypatch):
    # Worker processes are forked from this one, so they run the stand-in.
    monkeypatch.setattr(pipeline, "_work", _fake_work)
    monkeypatch.setattr(pipeline, "_init_worker", lambda model_name: None)
    monkeypatch.setattr(pipeline, "WORKER_START_SECONDS", 1.0)
    if "fork" not in pipeline.multiprocessing.get_all_start_methods():
        pytest.skip("needs fork to hand the stand-in to the workers")


def _chunks(texts, per_batch=2, per_chunk=2):
    sources = [Source(path=f"a{i}.txt", source=f"a{i}.txt", text=t) for i, t in enumerate(texts)]
    batches = list(pipeline.batched(sources, per_batch))
    return list(pipeline.batched(batches, per_chunk))


def _reasons(texts, **options):
    results = pipeline.prepare_all(_chunks(texts), workers=2, model_name="unused", **options)
    return {r.path: r.reason for batch in results for r in batch}


def test_an_article_that_kills_its_process_fails_alone(fake_analysis):
    texts = ["fine"] * 3 + ["KILL"] + ["fine"] * 6
    reasons = _reasons(texts)
    assert reasons.pop("a3.txt") == "its analysis process died (out of memory?)"
    assert set(reasons.values()) == {"analysed"} and len(reasons) == 9


def test_an_article_past_its_time_budget_fails_alone(fake_analysis):
    texts = ["fine"] * 4 + ["HANG"] + ["fine"] * 5
    started = time.monotonic()
    reasons = _reasons(texts, seconds_per_article=0.5)
    assert reasons.pop("a4.txt").startswith("took too long to analyse")
    assert set(reasons.values()) == {"analysed"} and len(reasons) == 9
    assert time.monotonic() - started < 30  # the hanging worker was killed, not waited for


def test_an_import_of_one_batch_has_the_budget_too(fake_analysis):
    chunks = _chunks(["fine", "HANG"])
    assert len(chunks) == 1
    started = time.monotonic()
    results = pipeline.prepare_all(chunks, workers=1, model_name="unused", seconds_per_article=0.5)
    reasons = {r.path: r.reason for batch in results for r in batch}
    assert reasons["a0.txt"] == "analysed"
    assert reasons["a1.txt"].startswith("took too long to analyse")
    assert time.monotonic() - started < 30


def test_nothing_to_analyse_starts_no_pool(monkeypatch):
    def no_pool(*args):
        raise AssertionError("a pool was started")

    monkeypatch.setattr(pipeline, "WorkerPool", no_pool)
    assert list(pipeline.prepare_all([[], []], workers=1, model_name="unused")) == []


# ``ingest`` as it runs, but with an analysis that never ends on one marked
# article and short budgets. The pipeline is loaded before the pool forks,
# so the workers need no time to start.
HANGING_INGEST = """
import sys, time
import django
django.setup()
from django.core.management import call_command
from articles import pipeline
from articles.nlp import get_nlp

get_nlp()
pipeline.SECONDS_PER_ARTICLE = pipeline.WORKER_START_SECONDS = 3.0
analyse = pipeline.analyse

def hanging(body, doc):
    if "The analysis never ends here." in body:
        time.sleep(600)
    return analyse(body, doc)

pipeline.analyse = hanging
call_command("ingest", *sys.argv[1:])
"""


def test_ingest_of_two_files_gives_up_the_one_that_hangs(child_db, tmp_path):
    url, _ = child_db
    seeds = sorted(SEEDS.glob("*.txt"))
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(seeds[0].read_text(encoding="utf-8"), encoding="utf-8")
    bad.write_text(seeds[1].read_text(encoding="utf-8") + "\n\nThe analysis never ends here.\n", encoding="utf-8")
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", HANGING_INGEST, str(good), str(bad)],
        cwd=ROOT, env=child_env(url), capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 1, done.stderr[-3000:]
    assert done.stderr.splitlines() == [f"error: {bad}: took too long to analyse (over 3 seconds)"]
    assert done.stdout.strip().splitlines()[-1] == "imported 1, skipped 0, failed 1"
    assert time.monotonic() - started < 120  # the hanging worker was killed, not waited for


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found.update(int(n) for n in (task / "children").read_text().split())
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads the process tree from /proc")
def test_a_killed_import_leaves_no_analysis_process_behind(child_db, tmp_path):
    """A worker that outlived its import would keep waiting, and keep the
    import's database connection, and so its open transaction, alive."""
    url, _ = child_db
    bad = tmp_path / "bad.txt"
    bad.write_text(sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8") + "\n\nThe analysis never ends here.\n",
                   encoding="utf-8")
    run = subprocess.Popen([sys.executable, "-c", HANGING_INGEST, str(bad)], cwd=ROOT, env=child_env(url),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not (workers := _children(run.pid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert workers, "no analysis process was started"
    run.kill()
    run.wait(timeout=30)
    deadline = time.monotonic() + 30
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in workers if _alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left
