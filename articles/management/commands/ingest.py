"""Import scraped articles: ``python manage.py ingest PATH [PATH ...]``."""
import re

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.importing import FAILED, IMPORTED, SKIPPED, ImportRun
from articles.management.database import require_database
from articles.services import UNKNOWN_OUTLET
from articles.sources import MAX_OUTLET_NAME, missing_paths
from articles.terminal import printable, shown

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,120}")
MAX_EVENT_TITLE = 300  # Event.title


class Command(BaseCommand):
    help = "Import articles from text, HTML or JSON Lines files (folders are walked)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Files or folders to import.")
        parser.add_argument("--event", metavar="SLUG", help="Put every article into this event (created if missing).")
        parser.add_argument("--event-title", metavar="TEXT", help="Title for a newly created event.")
        parser.add_argument(
            "--outlet", metavar="NAME",
            help="Outlet of the files imported, for files that do not name their own (a JSON Lines record's 'outlet' still wins).",
        )
        parser.add_argument("--workers", type=int, default=1, metavar="N", help="NLP worker processes (default 1).")
        parser.add_argument(
            "--follow-links", action="store_true", help="Also read links that lead outside the folders named."
        )
        parser.add_argument("--dry-run", action="store_true", help="Parse and analyse, print what would be stored, write nothing.")

    def handle(
        self, *args, paths=(), event=None, event_title=None, workers=1, dry_run=False, follow_links=False,
        outlet=None, **options
    ):
        paths = list(args) + list(paths or ())
        if workers < 1:
            raise CommandError("--workers must be 1 or more", returncode=2)
        if event is not None and not SLUG.fullmatch(event):
            raise CommandError(
                f"--event must be a slug (letters, digits, hyphens, underscores), not {event!r}",
                returncode=2,
            )
        if event_title is not None and len(event_title) > MAX_EVENT_TITLE:
            raise CommandError(f"--event-title is longer than {MAX_EVENT_TITLE} characters", returncode=2)
        if outlet is not None and not (0 < len(outlet.strip()) <= MAX_OUTLET_NAME):
            raise CommandError(f"--outlet must be a name of 1 to {MAX_OUTLET_NAME} characters", returncode=2)
        missing = missing_paths(list(paths))
        if missing:
            raise CommandError(f"no such file or folder: {shown(missing[0])}", returncode=2)
        require_database()
        verbosity = options.get("verbosity", 1)
        run = ImportRun(
            max_bytes=settings.INGEST_MAX_BYTES,
            model_name=settings.SPACY_MODEL,
            event_slug=event,
            event_title=event_title,
            workers=workers,
            dry_run=dry_run,
            follow_links=follow_links,
            hints={"outlet": outlet.strip()} if outlet else None,
        )
        counts = {IMPORTED: 0, SKIPPED: 0, FAILED: 0}
        for outcome in run.run(paths):
            counts[outcome.kind] += 1
            if outcome.kind == FAILED:
                self.stderr.write(f"error: {outcome.path}: {printable(outcome.reason)}")
            elif verbosity >= 1:
                self.stdout.write(self._describe(outcome, dry_run))
        summary = "imported {imported}, skipped {skipped}, failed {failed}".format(**counts)
        style = self.style.ERROR if counts[FAILED] else self.style.SUCCESS
        self.stdout.write(style(("dry run: " if dry_run else "") + summary))
        if counts[FAILED]:
            raise SystemExit(1)

    def _describe(self, outcome, dry_run):
        source = shown(outcome.source)
        if outcome.kind == SKIPPED:
            return f"skipped {source} (already imported)"
        prepared = outcome.prepared
        analysis = prepared.analysis
        counted = f"({plural(len(analysis.quotes), 'quote')}, {plural(len(analysis.people), 'person', 'people')})"
        if dry_run:
            parsed = prepared.parsed
            return (
                f"would import {source}: {printable(parsed.outlet or UNKNOWN_OUTLET)} — "
                f"{printable(parsed.headline[:70])} {counted} → {outcome.target}"
            )
        article = outcome.article
        return (
            f"imported {source}: {printable(article.outlet.name)} — {printable(article.headline[:70])} "
            f"{counted} → {outcome.event.slug}"
        )


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"
