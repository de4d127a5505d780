"""Site-wide response headers and login throttling.

- ``ContentSecurityPolicyMiddleware`` sends ``settings.CONTENT_SECURITY_POLICY``
  on every response, so that text scraped from the web which slipped past
  escaping still could not run script.
- ``LoginRateLimitMiddleware`` answers 429 to a login POST once a client
  address has failed too often for one user name, counting failures in the
  cache (Django 5.2 has neither built in). With the cache down it cannot
  count, and lets the attempt through (logged) rather than lock every
  curator out with a 500.
- ``FormerEventAddressMiddleware`` answers 301 when a page under
  ``/events/<slug>/`` is not found at an address an event had before (it
  was renamed, merged, or filed again by the import that printed the
  address): to the same page of that event, query string and all. It looks
  only at 404s, so the pages themselves pay nothing for it.
"""
from __future__ import annotations

import hashlib
import unicodedata
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse

from articles.models import Event

log = logging.getLogger(__name__)


def policy_header(policy: dict[str, list[str]]) -> str:
    return "; ".join(" ".join([name, *values]) for name, values in policy.items())


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.header = policy_header(settings.CONTENT_SECURITY_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        # A view may set a stricter policy of its own; never loosen it.
        response.headers.setdefault("Content-Security-Policy", self.header)
        return response


TOO_MANY = (
    "Too many failed login attempts from your address. "
    "Wait {minutes} minutes and try again."
)


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or the X-Forwarded-For entry the
    trusted proxies added (entries further left are the client's to forge)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def login_name(username: str) -> str:
    """The user name as authentication sees it: Django's login form applies
    NFKC (so "ｂｏｓｓ" and "𝐛𝐨𝐬𝐬" log in as "boss"); case-folded on top,
    since a throttle may be stricter than the lookup, never looser."""
    return unicodedata.normalize("NFKC", username).strip().casefold()


def _keys(request, username: str) -> tuple[str, str]:
    """The cache keys of this address with this name, and of the address
    across all names (one password tried on many accounts)."""
    ip = client_ip(request)
    # Hashed: user names are arbitrary text and cache keys must not be.
    raw = f"{ip}\0{login_name(username)}"
    return (
        "login-failures:" + hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest(),
        "login-failures-address:" + hashlib.sha256(ip.encode("utf-8", "surrogatepass")).hexdigest(),
    )


class LoginRateLimitMiddleware:
    """Throttle POSTs to the admin login by client address and user name."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._login_path = None

    @property
    def login_path(self):
        # Resolved lazily: URLconfs are not loaded when middleware is built.
        if self._login_path is None:
            self._login_path = reverse("admin:login")
        return self._login_path

    def __call__(self, request):
        if request.method != "POST" or request.path != self.login_path:
            return self.get_response(request)
        username = request.POST.get("username", "")
        keys = _keys(request, username)
        limits = (settings.LOGIN_RATE_LIMIT, settings.LOGIN_RATE_LIMIT_PER_ADDRESS)
        window = settings.LOGIN_RATE_WINDOW
        try:
            counts = cache.get_many(keys)
            if any(counts.get(key, 0) >= limit for key, limit in zip(keys, limits)):
                return self.refuse(window)
        except Exception:  # any cache backend error
            log.error("login throttle: the cache does not answer; attempts are not counted", exc_info=True)
            return self.get_response(request)
        response = self.get_response(request)
        try:
            self.count(request, response, keys, window)
        except Exception:  # any cache backend error
            log.error("login throttle: the cache does not answer; attempts are not counted", exc_info=True)
        return response

    @staticmethod
    def count(request, response, keys, window):
        user = getattr(request, "user", None)
        # The login form answers a failed attempt by showing itself again (200);
        # a success redirects. A refused CSRF check (403) is not an attempt.
        if response.status_code == 200 and not (user and user.is_authenticated):
            for key in keys:
                # The window starts at the first failure; later ones do not extend it.
                if not cache.add(key, 1, timeout=window):
                    try:
                        cache.incr(key)
                    except ValueError:  # expired between add and incr
                        cache.add(key, 1, timeout=window)
        elif user and user.is_authenticated:
            cache.delete(keys[0])  # the address's budget across names is not reset by one success

    @staticmethod
    def refuse(window: int) -> HttpResponse:
        minutes = max(1, round(window / 60))
        response = HttpResponse(
            TOO_MANY.format(minutes=minutes) + "\n", status=429, content_type="text/plain; charset=utf-8"
        )
        response.headers["Retry-After"] = str(window)
        return response


# Every route with this in its pattern is a page of one event.
EVENT_ROUTE = "events/<slug:slug>/"


class FormerEventAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = request.resolver_match
        if response.status_code != 404 or match is None or EVENT_ROUTE not in match.route:
            return response
        slug = match.captured_kwargs["slug"]
        current = Event.objects.forwarded(slug).values_list("slug", flat=True).first()
        if current is None:
            return response
        url = reverse(match.view_name, args=match.args, kwargs={**match.captured_kwargs, "slug": current})
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
