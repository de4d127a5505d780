"""Bounded load test: gunicorn (2 workers) on loopback, PostgreSQL, seeds.

    .venv/bin/python benchmarks/load_test.py --seconds 60

Prepares a PostgreSQL database (drop, create, migrate, ingest seeds/), runs
collectstatic into a temporary folder, starts gunicorn with the production
settings on 127.0.0.1, then sends concurrent GETs to the main pages for the
given time (or until --max-requests), stops gunicorn and prints the error
count, latency percentiles and requests per second. Exit status 1 when any
request failed. Never run as a unit test; only talks to 127.0.0.1.
"""
from __future__ import annotations

import argparse
import http.client
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="How long to send requests (default 60).")
    parser.add_argument("--threads", type=int, default=8, help="Concurrent client threads (default 8).")
    parser.add_argument("--max-requests", type=int, default=20_000, help="Stop after this many requests in all.")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2).")
    parser.add_argument("--database", default="parallax_load", help="PostgreSQL database to (re)create.")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432",
                        help="PostgreSQL server URL without the database name.")
    parser.add_argument("--keep-database", action="store_true", help="Reuse the database if it has articles.")
    return parser.parse_args()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(args, env, **kwargs):
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, **kwargs)
    if done.returncode not in (0,) and not kwargs.get("allow_fail"):
        sys.exit(f"failed: {' '.join(map(str, args))}\n{done.stderr[-3000:]}")
    return done


def prepare(options, env, static_root):
    import psycopg2

    url = f"{options.pg}/{options.database}"
    server = psycopg2.connect(f"{options.pg}/postgres")
    server.autocommit = True
    with server.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [options.database])
        exists = cur.fetchone()
        if exists and not options.keep_database:
            cur.execute(f'DROP DATABASE "{options.database}" WITH (FORCE)')
            exists = None
        if not exists:
            cur.execute(f'CREATE DATABASE "{options.database}"')
    server.close()
    env = dict(env, DATABASE_URL=url)
    manage = [sys.executable, str(ROOT / "manage.py")]
    print("migrating", url, flush=True)
    run(manage + ["migrate", "--noinput"], env)
    print("importing seeds/", flush=True)
    subprocess.run(manage + ["ingest", str(ROOT / "seeds"), "-v", "0"], cwd=ROOT, env=env, check=False)
    print("collecting static files", flush=True)
    run(manage + ["collectstatic", "--noinput", "-v", "0"], dict(env, STATIC_ROOT=str(static_root)))
    return env


def discover(port):
    """The URLs to load: the events list and one of each page from the seeded data."""
    import json

    env = dict(os.environ)
    code = (
        "import django, json; django.setup();"
        "from articles.models import Article, Event;"
        "from claims.models import Claim;"
        "from django.urls import reverse;"
        "e = Event.objects.order_by('id').first(); a = Article.objects.order_by('id').first();"
        "c = Claim.objects.order_by('id').first();"
        "urls = ['/', reverse('articles:search') + '?q=Iran', reverse('articles:people')];"
        "urls += [reverse('articles:event', args=[e.slug]), reverse('articles:event_quotes', args=[e.slug]),"
        "         reverse('claims:event_claims', args=[e.slug]), reverse('articles:compare', args=[e.slug])] if e else [];"
        "urls += [reverse('articles:article', args=[a.pk])] if a else [];"
        "urls += [reverse('claims:claim', args=[c.pk])] if c else [];"
        "print(json.dumps(urls))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(done.stderr[-3000:])
    return json.loads(done.stdout)


def main():
    options = parse_args()
    base_env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_DEBUG", "SECRET_KEY", "ALLOWED_HOSTS")}
    base_env.update(
        DJANGO_SETTINGS_MODULE="coverage_site.settings",
        DJANGO_DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        PYTHONWARNINGS="ignore",
    )
    with tempfile.TemporaryDirectory() as static_root:
        env = prepare(options, base_env, static_root)
        env["STATIC_ROOT"] = static_root
        os.environ.update(env)
        urls = discover(None)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "coverage_site.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", str(options.workers), "--timeout", "60", "--log-level", "warning"],
            cwd=ROOT, env=env,
        )
        try:
            wait_for(port)
            results = load(port, urls, options)
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
    return report(results, urls, options)


def wait_for(port):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    sys.exit("gunicorn did not start")


def load(port, urls, options):
    lock = threading.Lock()
    results: list[tuple[str, int, float]] = []  # (url, status or -1, seconds)
    budget = [options.max_requests]
    stop_at = time.monotonic() + options.seconds

    def worker(offset):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        n = offset
        while time.monotonic() < stop_at:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            url = urls[n % len(urls)]
            n += 1
            start = time.perf_counter()
            try:
                connection.request("GET", url, headers={"Host": "127.0.0.1"})
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                status = -1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            elapsed = time.perf_counter() - start
            with lock:
                results.append((url, status, elapsed))
        connection.close()

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(options.threads)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(options.seconds + 60)
    return results, time.monotonic() - started


def percentile(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * p / 100
    low, high = int(k), min(int(k) + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (k - low)


def report(outcome, urls, options):
    results, wall = outcome
    errors = [r for r in results if r[1] != 200]
    times = [r[2] * 1000 for r in results]
    print(f"\n{len(results)} requests in {wall:.1f} s with {options.threads} threads, "
          f"{options.workers} gunicorn workers: {len(results) / wall:.1f} requests/s")
    print(f"errors: {len(errors)}" + (" (zero-error check passed)" if not errors else " (zero-error check FAILED)"))
    print(f"latency ms: p50 {percentile(times, 50):.1f}  p95 {percentile(times, 95):.1f}  "
          f"p99 {percentile(times, 99):.1f}  max {max(times, default=0):.1f}  mean {statistics.fmean(times) if times else 0:.1f}")
    print("\nper page (count, p50, p95 ms):")
    for url in urls:
        mine = [r[2] * 1000 for r in results if r[0] == url]
        bad = sum(1 for r in results if r[0] == url and r[1] != 200)
        print(f"  {url:45} {len(mine):6d} {percentile(mine, 50):8.1f} {percentile(mine, 95):8.1f}"
              + (f"  {bad} errors" if bad else ""))
    for url, status, _ in errors[:10]:
        print(f"  error: {status} {url}")
    return 1 if errors or not results else 0


if __name__ == "__main__":
    sys.exit(main())
