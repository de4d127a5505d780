"""Bounded cache-flood run: does the page cache stay bounded when visitors
ask for any ``?page`` they like?

    .venv/bin/python benchmarks/cache_flood.py --requests 3000

Builds a throw-away SQLite database (one event of --articles articles, from
the test factories), starts a private redis-server and gunicorn on
127.0.0.1 with the production settings and CACHE_URL pointing at that Redis
(which, unlike the file cache, never culls: every key stays until it
expires, as in production), then sends GETs to the public pages
with changing ``?page`` values (valid ones, past the end up to 10⁶, and
malformed) and unknown parameters. After every batch it prints the number
of cache keys (Redis DBSIZE); at the end, the answers by status. Exit status 1 when the
key count still grew in the second half of the run (unbounded) or any
answer was a 5xx. Never run as a unit test; only talks to 127.0.0.1.
"""
from __future__ import annotations

import argparse
import collections
import http.client
import os
import random
import secrets
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.load_test import free_port, wait_for  # noqa: E402

SEED = """
import django; django.setup()
from tests.e2e.factories import build_event
build_event({articles})
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=3000, help="GETs to send in all (default 3000).")
    parser.add_argument("--batches", type=int, default=10, help="Times to count the keys (default 10).")
    parser.add_argument("--articles", type=int, default=120, help="Articles in the event (default 120).")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2).")
    parser.add_argument("--seed", type=int, default=1, help="Random seed for the page numbers (default 1).")
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="The checkout to serve (default this one; another commit's, to compare).")
    return parser.parse_args()


def paths(rng: random.Random):
    """An endless mix of page addresses a crawler or a flood might ask for."""
    pages = ["/", "/people/", "/events/summit/", "/events/summit/quotes/", "/claims/events/summit/",
             "/outlets/outlet-0/", "/people/ada-envoy/"]
    while True:
        path = rng.choice(pages)
        kind = rng.random()
        if kind < 0.3:
            query = f"page={rng.randint(1, 4)}"  # mostly real pages
        elif kind < 0.8:
            query = f"page={rng.randint(5, 10**6)}"  # past the end
        elif kind < 0.9:
            query = f"page={rng.choice(['abc', '0', '-3', '1.5', ''])}"  # malformed
        else:
            query = f"page={rng.randint(1, 2)}&utm_source={rng.randint(0, 10**6)}"  # unknown parameter
        yield f"{path}?{query}"


def get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException):
        return 0
    finally:
        connection.close()


def stop(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def prepare(root, env, articles):
    manage = [sys.executable, str(root / "manage.py")]
    for step in (["migrate", "--noinput", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"]):
        subprocess.run(manage + step, cwd=root, env=env, check=True)
    subprocess.run([sys.executable, "-c", SEED.format(articles=articles)], cwd=root, env=env, check=True)


def flood(port, keys, options):
    """(key count after each batch, answers by status)."""
    rng = random.Random(options.seed)
    addresses = paths(rng)
    counts, statuses = [], collections.Counter()
    per_batch = max(1, options.requests // options.batches)
    print(f"{'requests':>9} {'cache keys':>11}")
    for batch in range(1, options.batches + 1):
        for _ in range(per_batch):
            statuses[get(port, next(addresses))] += 1
        counts.append(keys.dbsize())
        print(f"{batch * per_batch:9d} {counts[-1]:11d}", flush=True)
    return counts, statuses


def main():
    options = parse_args()
    root = options.root.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        redis_port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
        env.update(
            DJANGO_SETTINGS_MODULE="coverage_site.settings",
            DATABASE_URL=f"sqlite:///{tmp / 'flood.sqlite3'}",
            CACHE_URL=f"redis://127.0.0.1:{redis_port}/0",
            DJANGO_DEBUG="false",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="127.0.0.1",
            STATIC_ROOT=str(tmp / "static"),
            PYTHONWARNINGS="ignore",
            PYTHONPATH=str(root),
        )
        prepare(root, env, options.articles)
        store = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(redis_port), "--save", "", "--appendonly", "no"],
            cwd=tmp, stdout=subprocess.DEVNULL,
        )
        try:
            wait_for(redis_port)
            port = free_port()
            server = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "coverage_site.wsgi", "--bind", f"127.0.0.1:{port}",
                 "--workers", str(options.workers), "--timeout", "60", "--log-level", "warning"],
                # Django logs a line per 404, most of the answers here; errors show in the statuses.
                cwd=root, env=env, stderr=subprocess.DEVNULL,
            )
            try:
                wait_for(port)
                counts, statuses = flood(port, redis.Redis(host="127.0.0.1", port=redis_port), options)
            finally:
                stop(server)
        finally:
            stop(store)

    print("answers:", ", ".join(f"{status or 'no answer'}: {n}" for status, n in sorted(statuses.items())))
    half = counts[len(counts) // 2 - 1] if len(counts) > 1 else 0
    grew = counts[-1] > half
    errors = sum(n for status, n in statuses.items() if status == 0 or status >= 500)
    print(f"keys at half-time {half}, at the end {counts[-1]}: {'still growing' if grew else 'bounded'}; "
          f"{errors} server errors")
    return 1 if grew or errors else 0


if __name__ == "__main__":
    sys.exit(main())
