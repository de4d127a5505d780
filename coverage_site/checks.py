"""System checks on the deployment's settings (``manage.py check --deploy``)."""
import importlib.util

from django.conf import settings
from django.core.checks import Error, Tags, register

# Cache backends that need a client library besides Django.
CACHE_CLIENTS = {
    "django.core.cache.backends.redis.RedisCache": ("redis", "pip install -e '.[redis]'"),
}


@register(Tags.caches, deploy=True)
def cache_client_installed(app_configs, **kwargs):
    """CACHE_URL names Redis but its client is not installed: every cache
    read would fail (the site would run, slowly, without a cache)."""
    errors = []
    for alias, config in settings.CACHES.items():
        needed = CACHE_CLIENTS.get(config.get("BACKEND", ""))
        if needed and importlib.util.find_spec(needed[0]) is None:
            module, install = needed
            errors.append(
                Error(
                    f"The {alias!r} cache uses {config['BACKEND']}, but its client {module!r} is not installed.",
                    hint=f"Install it with {install}, or set CACHE_URL to file:///some/dir or leave it unset.",
                    id="coverage_site.E001",
                )
            )
    return errors
