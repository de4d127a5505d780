"""Import scraped articles: ``python manage.py ingest PATH [PATH ...]``."""
import re

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles import services
from articles.management.database import require_database
from articles.pipeline import BATCH_SIZE, Prepared, batched, draft_events, prepare_all
from articles.sources import Failure, missing_paths, read_sources

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,120}")


class Command(BaseCommand):
    help = "Import articles from text, HTML or JSON Lines files (folders are walked)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Files or folders to import.")
        parser.add_argument("--event", metavar="SLUG", help="Put every article into this event (created if missing).")
        parser.add_argument("--event-title", metavar="TEXT", help="Title for a newly created event.")
        parser.add_argument("--workers", type=int, default=1, metavar="N", help="NLP worker processes (default 1).")
        parser.add_argument("--dry-run", action="store_true", help="Parse and analyse, print what would be stored, write nothing.")

    def handle(self, *args, paths=(), event=None, event_title=None, workers=1, dry_run=False, **options):
        paths = list(args) + list(paths or ())
        if workers < 1:
            raise CommandError("--workers must be 1 or more", returncode=2)
        if event is not None and not SLUG.fullmatch(event):
            raise CommandError(
                f"--event must be a slug (letters, digits, hyphens, underscores), not {event!r}",
                returncode=2,
            )
        missing = missing_paths(list(paths))
        if missing:
            raise CommandError(f"no such file or folder: {missing[0]}", returncode=2)
        require_database()
        self.verbosity = options.get("verbosity", 1)
        self.counts = {"imported": 0, "skipped": 0, "failed": 0}
        self.seen_hashes: set[str] = set()
        self.touched: dict[int, object] = {}
        self.dry_run = dry_run
        self.event_title = event_title
        self.fixed_event = None
        self.fixed_slug = event
        self.outlets = None if dry_run else services.OutletResolver()
        self.assigner = None if event else services.EventAssigner()

        chunks = self._chunks(read_sources(list(paths), max_bytes=settings.INGEST_MAX_BYTES), workers)
        for batch in prepare_all(chunks, workers=workers, model_name=settings.SPACY_MODEL):
            for result in batch:
                self._store(result)

        if not dry_run:
            if self.assigner:
                events, emptied = self.assigner.settle()
                self.touched = {pk: e for pk, e in self.touched.items() if pk not in emptied}
                self.touched.update((e.pk, e) for e in events)
            self._analyse_events(workers)
        summary = "imported {imported}, skipped {skipped}, failed {failed}".format(**self.counts)
        style = self.style.ERROR if self.counts["failed"] else self.style.SUCCESS
        self.stdout.write(style(("dry run: " if dry_run else "") + summary))
        if self.counts["failed"]:
            raise SystemExit(1)

    def _chunks(self, sources, workers):
        """Group sources into batches, leaving out what is already stored."""
        for group in batched(sources, BATCH_SIZE * max(2, workers * 2)):
            fresh = []
            for item in group:
                if isinstance(item, Failure):
                    self._fail(item)
                else:
                    fresh.append(item)
            known = services.known_hashes({s.content_hash for s in fresh})
            todo = []
            for source in fresh:
                if source.content_hash in known or source.content_hash in self.seen_hashes:
                    self._skip(source.source)
                else:
                    self.seen_hashes.add(source.content_hash)
                    todo.append(source)
            yield list(batched(todo, BATCH_SIZE))

    def _store(self, result):
        if isinstance(result, Failure):
            self._fail(result)
            return
        if self.dry_run:
            self._report_dry(result)
            return
        try:
            with transaction.atomic():
                event = self._event_for(result)
                article = services.store_article(result, event=event, outlets=self.outlets)
        except services.AlreadyImported:
            self.fixed_event = None  # its creation may have been rolled back
            self._skip(result.source)
            return
        except Exception as exc:  # one bad article must not stop the run
            self.fixed_event = None
            self._fail(Failure(result.path, f"could not be stored ({type(exc).__name__}: {exc})".splitlines()[0]))
            return
        if self.assigner:
            self.assigner.stored(event, result, article)
        self.touched[event.pk] = event
        self.counts["imported"] += 1
        if self.verbosity >= 1:
            self.stdout.write(
                f"imported {result.source}: {article.outlet.name} — {article.headline[:70]}"
                f" ({len(result.analysis.quotes)} quotes, {len(result.analysis.people)} people)"
                f" → {event.slug}"
            )

    def _event_for(self, result: Prepared):
        """The event an article goes into; a named event is created with the
        first article stored in it, so a run that stores nothing leaves none."""
        if not self.fixed_slug:
            return self.assigner.event_for(result, self.event_title)
        if self.fixed_event is None:
            self.fixed_event = services.get_or_create_event(self.fixed_slug, self.event_title)
        return self.fixed_event

    def _report_dry(self, result: Prepared):
        parsed = result.parsed
        if self.fixed_slug:
            target = self.fixed_slug
        else:
            chosen = self.assigner.choose_id(result)
            target = f"event #{chosen}" if chosen else "a new event"
        self.counts["imported"] += 1
        self.stdout.write(
            f"would import {result.source}: {parsed.outlet or services.UNKNOWN_OUTLET} — "
            f"{parsed.headline[:70]} ({len(result.analysis.quotes)} quotes, "
            f"{len(result.analysis.people)} people) → {target}"
        )

    def _skip(self, source):
        self.counts["skipped"] += 1
        if self.verbosity >= 1:
            self.stdout.write(f"skipped {source} (already imported)")

    def _fail(self, failure: Failure):
        self.counts["failed"] += 1
        self.stderr.write(f"error: {failure.path}: {failure.reason}")

    def _analyse_events(self, workers):
        from claims.services import analyse_event, event_documents

        events = list(self.touched.values())
        for event in events:
            services.group_event_quotes(event)
        for event, drafts in draft_events(events, event_documents, workers=workers):
            analyse_event(event, drafts)
            if self.verbosity >= 2:
                self.stdout.write(f"analysed {event.slug}")
