#!/usr/bin/env python
"""Django's command-line utility for Parallax."""
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coverage_site.settings")
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except BrokenPipeError:
        # `manage.py export SLUG | head`: the reader has what it wanted.
        # Point stdout at nothing so that flushing it at exit cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)


if __name__ == "__main__":
    main()
