"""Score extraction against an answer key: ``python manage.py evaluate KEY.json``.

The key's articles are imported into a throw-away database (the real one is
never touched), exported, and compared with the key section by section.
"""
import json
import os
import tempfile
from contextlib import contextmanager
from importlib import import_module
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

SECTIONS = {
    "metadata": "articles.scoring.metadata:score_metadata",
    "quotes": "articles.scoring.quotes:score_quotes",
    "people": "articles.scoring.quotes:score_people",
    "claims": "claims.scoring:score_claims",
}


class Command(BaseCommand):
    help = "Compare what Parallax extracts from a key's articles with the key."

    def add_arguments(self, parser):
        parser.add_argument("key", metavar="GOLD.json", help="Answer key in the format of gold/seeds.json.")
        parser.add_argument("--only", choices=list(SECTIONS), action="append", help="Score only this part (repeatable).")
        parser.add_argument(
            "--articles",
            metavar="DIR",
            help="Folder holding the key's article files (default: ../seeds beside the key, then the project's seeds/).",
        )

    def handle(self, key, only=None, articles=None, **options):
        gold = self._load_key(key)
        folder = self._find_folder(key, articles, [a["file"] for a in gold["articles"]])
        paths = [folder / a["file"] for a in gold["articles"]]
        raw_files = {p.name: p.read_bytes().decode("utf-8", "replace") for p in paths}

        with throwaway_database():
            log = StringIO()
            try:
                call_command("ingest", *map(str, paths), stdout=log, stderr=log, verbosity=1)
            except SystemExit:
                pass  # failures are in the log and show as missing articles below
            from articles.exporting import merged_export
            from articles.models import Event

            events = list(Event.objects.order_by("id"))
            export = merged_export(events)

        self.stdout.write(f"Imported {len(export.get('articles', []))} of {len(paths)} articles into {len(events)} event(s).")
        for line in log.getvalue().splitlines():
            if line.startswith("error:"):
                self.stdout.write("  " + line)
        for name in only or list(SECTIONS):
            module, function = SECTIONS[name].split(":")
            section = getattr(import_module(module), function)(
                gold, export, **({"raw_files": raw_files} if name == "metadata" else {})
            )
            self.stdout.write("")
            self.stdout.write(self.style.MIGRATE_HEADING(section.title))
            for line in section.lines:
                self.stdout.write("  " + line)
            for metric, value in section.metrics.items():
                shown = f"{value:.3f}" if isinstance(value, float) else str(value)
                self.stdout.write(f"  {metric}: {shown}")

    def _load_key(self, key):
        try:
            with open(key, encoding="utf-8") as handle:
                gold = json.load(handle)
        except OSError as exc:
            raise CommandError(f"cannot read {key}: {exc.strerror}", returncode=2) from None
        except ValueError as exc:
            raise CommandError(f"{key} is not valid JSON: {exc}", returncode=2) from None
        if not isinstance(gold, dict) or not all(
            isinstance(a, dict) and isinstance(a.get("file"), str) for a in gold.get("articles") or [None]
        ):
            raise CommandError(f"{key} has no 'articles' list of objects with a 'file'", returncode=2)
        return gold

    def _find_folder(self, key, given, files):
        places = [Path(given)] if given else [Path(key).resolve().parent.parent / "seeds", Path(settings.BASE_DIR) / "seeds"]
        for place in places:
            if all((place / name).is_file() for name in files):
                return place
        raise CommandError(
            f"the key's article files are not in {' or '.join(map(str, places))} (use --articles DIR)",
            returncode=2,
        )


@contextmanager
def throwaway_database():
    """Point the default connection at a new, migrated database, then drop it."""
    connection = connections["default"]
    test_settings = connection.settings_dict.setdefault("TEST", {})
    saved_test_name, saved_name = test_settings.get("NAME"), connection.settings_dict["NAME"]
    scratch = None
    if connection.vendor == "sqlite":
        scratch = tempfile.NamedTemporaryFile(prefix="parallax-eval-", suffix=".sqlite3", delete=False)
        scratch.close()
        test_settings["NAME"] = scratch.name
    else:
        test_settings["NAME"] = f"parallax_eval_{os.getpid()}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(saved_name, verbosity=0)
        test_settings["NAME"] = saved_test_name
        if scratch is not None and os.path.exists(scratch.name):
            os.unlink(scratch.name)
