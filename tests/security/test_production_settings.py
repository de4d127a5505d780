"""Production configuration, checked the way it is deployed: by starting
``manage.py`` (and gunicorn) in child processes with the production
environment that docs/deploy.md describes."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.security.conftest import ROOT, manage, production_env

SHOW_SETTINGS = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({name: getattr(s, name, None) for name in [
    "DEBUG", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT", "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY", "SESSION_COOKIE_HTTPONLY", "X_FRAME_OPTIONS", "ALLOWED_HOSTS", "CACHES",
]}, default=str))
"""


def settings_in(env) -> dict:
    done = subprocess.run([sys.executable, "-c", SHOW_SETTINGS], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize(
    "unset, message",
    [
        ("SECRET_KEY", "ImproperlyConfigured: SECRET_KEY must be set when DJANGO_DEBUG is off."),
        ("ALLOWED_HOSTS", "ImproperlyConfigured: ALLOWED_HOSTS must be set when DJANGO_DEBUG is off."),
    ],
)
def test_debug_off_refuses_to_start_without(unset, message, tmp_path):
    done = manage("check", env=production_env(tmp_path, **{unset: "<unset>"}))
    assert done.returncode != 0
    # The last line is the one a person reads: what is wrong, in one line.
    assert done.stderr.strip().splitlines()[-1].endswith(message)


def test_an_empty_allowed_hosts_is_refused_too(tmp_path):
    done = manage("check", env=production_env(tmp_path, ALLOWED_HOSTS=" , "))
    assert done.returncode != 0
    assert "ALLOWED_HOSTS must be set" in done.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize("name", ["DJANGO_DEBUG", "BEHIND_TLS_PROXY", "SECURE_HSTS_SECONDS", "LOGIN_RATE_LIMIT"])
def test_a_malformed_value_is_named_in_one_line(name, tmp_path):
    done = manage("check", env=production_env(tmp_path, **{name: "maybe"}))
    assert done.returncode != 0
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("django.core.exceptions.ImproperlyConfigured: ") and name in last


def test_an_unknown_cache_url_is_refused(tmp_path):
    done = manage("check", env=production_env(tmp_path, CACHE_URL="memcached://x"))
    assert done.returncode != 0
    assert "CACHE_URL must start with" in done.stderr.strip().splitlines()[-1]


def test_check_deploy_is_clean_in_production(tmp_path):
    done = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env(tmp_path))
    assert done.returncode == 0, done.stderr + done.stdout
    assert done.stdout.strip() == "System check identified no issues (0 silenced)."
    assert "WARNING" not in done.stderr


def test_check_deploy_warns_without_a_tls_proxy(tmp_path):
    # Without HTTPS the same settings must not pass quietly.
    done = manage("check", "--deploy", env=production_env(tmp_path, BEHIND_TLS_PROXY="false"))
    assert "security.W004" in done.stderr and "security.W012" in done.stderr


def test_behind_a_tls_proxy_cookies_are_secure_and_hsts_is_on(tmp_path):
    values = settings_in(production_env(tmp_path))
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"] and values["SESSION_COOKIE_HTTPONLY"]
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["ALLOWED_HOSTS"] == ["example.org"]


def test_development_defaults_still_work_over_plain_http(tmp_path):
    env = production_env(tmp_path, DJANGO_DEBUG="<unset>", SECRET_KEY="<unset>", ALLOWED_HOSTS="<unset>",
                         BEHIND_TLS_PROXY="<unset>")
    values = settings_in(env)
    assert values["DEBUG"] is True
    assert not values["SECURE_SSL_REDIRECT"] and not values["SESSION_COOKIE_SECURE"]
    assert values["SECURE_HSTS_SECONDS"] == 0
    assert values["SECURE_PROXY_SSL_HEADER"] is None
    assert "localhost" in values["ALLOWED_HOSTS"]


@pytest.mark.parametrize("url, backend", [
    ("redis://127.0.0.1:6379/3", "django.core.cache.backends.redis.RedisCache"),
    ("file:///tmp/parallax-cache", "django.core.cache.backends.filebased.FileBasedCache"),
    ("<unset>", "django.core.cache.backends.locmem.LocMemCache"),
])
def test_cache_url_picks_the_backend(url, backend, tmp_path):
    values = settings_in(production_env(tmp_path, CACHE_URL=url))
    assert values["CACHES"]["default"]["BACKEND"] == backend


def test_collectstatic_works_with_the_manifest_storage(tmp_path):
    env = production_env(tmp_path)
    done = manage("collectstatic", "--noinput", env=env)
    assert done.returncode == 0, done.stderr
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())["paths"]
    assert "django_htmx/htmx-2.min.js" in manifest  # what {% htmx_script %} loads
    assert "admin/css/base.css" in manifest
    # Compressed copies for whitenoise to serve.
    assert (tmp_path / "static" / manifest["admin/css/base.css"]).with_suffix(".css.gz").exists()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url, headers):
    request = urllib.request.Request(url, headers=headers)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_gunicorn_serves_the_site_with_production_headers(tmp_path):
    """The documented production command: migrate, collectstatic, gunicorn."""
    env = production_env(tmp_path)
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        done = manage(*command, env=env)
        assert done.returncode == 0, done.stderr
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "coverage_site.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--timeout", "30"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        proxied = {"Host": "example.org", "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
        for _ in range(100):
            try:
                status, headers, body = _get(base + "/", proxied)
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not answer: " + server.stderr.read1().decode(errors="replace"))
        assert status == 200, body[:2000]
        assert "max-age=31536000" in headers["Strict-Transport-Security"]
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        # Plain HTTP through the proxy is sent to HTTPS.
        status, headers, _ = _get(base + "/", {**proxied, "X-Forwarded-Proto": "http"})
        assert status == 301 and headers["Location"] == "https://example.org/"
        # A host that is not ours is refused, not served.
        status, _, _ = _get(base + "/", {**proxied, "Host": "evil.example"})
        assert status == 400
        # Hashed, compressed static files come from whitenoise.
        status, headers, _ = _get(base + "/admin/login/", proxied)
        assert status == 200
        status, headers, _ = _get(base + "/static/admin/css/base.css", {**proxied, "Accept-Encoding": "gzip"})
        assert status == 200
        assert headers.get("Content-Encoding") == "gzip"
        # Debug pages never leak: an unknown URL is a plain 404.
        status, _, body = _get(base + "/no-such-page/", proxied)
        assert status == 404 and b"Traceback" not in body and b"URLconf" not in body
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stderr.close()
