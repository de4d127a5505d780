"""Parallax's project package. With the ``.[queue]`` extra installed, the
Celery app is loaded with Django, as Celery's Django guide has it, so that
tasks sent by ``ingest --queue`` use its configuration."""
from importlib.util import find_spec

if find_spec("celery") is not None:
    from coverage_site.celery import app as celery_app

    __all__ = ["celery_app"]
