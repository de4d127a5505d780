"""Helpers for the security tests: production environments for child
processes, and a clean login-attempt cache for every test."""
from __future__ import annotations

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def secret_key() -> str:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(50))


def production_env(tmp_path: Path, **extra) -> dict:
    """What docs/deploy.md asks for: debug off, a real key, a host, a TLS proxy."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    for name in ("DJANGO_DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "BEHIND_TLS_PROXY", "CACHE_URL",
                 "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_PRELOAD",
                 "SECURE_HSTS_INCLUDE_SUBDOMAINS", "TRUSTED_PROXY_COUNT", "STATIC_ROOT",
                 "DJANGO_ALLOW_ASYNC_UNSAFE"):  # set in-process by the browser tests
        env.pop(name, None)
    env.update(
        DJANGO_SETTINGS_MODULE="coverage_site.settings",
        DJANGO_DEBUG="false",
        SECRET_KEY=secret_key(),
        ALLOWED_HOSTS="example.org",
        BEHIND_TLS_PROXY="true",
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        PYTHONWARNINGS="ignore",
    )
    env.update({k: str(v) for k, v in extra.items()})
    return {k: v for k, v in env.items() if v != "<unset>"}


def manage(*args, env: dict, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *map(str, args)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout,
    )


@pytest.fixture(autouse=True)
def _empty_cache():
    """Login-attempt counts live in the cache: no test inherits another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
