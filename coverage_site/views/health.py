"""For load balancers and monitoring: is the database there, and the cache?"""
import logging

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

log = logging.getLogger(__name__)


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:  # any driver error means "down" here
        log.warning("healthz: the database does not answer", exc_info=True)
        return False


def cache_ok() -> bool:
    try:
        cache.set("healthz", "ok", 10)
        return cache.get("healthz") == "ok"
    except Exception:  # any backend error means "down" here
        log.warning("healthz: the cache does not answer", exc_info=True)
        return False


@never_cache
@require_safe
def healthz(request):
    """200 "ok" when the database and the cache answer; otherwise 503 and
    which of them is down. The public pages still work without the cache
    (slower), so a monitor may choose to alert on it rather than drain."""
    down = [name for name, ok in (("database", database_ok()), ("cache", cache_ok())) if not ok]
    if down:
        return HttpResponse(
            "".join(f"{name}: down\n" for name in down), status=503, content_type="text/plain; charset=utf-8"
        )
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
