"""The page cache: nothing cached for pages that do not exist, a bounded
number of entries per event, no cookie or CSRF token on public pages, and a
cache that is down costs speed, never a page."""
import importlib.util

import pytest
from django.core.checks import run_checks
from django.db import connection
from django.urls import reverse

from articles.models import Event, Quote
from coverage_site import page_cache
from coverage_site.views import event as event_view
from tests.e2e.factories import build_event

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}
UNREACHABLE = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}


@pytest.fixture(autouse=True)
def _static_root(settings, tmp_path_factory):
    # WhiteNoise warns (an error here) when collectstatic has not run.
    settings.STATIC_ROOT = str(tmp_path_factory.mktemp("static"))


@pytest.fixture
def stored(monkeypatch):
    """The keys the page cache stores, in order."""
    keys = []
    real = page_cache.put

    def put(key, value):
        keys.append(key)
        real(key, value)

    monkeypatch.setattr(page_cache, "put", put)
    return keys


def public_urls(event, articles):
    quote = Quote.objects.filter(article__event=event, group__isnull=False).first()
    claim = event.claims.order_by("pk").first()
    return [
        reverse("articles:events"),
        reverse("articles:events") + "?q=envoys",
        event.get_absolute_url(),
        reverse("articles:event_quotes", args=[event.slug]),
        reverse("articles:quote_group", args=[event.slug, quote.group_id]),
        reverse("articles:compare", args=[event.slug]) + f"?a={articles[0].pk}&a={articles[1].pk}",
        articles[0].get_absolute_url(),
        articles[0].outlet.get_absolute_url(),
        reverse("articles:people"),
        reverse("articles:person", args=["ada-envoy"]),
        reverse("articles:search") + "?q=envoys",
        reverse("claims:event_claims", args=[event.slug]),
        claim.get_absolute_url(),
    ]


PAGED = ["events", "event", "quotes", "outlet", "people", "person", "search", "claims"]


def paged_url(name, event, articles):
    return {
        "events": reverse("articles:events"),
        "event": event.get_absolute_url(),
        "quotes": reverse("articles:event_quotes", args=[event.slug]),
        "outlet": articles[0].outlet.get_absolute_url(),
        "people": reverse("articles:people"),
        "person": reverse("articles:person", args=["ada-envoy"]),
        "search": reverse("articles:search") + "?q=envoys",
        "claims": reverse("claims:event_claims", args=[event.slug]),
    }[name]


@pytest.mark.parametrize("name", PAGED)
@pytest.mark.parametrize("bad", ["2", "1000000", "0", "-1", "abc", "1.5", "%EF%BC%91"])
def test_a_page_that_does_not_exist_is_404_and_caches_nothing(client, stored, name, bad):
    event, articles = build_event(2)
    url = paged_url(name, event, articles)
    joiner = "&" if "?" in url else "?"
    stored.clear()
    assert client.get(f"{url}{joiner}page={bad}").status_code == 404
    assert client.get(f"{url}{joiner}page={bad}", **HX).status_code == 404
    assert not any(f"page={bad}" in key or key.endswith(f":{bad}") for key in stored), stored


def test_unknown_parameters_share_the_unfiltered_lists_entry(client, stored):
    event, _ = build_event(2)
    base = reverse("articles:event_quotes", args=[event.slug])
    client.get(base)
    first = list(stored)
    for query in ["?utm_source=x", "?page=1&b=2&a=1", "?q=", "?page=1&page=1"]:
        assert client.get(base + query).status_code == 200
    assert stored == first  # every one of them was read from the first visit's entries


def test_an_event_holds_a_bounded_number_of_entries(client, stored, monkeypatch):
    monkeypatch.setattr(event_view, "TIMELINE_PAGE", 1)
    event, _ = build_event(page_cache.MAX_CACHED_PAGES + 5)
    for number in range(1, page_cache.MAX_CACHED_PAGES + 6):
        assert client.get(f"{event.get_absolute_url()}?page={number}").status_code == 200
        assert client.get(f"{event.get_absolute_url()}?page={number}&x={number}").status_code == 200
    overviews = [key for key in stored if ":overview:" in key]
    assert len(overviews) == page_cache.MAX_CACHED_PAGES


def test_anonymous_visitors_get_no_cookie_and_no_csrf_token(client):
    event, articles = build_event(2)
    for url in public_urls(event, articles):
        for headers in ({}, HX):
            response = client.get(url, **headers)
            assert response.status_code == 200, url
            assert "Set-Cookie" not in response.headers, url
            assert "csrfmiddlewaretoken" not in response.content.decode() and "X-CSRFToken" not in response.content.decode()
    assert not client.cookies


def test_content_that_looks_like_the_old_csrf_placeholder_is_just_text(client):
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL stores no NUL, so no stored text can hold the old placeholder")
    event, _ = build_event(2)
    Event.objects.filter(pk=event.pk).update(title="Summit \x00csrf-token\x00 talks")
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    html = response.content.decode()
    assert "<title>Summit \x00csrf-token\x00 talks · Parallax</title>" in html  # as stored, nothing spliced in


def test_with_the_cache_unreachable_every_public_page_answers(client, settings, caplog):
    event, articles = build_event(2)
    settings.CACHES = UNREACHABLE
    for url in public_urls(event, articles):
        for headers in ({}, HX):
            assert client.get(url, **headers).status_code == 200, url
    assert "rendering without the cache" in caplog.text
    assert client.get(reverse("admin:login")).status_code == 200
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.content.decode() == "cache: down\n"


def test_a_login_with_the_cache_unreachable_is_not_a_server_error(client, settings, django_user_model):
    django_user_model.objects.create_superuser("boss", "boss@example.org", "correct horse battery")
    settings.CACHES = UNREACHABLE
    response = client.post(reverse("admin:login"), {"username": "boss", "password": "wrong"})
    assert response.status_code == 200
    response = client.post(reverse("admin:login"), {"username": "boss", "password": "correct horse battery"})
    assert response.status_code == 302


def test_deploy_check_fails_when_the_cache_client_is_missing(settings, monkeypatch):
    def e001():
        return [e for e in run_checks(include_deployment_checks=True) if e.id == "coverage_site.E001"]

    real = importlib.util.find_spec
    installed = {"redis": True}
    monkeypatch.setattr(
        importlib.util, "find_spec",
        lambda name, *a: (real("json") if installed[name] else None) if name == "redis" else real(name, *a),
    )
    settings.CACHES = UNREACHABLE
    assert not e001()
    installed["redis"] = False
    errors = e001()
    assert len(errors) == 1 and "'redis' is not installed" in errors[0].msg
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert not e001()
