"""The page cache: what the public pages keep between visits, and how.

- **Fresh**: per-event entries are keyed on the event's ``changed_at``, and
  site-wide ones on the newest ``changed_at`` of all (``site_version``);
  ``articles.freshness`` moves those on with every write that shows. The
  timeout only bounds the memory a forgotten entry holds.
- **Bounded**: only the unfiltered list of a page is kept (filters are free
  text), once its page number is known to exist, and only its first
  ``MAX_CACHED_PAGES`` pages; unknown query parameters are dropped from
  the key. An event thus holds a fixed number of entries per version,
  whatever visitors ask for.
- **Fail-safe**: the cache is an optimisation. Any error from it (Redis
  down, its client missing) is logged and the page is rendered without
  it, never a 500.
"""
from __future__ import annotations

import logging

from django.core.cache import cache
from django.db.models import Count, Max

from articles.models import Event
from coverage_site.pagination import page_number

log = logging.getLogger(__name__)

TIMEOUT = 60 * 60
# Deeper pages of a list are rendered on each visit: few read them, and a
# crawler walking them must not fill the cache.
MAX_CACHED_PAGES = 10

_MISSING = object()


def get(key):
    """The cached value, or ``_MISSING`` when absent or the cache fails."""
    try:
        return cache.get(key, _MISSING)
    except Exception:  # any backend error: render without the cache
        log.warning("page cache: reading %s failed; rendering without the cache", key, exc_info=True)
        return _MISSING


def put(key, value):
    try:
        cache.set(key, value, TIMEOUT)
    except Exception:  # any backend error: the page is served all the same
        log.warning("page cache: storing %s failed", key, exc_info=True)


def kept(key, compute):
    """``compute()``, kept under ``key``. Whatever ``compute`` raises (a 404
    for a page that does not exist) propagates and nothing is stored."""
    value = get(key)
    if value is _MISSING:
        value = compute()
        put(key, value)
    return value


def for_event(event, name, compute):
    """``compute()``, kept until ``event`` next changes."""
    return kept(f"event:{event.pk}:{event.changed_at.isoformat()}:{name}", compute)


def site_version() -> str:
    """Changes whenever any event does (or one is added or deleted): the key
    for cached site-wide lists whose rows all belong to events."""
    found = Event.objects.aggregate(last=Max("changed_at"), n=Count("pk"))
    return f"{found['n']}:{found['last'].isoformat() if found['last'] else ''}"


def for_site(name, compute):
    """``compute()``, kept until any event changes."""
    return kept(f"site:{site_version()}:{name}", compute)


def list_variant(request, filters) -> str | None:
    """The cache key's part for a list page, or None when it is not kept.

    ``filters`` are the names of the page's filter parameters; any other
    parameter but ``page`` is dropped. A filtered list, or a page past
    MAX_CACHED_PAGES, is not kept.
    """
    if any(request.GET.get(name, "") for name in filters):
        return None
    number = page_number(request)
    if number > MAX_CACHED_PAGES:
        return None
    return f"page={number}"
