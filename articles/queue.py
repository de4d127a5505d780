"""``ingest --queue``: hand a run's articles to the Celery workers and follow it.

The command reads and checks its inputs here, as a one-process import does
(unreadable files fail, content already stored is skipped), records the rest
as a ``QueuedRun`` and sends one task per few articles. It then follows the
run in the database, where the workers record each step, and reports each
article once it is stored, in input order. Should nothing move for
``INGEST_QUEUE_RESEND_AFTER`` seconds (a broker that lost its messages, a
machine that went away), it sends the unfinished work again: every step is
safe to repeat.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection
from kombu.exceptions import OperationalError as BrokerError

from articles import queued, tasks
from articles.importing import FAILED, IMPORTED, SKIPPED, Outcome
from articles.models import Article, FailedImport, QueuedArticle, QueuedRun
from articles.pipeline import batched
from articles.services import known_hashes
from articles.sources import Failure, read_sources

State = QueuedArticle.State
KIND = {State.IMPORTED: IMPORTED, State.SKIPPED: SKIPPED, State.FAILED: FAILED}
POLL_SECONDS = 0.5


class QueueError(Exception):
    """The queue cannot be used; the message is one line for the user."""


def broker_shown(url: str) -> str:
    """The broker's address without its password."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    return f"{parts.scheme}://{host}{f':{parts.port}' if parts.port else ''}{parts.path}"


def check_ready() -> None:
    """Stop unless the database is shared (PostgreSQL) and the broker answers."""
    if connection.vendor != "postgresql":
        raise QueueError(
            "ingest --queue needs the PostgreSQL database the workers share: set DATABASE_URL"
        )
    url = settings.CELERY_BROKER_URL
    if not url:
        raise QueueError("ingest --queue needs a broker: set CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/0)")
    try:
        with tasks.analyse.app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=5)
    except Exception as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise QueueError(f"cannot reach the broker at {broker_shown(url)}: {reason}") from None


class QueuedImport:
    """One queued import, from reading the inputs to the last finished event."""

    def __init__(
        self, *, max_bytes: int, event_slug: str | None = None, event_title: str | None = None,
        follow_links: bool = False, hints: dict | None = None,
    ):
        self.max_bytes = max_bytes
        self.follow_links = follow_links
        self.hints = hints
        self.event_slug = event_slug or ""
        self.event_title = event_title or ""
        self.batch = max(1, settings.INGEST_QUEUE_BATCH)
        self.resend_after = settings.INGEST_QUEUE_RESEND_AFTER
        self.run: QueuedRun | None = None

    def submit(self, paths: list[str]) -> Iterator[Outcome]:
        """Read the inputs; yield what fails or is skipped here, then queue the rest."""
        fresh, seen = [], set()
        for group in batched(read_sources(paths, max_bytes=self.max_bytes, follow_links=self.follow_links, hints=self.hints), 500):
            sources = []
            for item in group:
                if isinstance(item, Failure):
                    yield Outcome(FAILED, item.path, reason=item.reason)
                else:
                    sources.append(item)
            known = known_hashes({s.content_hash for s in sources})
            for source in sources:
                if source.content_hash in known or source.content_hash in seen:
                    yield Outcome(SKIPPED, source.path, source=source.source)
                else:
                    seen.add(source.content_hash)
                    fresh.append(source)
        if not fresh:
            return
        self.run = queued.create_run(fresh, event_slug=self.event_slug, event_title=self.event_title)
        self._send_analysis(range(len(fresh)))

    def follow(self, on_progress: Callable[[dict, int], None] | None = None) -> Iterator[Outcome]:
        """Yield each article's outcome once the workers have stored it (in
        input order) and return once the run's events are finished."""
        if self.run is None:
            return
        reported, last, moved = 0, None, time.monotonic()
        while True:
            counts = queued.progress(self.run.pk)
            stored_upto = QueuedRun.objects.values_list("next_seq", flat=True).get(pk=self.run.pk)
            yield from self._outcomes(reported, stored_upto)
            reported = stored_upto
            if stored_upto == self.run.total and not queued.run_events(self.run.pk):
                if on_progress:
                    on_progress(counts, self.run.total)
                return
            if counts != last:
                if on_progress:
                    on_progress(counts, self.run.total)
                last, moved = counts, time.monotonic()
            elif time.monotonic() - moved > self.resend_after:
                self._resend(stored_upto)
                moved = time.monotonic()
            time.sleep(POLL_SECONDS)

    def _outcomes(self, start: int, end: int) -> Iterator[Outcome]:
        items = QueuedArticle.objects.filter(run=self.run, seq__gte=start, seq__lt=end).select_related("event")
        hashes = [i.content_hash for i in items if i.state == State.IMPORTED]
        articles = {
            a.content_hash: a for a in Article.objects.filter(content_hash__in=hashes).select_related("outlet")
        }
        reasons = dict(
            FailedImport.objects.filter(run=self.run, path__in=[i.path for i in items if i.state == State.FAILED])
            .values_list("path", "reason")
        )
        for item in items:
            yield Outcome(
                KIND[item.state],
                item.path,
                source=item.source,
                reason=reasons.get(item.path, ""),
                article=articles.get(item.content_hash),
                event=item.event,
            )

    def _send_analysis(self, seqs) -> None:
        try:
            for group in batched(seqs, self.batch):
                tasks.analyse.delay(self.run.pk, group)
        except BrokerError as exc:
            raise QueueError(
                f"lost the broker while queueing run #{self.run.pk} ({exc}); "
                "run the same ingest again once it is back: what is stored is skipped"
            ) from None

    def _resend(self, stored_upto: int) -> None:
        """Send again whatever has not moved: analysis, storing or finishing."""
        try:
            pending = list(
                QueuedArticle.objects.filter(run=self.run, state=State.PENDING).values_list("seq", flat=True)
            )
            if pending:
                self._send_analysis(pending)
            elif stored_upto < self.run.total:
                tasks.drain.delay(self.run.pk)
            else:
                tasks.send_finishing(self.run.pk, queued.run_events(self.run.pk))
        except (QueueError, BrokerError):  # the broker is away: try again after the next wait
            return


def status_lines(runs: int = 10, failures: int = 20) -> list[str]:
    """What ``ingest --status`` prints: the latest runs and failed articles."""
    lines = []
    recent = list(QueuedRun.objects.all()[:runs])
    if not recent:
        lines.append("no queued imports")
    for run in recent:
        counts = queued.progress(run.pk)
        done = run.next_seq == run.total and counts["finished"] == counts[State.IMPORTED]
        lines.append(
            f"run #{run.pk} ({run.created_at:%Y-%m-%d %H:%M} UTC): {run.total} queued, "
            f"imported {counts[State.IMPORTED]}, skipped {counts[State.SKIPPED]}, failed {counts[State.FAILED]}, "
            f"waiting {counts[State.PENDING] + counts[State.ANALYSED]}"
            + ("" if done else f", events finished for {counts['finished']} articles — in progress")
        )
    dead = list(FailedImport.objects.all()[:failures])
    total = FailedImport.objects.count()
    if dead:
        lines.append(f"failed articles ({total}; newest first):")
        lines.extend(f"  {f.path}: {f.reason}" for f in dead)
    return lines
