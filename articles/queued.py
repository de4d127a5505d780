"""The database steps of a queued import (``ingest --queue``), run by workers.

A run's articles are analysed by whichever workers take them, in any order
and at once (``analyse``): that is the slow, CPU-bound part. Storing them is
fast but must see a consistent world: which event an article joins and which
stored person a name is depend on what was stored before. So ``drain`` stores
them one at a time, in input order, under one lock, each in its own
transaction with the run's position, which makes every step safe to repeat:
a task that runs twice, or a worker killed half way, stores nothing twice
and loses nothing. Once a run's last article is stored, each touched event
is finished (quotes grouped, claims drafted) by ``finish_event`` under a lock
on that event. The locks are PostgreSQL advisory locks; ``ingest`` queues
only on PostgreSQL, so other databases meet this code in one process alone.

Nothing here knows Celery: the tasks in ``articles.tasks`` call these.
"""
from __future__ import annotations

import pickle
from collections import defaultdict

from django.db import DatabaseError, DataError, IntegrityError, transaction
from django.db.models import Count, Max

from articles import services
from articles.importing import import_finished
from articles.models import Article, Event, FailedImport, QueuedArticle, QueuedRun
from articles.pipeline import Prepared, prepare_batch
from articles.sources import Failure, Source

State = QueuedArticle.State
FINAL = (State.IMPORTED, State.SKIPPED, State.FAILED)
# An article tried this many times without finishing (its worker ran out of
# memory or was killed) is given up rather than handed to a next worker to kill.
MAX_ATTEMPTS = 3
def create_run(sources: list[Source], *, event_slug: str = "", event_title: str = "") -> QueuedRun:
    with transaction.atomic():
        run = QueuedRun.objects.create(total=len(sources), event_slug=event_slug or "", event_title=event_title or "")
        QueuedArticle.objects.bulk_create(
            (
                QueuedArticle(
                    run=run,
                    seq=seq,
                    path=source.path[:1000],
                    source=source.source[:500],
                    content_hash=source.content_hash,
                    text=source.text,
                    html=source.html,
                    url=(source.url or "")[:1000],
                    hints=source.hints,
                )
                for seq, source in enumerate(sources)
            ),
            batch_size=500,
        )
    return run


# --- analysis (any worker, any order) --------------------------------------


def analyse(run_id: int, seqs: list[int], nlp, *, worker: str = "") -> None:
    """Analyse the run's still-pending articles among ``seqs`` and keep the
    results for ``drain``; articles analysed already are left alone."""
    items = _begin_attempt(run_id, seqs, worker)
    if not items:
        return
    sources = [
        Source(path=i.path, source=i.source, text=i.text, html=i.html, url=i.url or None, hints=i.hints)
        for i in items
    ]
    results = prepare_batch(sources, nlp)
    with transaction.atomic():
        for item, result in zip(items, results):
            if isinstance(result, Failure):
                _give_up(item, result.reason)
            else:
                QueuedArticle.objects.filter(pk=item.pk, state=State.PENDING).update(
                    state=State.ANALYSED, prepared=pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
                )


def _begin_attempt(run_id: int, seqs: list[int], worker: str) -> list[QueuedArticle]:
    """Count an attempt on each pending article; give up those that have
    used theirs, and return the rest."""
    with transaction.atomic():
        items = list(
            QueuedArticle.objects.select_for_update()
            .filter(run_id=run_id, seq__in=seqs, state=State.PENDING)
            .order_by("seq")
        )
        ready = []
        for item in items:
            if item.attempts >= MAX_ATTEMPTS:
                reason = f"it was tried {item.attempts} times without finishing (its worker died or lost the database)"
                _give_up(item, reason)
                continue
            item.attempts += 1
            item.worker = worker[:200]
            item.save(update_fields=["attempts", "worker"])
            ready.append(item)
    return ready


def give_up(run_id: int, seqs: list[int], reason: str) -> None:
    """Record the run's unfinished articles among ``seqs`` as failed (a task
    that ran out of retries or time)."""
    with transaction.atomic():
        for item in QueuedArticle.objects.select_for_update().filter(run_id=run_id, seq__in=seqs, state=State.PENDING):
            _give_up(item, reason)


def _give_up(item: QueuedArticle, reason: str) -> None:
    """Mark a pending article failed and leave its dead-letter record (in the
    caller's transaction, so the record is made once)."""
    changed = QueuedArticle.objects.filter(pk=item.pk, state__in=[State.PENDING, State.ANALYSED]).update(
        state=State.FAILED, prepared=None
    )
    if changed:
        FailedImport.objects.create(
            run_id=item.run_id,
            path=item.path,
            source=item.source,
            content_hash=item.content_hash,
            reason=reason,
            attempts=item.attempts,
        )


# --- storing (one at a time, in input order) --------------------------------


class _Assigner:
    """This process's EventAssigner, brought up to date with what other
    processes stored since it last held the store lock (call under it).

    Like a one-process import's, it is built afresh for each run; within a
    run it is rebuilt should articles have been deleted meanwhile, since the
    events they named may be gone.
    """

    def __init__(self):
        self.assigner: services.EventAssigner | None = None
        self.run_id = None
        self.seen = 0  # the newest article id the assigner knows
        self.count = 0  # the articles stored when it last looked

    def begin(self, run_id: int) -> None:
        if run_id != self.run_id or Article.objects.count() != self.count:
            self.assigner, self.run_id = None, run_id

    def current(self) -> services.EventAssigner:
        newest = Article.objects.aggregate(newest=Max("id"))["newest"] or 0
        if self.assigner is None:
            self.assigner, self.seen, self.count = services.EventAssigner(), newest, Article.objects.count()
        elif newest > self.seen:
            self.assigner.catch_up(self.seen)
            self.count += Article.objects.filter(id__gt=self.seen).count()
            self.seen = newest
        return self.assigner

    def stored(self, article: Article, event: Event, prepared: Prepared) -> None:
        self.assigner.stored(event, prepared, article)
        self.seen, self.count = article.pk, self.count + 1

    def forget(self) -> None:
        self.assigner = None


_assigner = _Assigner()


def drain(run_id: int) -> list[int]:
    """Store the run's analysed articles that are next in input order, each
    in its own transaction, until one is not analysed yet.

    Returns the ids of the run's events when this call stored its last
    article (they are ready to finish), else an empty list.
    """
    outlets = services.OutletResolver()
    first = True
    while True:
        try:
            with transaction.atomic():
                services.advisory_lock(services.LOCK_STORE)
                if first:
                    _assigner.begin(run_id)
                    first = False
                run = QueuedRun.objects.select_for_update().get(pk=run_id)
                if run.next_seq >= run.total:
                    return []
                item = QueuedArticle.objects.select_for_update().get(run=run, seq=run.next_seq)
                if item.state == State.PENDING:
                    return []
                stored = _store(run, item, outlets) if item.state == State.ANALYSED else None
                run.next_seq += 1
                run.save(update_fields=["next_seq"])
                last = run.next_seq == run.total
        except Exception:
            _assigner.forget()  # it may hold an article that was rolled back
            raise
        if stored:
            _assigner.stored(*stored)
        if last:
            settle(run_id)
            return run_events(run_id)


def _store(run: QueuedRun, item: QueuedArticle, outlets: services.OutletResolver):
    """Store one analysed article as ``ImportRun`` does; (article, event,
    prepared) when it was stored."""
    # Pickled by a worker of ours into our own database: no outside input.
    prepared: Prepared = pickle.loads(item.prepared)
    item.prepared, item.text = None, ""
    try:
        with transaction.atomic():
            if run.event_slug:
                event = services.get_or_create_event(run.event_slug, run.event_title or None)
            else:
                event = _assigner.current().event_for(prepared, run.event_title or None)
            article = services.store_article(prepared, event=event, outlets=outlets)
    except services.AlreadyImported:
        item.state = State.SKIPPED
        item.save(update_fields=["state", "prepared", "text"])
        return None
    except DatabaseError as exc:
        if not _bad_row(exc):
            raise  # the database is down or busy: the task retries
        _fail(item, exc)
        return None
    except Exception as exc:  # one bad article must not stop the run
        _fail(item, exc)
        return None
    item.state, item.event = State.IMPORTED, event
    item.save(update_fields=["state", "event", "prepared", "text"])
    return article, event, prepared


def _bad_row(exc: DatabaseError) -> bool:
    """True for an error the article's own data causes (a value too long, a
    broken constraint), which retrying cannot mend."""
    return isinstance(exc, (DataError, IntegrityError))


def _fail(item: QueuedArticle, exc: Exception) -> None:
    item.save(update_fields=["prepared", "text"])
    _give_up(item, f"could not be stored ({type(exc).__name__}: {exc})".splitlines()[0])


def settle(run_id: int) -> None:
    """File the run's articles as a whole once all are stored, as
    ``ImportRun`` does at its end, so the order they came in (and which
    worker stored them) does not decide their events."""
    with transaction.atomic():
        services.advisory_lock(services.LOCK_STORE)
        run = QueuedRun.objects.get(pk=run_id)
        if run.event_slug:
            return
        hashes = list(QueuedArticle.objects.filter(run_id=run_id, state=State.IMPORTED).values_list("content_hash", flat=True))
        ids = dict(Article.objects.filter(content_hash__in=hashes).values_list("content_hash", "id"))
        assigner = services.EventAssigner()
        assigner.adopt(list(ids.values()))
        assigner.settle()
        hashes_of = defaultdict(list)  # one update per event, not per article
        for content_hash, event_id in Article.objects.filter(pk__in=list(ids.values())).values_list("content_hash", "event_id"):
            hashes_of[event_id].append(content_hash)
        for event_id, event_hashes in hashes_of.items():
            QueuedArticle.objects.filter(run_id=run_id, content_hash__in=event_hashes).update(event_id=event_id)
    _assigner.forget()  # articles may have moved since it filed them


def run_events(run_id: int) -> list[int]:
    """The run's events that received articles and are not finished yet."""
    return sorted(
        set(
            QueuedArticle.objects.filter(run_id=run_id, state=State.IMPORTED, finished=False, event__isnull=False)
            .values_list("event_id", flat=True)
        )
    )


# --- finishing an event (one worker per event at a time) ---------------------


def finish_event(run_id: int, event_id: int, *, sender=None) -> None:
    """Group the event's quotes and let the apps above draft its claims, with
    the event locked so two runs never rebuild it at once."""
    with transaction.atomic():
        services.advisory_lock(services.LOCK_EVENT, event_id)
        event = Event.objects.filter(pk=event_id).first()
        if event is not None:
            services.group_event_quotes(event)
            import_finished.send(sender=sender or finish_event, events=[event], workers=1)
        QueuedArticle.objects.filter(run_id=run_id, event_id=event_id).update(finished=True)


# --- progress --------------------------------------------------------------


def progress(run_id: int) -> dict[str, int]:
    """Counts of the run's articles by state, plus ``finished``: imported
    articles whose event is finished."""
    counts = {state: 0 for state in State.values}
    rows = QueuedArticle.objects.filter(run_id=run_id).order_by().values("state").annotate(n=Count("id"))
    for row in rows:
        counts[row["state"]] = row["n"]
    counts["finished"] = QueuedArticle.objects.filter(run_id=run_id, state=State.IMPORTED, finished=True).count()
    return counts
