"""Requests per second of the event page against /healthz, on one gunicorn.

    .venv/bin/python benchmarks/throughput.py            # largest event
    .venv/bin/python benchmarks/throughput.py --event event-0034

Uses the database benchmarks/pages.py builds (``parallax_bench_pages``, 10,000
articles; run that first). Starts gunicorn with the production settings, 2
workers, bound to 127.0.0.1, warms each worker up, then sends GETs from a few
client threads to /healthz for ``--seconds`` and to the event page for as
long, stops gunicorn and prints both rates and their ratio with its target
(at least 0.3: an event page may cost at most about three times what a bare
request through the middleware does). The client runs on the same 2 cores,
so the ratio, not the rates, is the number to compare. Never run as a unit
test; only talks to 127.0.0.1 and stops by itself.
"""
from __future__ import annotations

import argparse
import http.client
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.load_test import free_port, percentile, wait_for  # noqa: E402
from benchmarks.pages import PREFIX  # noqa: E402

TARGET_RATIO = 0.3


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=PREFIX, help=f"Database built by pages.py; starts with {PREFIX}.")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432",
                        help="PostgreSQL server URL without the database name.")
    parser.add_argument("--event", default="", help="Event slug (default: the one with most articles).")
    parser.add_argument("--seconds", type=float, default=15, help="How long to load each URL (default 15).")
    parser.add_argument("--threads", type=int, default=4, help="Concurrent client threads (default 4).")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2).")
    parser.add_argument("--max-requests", type=int, default=100_000, help="Stop each run after this many requests.")
    options = parser.parse_args()
    if not options.database.startswith(PREFIX):
        parser.error(f"--database must start with {PREFIX}")
    return options


def largest_event(env):
    code = (
        "import django; django.setup();"
        "from django.db.models import Count; from articles.models import Event;"
        "e = Event.objects.annotate(n=Count('articles')).order_by('-n', 'pk').first();"
        "print(e.slug if e else '')"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode or not done.stdout.strip():
        sys.exit(f"no events in the database; run benchmarks/pages.py first\n{done.stderr[-2000:]}")
    return done.stdout.strip()


def load(port, path, seconds, threads, max_requests):
    """(requests per second, latencies in ms, errors) for GETs of ``path``."""
    lock = threading.Lock()
    times, errors, budget = [], [0], [max_requests]
    stop_at = time.monotonic() + seconds

    def worker():
        while time.monotonic() < stop_at:
            with lock:
                if budget[0] <= 0:
                    return
                budget[0] -= 1
            start = time.perf_counter()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                connection.request("GET", path, headers={"Host": "127.0.0.1"})
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
            finally:
                connection.close()
            with lock:
                times.append((time.perf_counter() - start) * 1000)
                errors[0] += not ok

    pool = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    started = time.monotonic()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(seconds + 60)
    return len(times) / (time.monotonic() - started), times, errors[0]


def main():
    options = parse_args()
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_DEBUG", "SECRET_KEY", "ALLOWED_HOSTS")}
    env.update(
        DJANGO_SETTINGS_MODULE="coverage_site.settings",
        DATABASE_URL=f"{options.pg}/{options.database}",
        DJANGO_DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        PYTHONWARNINGS="ignore",
    )
    slug = options.event or largest_event(env)
    paths = {"healthz": "/healthz", "event page": f"/events/{slug}/"}
    with tempfile.TemporaryDirectory() as static_root:
        env["STATIC_ROOT"] = static_root
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env,
                       check=True)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "coverage_site.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", str(options.workers), "--timeout", "60", "--log-level", "warning"],
            cwd=ROOT, env=env,
        )
        results = {}
        try:
            wait_for(port)
            for path in paths.values():  # every worker renders and caches once
                load(port, path, 2, options.threads, 50)
            for name, path in paths.items():
                results[name] = load(port, path, options.seconds, options.threads, options.max_requests)
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()

    print(f"\n{options.workers} gunicorn workers, {options.threads} client threads, {options.seconds:.0f} s each")
    print(f"{'url':34} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
    for name, path in paths.items():
        rate, times, errors = results[name]
        print(f"{path:34} {rate:8.1f} {percentile(times, 50):8.1f} {percentile(times, 95):8.1f} {errors:7d}")
    ratio = results["event page"][0] / results["healthz"][0] if results["healthz"][0] else 0.0
    ok = ratio >= TARGET_RATIO and not any(r[2] for r in results.values())
    print(f"\nevent page / healthz: {ratio:.2f} (target >= {TARGET_RATIO}) {'ok' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
