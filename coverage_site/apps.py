from django.apps import AppConfig


class CoverageSiteConfig(AppConfig):
    """The public site: its template tags, and the checks of its settings."""

    name = "coverage_site"
    verbose_name = "Public site"

    def ready(self):
        from coverage_site import checks  # noqa: F401  (registers the system checks)
