"""One import run: from paths on disk to stored articles in their events.

``ImportRun.run(paths)`` yields an ``Outcome`` per input (imported, skipped
or failed, in input order) and, once every article is stored, groups each
touched event's quotes and sends ``import_finished`` for those events, so
that apps above this one (claims) finish their analysis. ``ingest``,
``evaluate`` and the benchmarks all import through it; the commands only
parse arguments and print.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.dispatch import Signal

from articles import services
from articles.freshness import update_events
from articles.models import Article, Event
from articles.pipeline import BATCH_SIZE, Prepared, batched, prepare_all
from articles.sources import Failure, read_sources

# Sent after a run has stored its articles, with ``events`` (the events
# that received articles, in the order they did) and ``workers``.
import_finished = Signal()

IMPORTED, SKIPPED, FAILED = "imported", "skipped", "failed"
STORE_ATTEMPTS = 3


@dataclass
class Outcome:
    kind: str  # IMPORTED, SKIPPED or FAILED
    path: str  # as shown to the user
    source: str = ""  # as stored on the article
    reason: str = ""  # why it failed
    prepared: Prepared | None = None
    article: Article | None = None  # None in a dry run
    event: Event | None = None
    target: str = ""  # a dry run's event: its slug, "event #N" or "a new event"


class ImportRun:
    """Import articles into the default database, one transaction each."""

    def __init__(
        self,
        *,
        max_bytes: int,
        model_name: str,
        event_slug: str | None = None,
        event_title: str | None = None,
        workers: int = 1,
        dry_run: bool = False,
        follow_links: bool = False,
        hints: dict | None = None,
    ):
        self.max_bytes = max_bytes
        self.model_name = model_name
        self.event_slug = event_slug
        self.event_title = event_title
        self.workers = workers
        self.dry_run = dry_run
        self.follow_links = follow_links
        self.hints = hints
        self.touched: dict[int, Event] = {}
        self._seen_hashes: set[str] = set()
        self._fixed_event: Event | None = None
        self._outlets = None if dry_run else services.OutletResolver()
        self._assigner = None if event_slug else services.EventAssigner()

    def run(self, paths: list[str]) -> Iterator[Outcome]:
        pending: list[Outcome] = []  # failures and skips found while batching
        chunks = self._chunks(read_sources(paths, max_bytes=self.max_bytes, follow_links=self.follow_links, hints=self.hints), pending)
        if self._assigner and not self.dry_run:
            self._assigner.join()
        try:
            for batch in prepare_all(chunks, workers=self.workers, model_name=self.model_name):
                yield from pending
                pending.clear()
                for result in batch:
                    yield self._store(result)
            yield from pending
            if not self.dry_run:
                self.finish()
        finally:
            if self._assigner:
                self._assigner.leave()

    def finish(self) -> list[Event]:
        """Settle the run's events, then group quotes and send
        ``import_finished`` for the events this run touched, and for any an
        interrupted run left unfinished."""
        if self._assigner:
            # Re-file the run's articles as a whole (with those of the runs
            # that overlap it), so the order they came in does not decide
            # their events; events left empty are gone.
            settled, emptied = self._assigner.settle()
            self.touched = {pk: e for pk, e in self.touched.items() if pk not in emptied}
            self.touched.update((e.pk, e) for e in settled)
            update_events(Event.objects.filter(pk__in=list(self.touched)), analysis_pending=True)
        unfinished = Event.objects.filter(analysis_pending=True).exclude(pk__in=list(self.touched))
        # An overlapping run may have merged some of this run's events away.
        live = set(Event.objects.filter(pk__in=list(self.touched)).values_list("pk", flat=True))
        events = [e for pk, e in self.touched.items() if pk in live] + list(unfinished.order_by("pk"))
        if not events:
            return []
        for event in events:
            services.group_event_quotes(event)
        import_finished.send(sender=ImportRun, events=events, workers=self.workers)
        update_events(Event.objects.filter(pk__in=[e.pk for e in events]), analysis_pending=False)
        return events

    def _chunks(self, sources, pending: list[Outcome]):
        """Group sources into batches, leaving out what is already stored."""
        for group in batched(sources, BATCH_SIZE * max(2, self.workers * 2)):
            fresh = []
            for item in group:
                if isinstance(item, Failure):
                    pending.append(Outcome(FAILED, item.path, reason=item.reason))
                else:
                    fresh.append(item)
            known = services.known_hashes({s.content_hash for s in fresh})
            todo = []
            for source in fresh:
                if source.content_hash in known or source.content_hash in self._seen_hashes:
                    pending.append(Outcome(SKIPPED, source.path, source=source.source))
                else:
                    self._seen_hashes.add(source.content_hash)
                    todo.append(source)
            yield list(batched(todo, BATCH_SIZE))

    def _store(self, result: Prepared | Failure) -> Outcome:
        if isinstance(result, Failure):
            return Outcome(FAILED, result.path, reason=result.reason)
        if self.dry_run:
            return Outcome(IMPORTED, result.path, source=result.source, prepared=result, target=self._target(result))
        for attempt in range(STORE_ATTEMPTS):
            try:
                with transaction.atomic():
                    if self._assigner:
                        # Another import may be storing at the same time: take
                        # turns, and see every article stored before this one.
                        services.advisory_lock(services.LOCK_STORE)
                        self._assigner.catch_up()
                    event = self._event_for(result)
                    article = services.store_article(
                        result, event=event, outlets=self._outlets, assigned=self._assigner is not None
                    )
                    if event.pk not in self.touched:
                        Event.objects.filter(pk=event.pk).update(analysis_pending=True)
                break
            except services.AlreadyImported:
                self._fixed_event = None  # its creation may have been rolled back
                return Outcome(SKIPPED, result.path, source=result.source)
            except IntegrityError as exc:
                # Another import took the slug or outlet name this one chose
                # between its check and its insert: once more sees theirs.
                self._fixed_event = None
                if attempt + 1 == STORE_ATTEMPTS:
                    return self._failed(result, exc)
            except Exception as exc:  # one bad article must not stop the run
                self._fixed_event = None
                return self._failed(result, exc)
        if self._assigner:
            self._assigner.stored(event, result, article)
        self.touched[event.pk] = event
        return Outcome(IMPORTED, result.path, source=result.source, prepared=result, article=article, event=event)

    @staticmethod
    def _failed(result: Prepared, exc: Exception) -> Outcome:
        reason = f"could not be stored ({type(exc).__name__}: {exc})".splitlines()[0]
        return Outcome(FAILED, result.path, reason=reason)

    def _event_for(self, result: Prepared) -> Event:
        """The event an article goes into; a named event is created with the
        first article stored in it, so a run that stores nothing leaves none."""
        if not self.event_slug:
            return self._assigner.event_for(result, self.event_title)
        if self._fixed_event is None:
            self._fixed_event = services.get_or_create_event(self.event_slug, self.event_title)
        return self._fixed_event

    def _target(self, result: Prepared) -> str:
        if self.event_slug:
            return self.event_slug
        chosen = self._assigner.choose_id(result)
        return f"event #{chosen}" if chosen else "a new event"
