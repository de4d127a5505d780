"""Import scraped articles: ``python manage.py ingest PATH [PATH ...]``.

In this process by default; with ``--queue`` (or ``INGEST_BROKER_URL`` set)
through the Celery workers, see articles/queue.py."""
import re
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.importing import FAILED, IMPORTED, SKIPPED, ImportRun
from articles.management.database import require_database
from articles.services import UNKNOWN_OUTLET
from articles.sources import MAX_OUTLET_NAME, missing_paths
from articles.terminal import printable, shown

# The queue needs Celery, the optional `.[queue]` extra.
QUEUE_INSTALLED = find_spec("celery") is not None
if QUEUE_INSTALLED:
    from articles import queue

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,120}")
MAX_EVENT_TITLE = 300  # Event.title
BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Import articles from text, HTML or JSON Lines files (folders are walked)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", metavar="PATH", help="Files or folders to import.")
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
        parser.add_argument(
            "--queue",
            action="store_true",
            dest="use_queue",
            help="Hand the articles to the Celery workers (the default when INGEST_BROKER_URL is set).",
        )
        parser.add_argument("--status", action="store_true", help="Show the latest queued imports and failed articles.")

    def handle(
        self, *args, paths=(), event=None, event_title=None, workers=1, dry_run=False, follow_links=False,
        outlet=None, use_queue=False, status=False, **options,
    ):
        paths = list(args) + list(paths or ())
        use_queue = use_queue or bool(settings.INGEST_BROKER_URL)
        if status:
            require_database()
            self._status()
            return
        if not paths:
            raise CommandError("name at least one file or folder to import (or use --status)", returncode=2)
        if use_queue and dry_run:
            raise CommandError("--dry-run analyses here and writes nothing: leave out --queue", returncode=2)
        if use_queue and workers != 1:
            raise CommandError(
                "--workers sets this machine's processes; queued articles go to the Celery workers", returncode=2
            )
        if use_queue and not QUEUE_INSTALLED:
            raise CommandError("ingest --queue needs Celery: pip install -e '.[queue]'", returncode=2)
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
        hints = {"outlet": outlet.strip()} if outlet else None
        if use_queue:
            self._queued(paths, event, event_title, verbosity, follow_links=follow_links, hints=hints)
            return
        run = ImportRun(
            max_bytes=settings.INGEST_MAX_BYTES,
            model_name=settings.SPACY_MODEL,
            event_slug=event,
            event_title=event_title,
            workers=workers,
            dry_run=dry_run,
            follow_links=follow_links,
            hints=hints,
        )
        counts = {IMPORTED: 0, SKIPPED: 0, FAILED: 0}
        for outcome in run.run(paths):
            counts[outcome.kind] += 1
            if outcome.kind == FAILED:
                self.stderr.write(f"error: {outcome.path}: {printable(outcome.reason)}")
            elif verbosity >= 1:
                self.stdout.write(self._describe(outcome, dry_run))
        self._summary(counts, "dry run: " if dry_run else "")

    def _summary(self, counts, prefix=""):
        summary = "imported {imported}, skipped {skipped}, failed {failed}".format(**counts)
        style = self.style.ERROR if counts[FAILED] else self.style.SUCCESS
        self.stdout.write(style(prefix + summary))
        if counts[FAILED]:
            raise SystemExit(1)

    def _queued(self, paths, event, event_title, verbosity, **reading):
        try:
            queue.check_ready()
        except queue.QueueError as exc:
            raise CommandError(str(exc)) from None
        run = queue.QueuedImport(
            max_bytes=settings.INGEST_MAX_BYTES, event_slug=event, event_title=event_title, **reading
        )
        bar = self.stdout.isatty() and verbosity >= 1
        counts = {IMPORTED: 0, SKIPPED: 0, FAILED: 0}

        def report(outcome):
            counts[outcome.kind] += 1
            if outcome.kind == FAILED:
                if bar:
                    self.stdout.write("\r\033[K", ending="")
                self.stderr.write(f"error: {outcome.path}: {printable(outcome.reason)}")
            elif verbosity >= 1 and not bar:
                self.stdout.write(self._describe_queued(outcome))

        try:
            for outcome in run.submit(paths):
                report(outcome)
            if run.run is not None and verbosity >= 1 and not bar:
                self.stdout.write(f"queued run #{run.run.pk}: {run.run.total} articles for the workers")
            for outcome in run.follow(self._draw_bar if bar else None):
                report(outcome)
        except KeyboardInterrupt:
            number = f" with run #{run.run.pk}" if run.run else ""
            raise CommandError(f"stopped following; the workers go on{number} (see ingest --status)", returncode=130)
        except queue.QueueError as exc:
            raise CommandError(str(exc)) from None
        if bar:
            self.stdout.write("")
        self._summary(counts)

    def _draw_bar(self, counts, total):
        stored = total - counts["pending"] - counts["analysed"]
        analysed = total - counts["pending"]
        filled = BAR_WIDTH * stored // max(1, total)
        line = (
            f"\r[{'#' * filled}{'-' * (BAR_WIDTH - filled)}] {stored}/{total} stored, "
            f"{analysed}/{total} analysed, {counts['finished']}/{counts['imported']} in finished events"
        )
        self.stdout.write(line, ending="")
        self.stdout.flush()

    def _status(self):
        if not QUEUE_INSTALLED:
            raise CommandError("ingest --status reports queued imports, which need Celery: pip install -e '.[queue]'")
        for line in queue.status_lines():
            self.stdout.write(line)

    def _describe_queued(self, outcome):
        if outcome.kind == SKIPPED:
            return f"skipped {shown(outcome.source)} (already imported)"
        article = outcome.article
        counted = (
            f"({plural(article.quotes.count(), 'quote')}, "
            f"{plural(article.mentions.values('person').distinct().count(), 'person', 'people')})"
        )
        return (
            f"imported {shown(outcome.source)}: {printable(article.outlet.name)} — "
            f"{printable(article.headline[:70])} {counted} → {outcome.event.slug}"
        )

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
