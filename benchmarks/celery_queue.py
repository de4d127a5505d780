"""Queued import (``ingest --queue``) against the one-process ``ingest``, as
ratios measured in one run, and the steps that do not grow with machines.

    python benchmarks/celery_queue.py [--articles 120]

On the local PostgreSQL (a fresh ``parallax_bench_*`` database per import,
dropped at the end) and a private redis-server on a free loopback port:

1. one-process ``ingest`` of the corpus (the baseline);
2. ``ingest --queue`` with 1, then 2 Celery worker processes;
3. the serial steps, timed alone: storing analysed articles one at a time
   under the store lock, and finishing (quote groups, claims) each event.

Every import first takes the five seed articles, so that the spaCy pipeline
of every process is loaded before the clock starts.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this folder comes first on sys.path, where this file would
# hide the standard library's queue module: put the project folder there.
sys.path[0] = str(ROOT)

from benchmarks.ingest import CREATED, PSQL, fresh_database, make_corpus, timed_ingest  # noqa: E402

CELERY = Path(sys.executable).with_name("celery")

# Run in a child against its own database: analyse the corpus (untimed),
# then time the store step alone, then each event's finishing.
SERIAL = """
import json, sys, time, django, os
os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'coverage_site.settings'); django.setup()
from django.conf import settings
from articles import queued
from articles.nlp import get_nlp
from articles.sources import Failure, read_sources
sources = [s for s in read_sources([sys.argv[1]], max_bytes=settings.INGEST_MAX_BYTES) if not isinstance(s, Failure)]
run = queued.create_run(sources)
nlp = get_nlp()
for start in range(0, run.total, 8):
    queued.analyse(run.pk, list(range(start, min(start + 8, run.total))), nlp)
t = time.perf_counter(); events = queued.drain(run.pk); store = time.perf_counter() - t
t = time.perf_counter()
for event_id in events:
    queued.finish_event(run.pk, event_id)
finish = time.perf_counter() - t
print(json.dumps({"articles": run.total, "store": store, "events": len(events), "finish": finish}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_redis(folder: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no",
         "--dir", str(folder)],
        stdout=subprocess.DEVNULL, start_new_session=True,
    )
    url = f"redis://127.0.0.1:{port}/0"
    for _ in range(100):
        if subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True, text=True).stdout.strip() == "PONG":
            return process, url
        time.sleep(0.1)
    sys.exit("redis-server did not start")


def start_worker(url: str, broker: str, count: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": url, "CELERY_BROKER_URL": broker}
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(CELERY), "-A", "coverage_site", "worker", "--concurrency", str(count), "--without-mingle",
             "--without-gossip", "--loglevel", "INFO"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
    for _ in range(600):
        if " ready." in log.read_text(errors="replace"):
            return process
        time.sleep(0.2)
    sys.exit(f"worker did not start:\n{log.read_text()[-2000:]}")


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def queued_seconds(work: Path, corpus: Path, broker: str, processes: int) -> float:
    url = fresh_database(work, f"queue{processes}", postgres=True)
    worker = start_worker(url, broker, processes, work / f"worker-{processes}.log")
    try:
        # One seed a task, so that every worker process loads spaCy before the clock starts.
        timed_queue(url, ROOT / "seeds", {"CELERY_BROKER_URL": broker, "INGEST_QUEUE_BATCH": "1"})
        return timed_queue(url, corpus, {"CELERY_BROKER_URL": broker})
    finally:
        stop(worker)


def timed_queue(url: str, folder: Path, env: dict) -> float:
    os.environ.update(env)
    try:
        return timed_ingest(url, folder, "--queue")
    finally:
        for key in env:
            os.environ.pop(key)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=120, help="Corpus size (default 120).")
    args = parser.parse_args()
    redis = None
    try:
        with tempfile.TemporaryDirectory(prefix="parallax-bench-") as tmp:
            work = Path(tmp)
            files = make_corpus(work / "corpus", args.articles)
            redis, broker = start_redis(work)

            url = fresh_database(work, "one", postgres=True)
            timed_ingest(url, ROOT / "seeds")
            one = timed_ingest(url, work / "corpus")
            q1 = queued_seconds(work, work / "corpus", broker, 1)
            q2 = queued_seconds(work, work / "corpus", broker, 2)

            url = fresh_database(work, "serial", postgres=True)
            timed_ingest(url, ROOT / "seeds")
            done = subprocess.run(
                [sys.executable, "-c", SERIAL, str(work / "corpus")], cwd=ROOT, env={**os.environ, "DATABASE_URL": url},
                check=True, capture_output=True, text=True,
            )
            serial = json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        if redis:
            stop(redis)
        for db in CREATED:
            subprocess.run([*PSQL, f"DROP DATABASE IF EXISTS {db} WITH (FORCE)"], check=False)

    n = len(files)
    store_rate = serial["articles"] / serial["store"]
    print(f"{n} articles on {os.cpu_count()} cores, PostgreSQL + Redis on this machine")
    print(f"one-process ingest:        {one:6.1f}s  {n / one:5.1f} articles/s")
    print(f"queue, 1 worker process:   {q1:6.1f}s  {n / q1:5.1f} articles/s  ratio to one-process {one / q1:.2f}")
    print(f"queue, 2 worker processes: {q2:6.1f}s  {n / q2:5.1f} articles/s  ratio to one-process {one / q2:.2f},"
          f" to 1 worker {q1 / q2:.2f}")
    print(f"serial store step alone:   {serial['store']:6.1f}s  {store_rate:5.1f} articles/s"
          f"  ({1000 / store_rate:.0f} ms an article under the store lock)")
    print(f"finishing events alone:    {serial['finish']:6.1f}s  for {serial['events']} events"
          f"  ({serial['finish'] / max(1, serial['events']):.2f}s an event, one worker per event)")
    print(f"worker processes until the store step is the bottleneck: {store_rate / (n / q1):.0f}"
          f" (store rate / one worker process's rate)")


if __name__ == "__main__":
    main()
