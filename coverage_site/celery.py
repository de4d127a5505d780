"""The Celery app queued imports run on: ``celery -A coverage_site worker``.

Configured from Django's settings (the ``CELERY_`` names); the tasks are in
``articles/tasks.py``.
"""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coverage_site.settings")

app = Celery("coverage_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
