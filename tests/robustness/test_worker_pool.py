"""The analysis pool is watched from outside: an article whose analysis
hangs or kills its process fails alone, and the run goes on."""
import os
import signal
import time

import pytest

from articles import pipeline
from articles.sources import Failure, Source


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
