"""Score extraction against an answer key: ``python manage.py evaluate KEY.json``."""
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.importing import FAILED, ImportRun
from articles.models import Event
from claims.evaluation import SCORERS, KeyFormatError, find_articles, load_key, plain_copies, throwaway_database
from claims.exporting import merged_export


class Command(BaseCommand):
    help = (
        "Compare what Parallax extracts from a key's articles with the key "
        "(key formats: docs/evaluation.md). The real database is never touched."
    )

    def add_arguments(self, parser):
        parser.add_argument("key", metavar="KEY.json", help="An answer key, fact key or development-set key.")
        parser.add_argument(
            "--only", choices=[s.name for s in SCORERS], action="append", help="Score only this part (repeatable)."
        )
        parser.add_argument(
            "--articles",
            metavar="DIR",
            help="Folder holding the key's article files (default: articles/ or the key's own folder, "
            "then ../seeds beside the key, then the project's seeds/).",
        )
        parser.add_argument(
            "--plain",
            action="store_true",
            help="Import each JSON Lines article as plain text (title, blank line, text; no date, URL or outlet), "
            "as articles copied from pages arrive.",
        )

    def handle(self, key, only=None, articles=None, plain=False, **options):
        with tempfile.TemporaryDirectory(prefix="parallax-plain-") as folder:
            self._evaluate(key, only, articles, Path(folder) if plain else None)

    def _evaluate(self, key, only, articles, plain_folder):
        try:
            gold = load_key(key)
            _, paths = find_articles(gold, articles, settings.BASE_DIR / "seeds")
            raw_files = {p.name: p.read_bytes().decode("utf-8", "replace") for p in paths}
            if plain_folder:
                paths = plain_copies(paths, plain_folder)
        except KeyFormatError as exc:
            raise CommandError(str(exc), returncode=2) from None

        with throwaway_database():
            run = ImportRun(max_bytes=settings.INGEST_MAX_BYTES, model_name=settings.SPACY_MODEL)
            failures = [o for o in run.run([str(p) for p in paths]) if o.kind == FAILED]
            events = list(Event.objects.order_by("id"))
            export = merged_export(events)

        self.stdout.write(f"Imported {len(export.get('articles', []))} of {len(paths)} articles into {len(events)} event(s).")
        for failure in failures:
            self.stdout.write(f"  error: {failure.path}: {failure.reason}")
        for scorer in SCORERS:
            if (only and scorer.name not in only) or not scorer.applies(gold):
                continue
            section = scorer.score(gold, export, raw_files)
            self.stdout.write("")
            self.stdout.write(self.style.MIGRATE_HEADING(section.title))
            for line in section.lines:
                self.stdout.write("  " + line)
            for metric, value in section.metrics.items():
                shown = f"{value:.3f}" if isinstance(value, float) else str(value)
                self.stdout.write(f"  {metric}: {shown}")
