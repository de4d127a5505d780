"""Every response carries the browser-side defences: a strict
Content-Security-Policy, no sniffing, no framing, a tight referrer."""
import pytest

pytestmark = pytest.mark.django_db

PAGES = ["/", "/admin/login/", "/no-such-page/"]


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_a_strict_content_security_policy(client, url):
    policy = directives(client.get(url).headers["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    flat = " ".join(word for words in policy.values() for word in words)
    assert "'unsafe-inline'" not in flat and "'unsafe-eval'" not in flat and "*" not in flat


@pytest.mark.parametrize("url", PAGES)
def test_every_page_forbids_sniffing_framing_and_leaky_referrers(client, url):
    response = client.get(url)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_a_view_may_tighten_the_policy_but_the_default_is_never_dropped(rf, settings):
    from django.http import HttpResponse

    from coverage_site.middleware import ContentSecurityPolicyMiddleware

    strict = "default-src 'none'"
    middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponse(headers={"Content-Security-Policy": strict}))
    assert middleware(rf.get("/")).headers["Content-Security-Policy"] == strict
    plain = ContentSecurityPolicyMiddleware(lambda request: HttpResponse())
    assert "script-src 'self'" in plain(rf.get("/")).headers["Content-Security-Policy"]


def test_https_requests_get_hsts_behind_a_tls_proxy(client, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/admin/login/", headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 200
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    insecure = client.get("/admin/login/", headers={"X-Forwarded-Proto": "http"})
    assert insecure.status_code == 301 and insecure.headers["Location"].startswith("https://")


def test_cookies_are_secure_and_http_only_behind_a_tls_proxy(client, settings, django_user_model):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    django_user_model.objects.create_superuser("boss", "boss@example.org", "correct horse battery")
    client.get("/admin/login/")
    response = client.post("/admin/login/", {"username": "boss", "password": "correct horse battery"})
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    assert client.cookies["csrftoken"]["secure"]


def test_the_site_never_loads_scripts_from_elsewhere(client):
    body = client.get("/").content.decode()
    assert "<script>" not in body  # no inline script: the CSP would block it
    for marker in ("unpkg.com", "cdn.jsdelivr", "cdnjs", "googleapis"):
        assert marker not in body
