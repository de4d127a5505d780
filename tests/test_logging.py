"""Logging is configured once: each message reaches one handler."""
import subprocess
import sys

from tests.conftest import ROOT_DIR

COUNT = """
import logging
for name in ("django.utils.autoreload", "django.request", "articles.text.html", "coverage_site"):
    found, logger = [], logging.getLogger(name)
    while logger is not None:
        found += logger.handlers
        logger = logger.parent if logger.propagate else None
    print(name, len(found))
"""


def test_each_message_reaches_one_handler():
    """Run as the site runs (pytest adds handlers of its own to the root)."""
    done = subprocess.run([sys.executable, "manage.py", "shell", "--no-imports", "-c", COUNT], cwd=ROOT_DIR,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    counts = dict(line.rsplit(" ", 1) for line in done.stdout.splitlines() if line.strip())
    assert counts == dict.fromkeys(counts, "1") and len(counts) == 4
