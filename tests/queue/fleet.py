"""Start and stop what a queued import needs, for the tests and the
benchmark: Celery worker processes, a private Redis, ``ingest`` as a child.

Every process is started here, in its own process group, and stopped by its
PID; nothing is left running.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import redis
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")
# The machine's Redis (started by .ci/run); database 7 is the queue tests' own.
REDIS_URL = os.environ.get("QUEUE_TEST_REDIS_URL", "redis://127.0.0.1:6379/7")


def database_url() -> str:
    """The URL of the database this process uses (the test database)."""
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "") + "@" if db["USER"] else ""
    return f"postgres://{auth}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def child_env(broker: str, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(
        DJANGO_SETTINGS_MODULE="coverage_site.settings",
        DATABASE_URL=database_url(),
        CELERY_BROKER_URL=broker,
        PYTHONUNBUFFERED="1",
        PYTHONWARNINGS="ignore",
    )
    env.pop("INGEST_BROKER_URL", None)
    env.update({k: str(v) for k, v in extra.items()})
    return env


def redis_answers(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def flush(url: str) -> None:
    """Empty the one Redis database the URL names (never the others)."""
    redis.Redis.from_url(url).flushdb()


class Worker:
    """``celery -A coverage_site worker`` with one pool process."""

    def __init__(self, name: str, broker: str, log: Path, **env):
        self.log = log
        with log.open("w") as out:
            self.process = subprocess.Popen(
                [str(CELERY), "-A", "coverage_site", "worker", "-n", f"{name}@%h", "--concurrency", "1",
                 "--without-mingle", "--without-gossip", "--loglevel", "INFO"],
                cwd=ROOT, env=child_env(broker, **env), stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_ready(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if " ready." in self.log.read_text(errors="replace"):
                return
            if self.process.poll() is not None:
                raise AssertionError(f"worker exited:\n{self.log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.2)
        raise AssertionError(f"worker not ready after {timeout}s:\n{self.log.read_text(errors='replace')[-3000:]}")

    def stop(self) -> None:
        """Warm shutdown, then the whole group by its id if it lingers."""
        if self.process.poll() is None:
            os.killpg(self.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.pid, signal.SIGKILL)
                self.process.wait()
        try:
            os.killpg(self.pid, signal.SIGKILL)  # pool processes the parent left behind
        except ProcessLookupError:
            pass


def start_workers(count: int, broker: str, folder: Path, **env) -> list[Worker]:
    workers = [Worker(f"w{n}", broker, folder / f"worker-{n}.log", **env) for n in range(1, count + 1)]
    for worker in workers:
        worker.wait_ready()
    return workers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivateRedis:
    """A redis-server of our own on a loopback port, its data in ``folder``
    (append-only, as a broker that must survive a restart is run)."""

    def __init__(self, folder: Path, port: int | None = None):
        self.folder, self.port = folder, port or free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self) -> None:
        with (self.folder / "redis.log").open("a") as out:
            self.process = subprocess.Popen(
                ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
                 "--appendonly", "yes", "--appendfsync", "always", "--dir", str(self.folder)],
                stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            )
        deadline = time.monotonic() + 30
        while not redis_answers(self.url):
            assert time.monotonic() < deadline, "private redis-server did not start"
            time.sleep(0.1)

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()


def ingest(*args, broker: str, **env) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "ingest", "--queue", *map(str, args)],
        cwd=ROOT, env=child_env(broker, **env), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
