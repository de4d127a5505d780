"""Keep ``Event.changed_at`` current: the one module that owns the freshness
of every page cached under it.

The public site caches, per event, what its pages show (the overview, the
unfiltered quote and claim lists, the filters' choices) under the event's
``changed_at``; site-wide lists (events, people) are keyed on the newest
``changed_at``. So any write that changes what an event's pages show must
move that event's ``changed_at`` on:

- single saves and deletes are caught here, by receivers on each model
  whose rows appear on those pages (``watch``; the claims app connects its
  own models through it);
- ``bulk_create`` and ``QuerySet.update()`` send no signal, so the services
  that use them call ``touch_events`` themselves.

Mentions and aliases appear on no cached page except through the people
list's counts, which only ingest and merges change, and both touch.
"""
from __future__ import annotations

from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.utils import timezone

from articles.models import Article, Event, Outlet, Person, Quote, QuoteGroup


def touch_events(events) -> None:
    """Mark ``events`` (a queryset, or ids) as changed now, so pages cached
    under their ``changed_at`` are rebuilt.

    Call it after (or in the same transaction as) the write it reports:
    touched too early, a reader could cache the old content under the new
    time.
    """
    if not isinstance(events, models.QuerySet):
        events = Event.objects.filter(pk__in=list(events))
    update_events(events, changed_at=timezone.now())


@transaction.atomic(savepoint=False)
def update_events(events, **values) -> None:
    """``events.update(**values)`` with the rows locked first in order of id:
    concurrent imports that each write several events then wait for one
    another instead of locking them in different orders (a deadlock)."""
    rows = Event.objects.filter(pk__in=events.values("pk")).order_by("pk")
    ids = list(rows.select_for_update(no_key=True).values_list("pk", flat=True))
    if ids:
        Event.objects.filter(pk__in=ids).update(**values)


def watch(model, events_of) -> None:
    """Touch ``events_of(instance)`` (a queryset or ids) whenever one
    ``model`` row is saved or deleted (fixture loading aside)."""

    def changed(sender, instance, raw=False, **kwargs):
        if not raw:
            touch_events(events_of(instance))

    # weak=False: the receiver is a closure that nothing else holds.
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"freshness:{model._meta.label}:save")
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"freshness:{model._meta.label}:delete")


def events_of_person(person):
    return Event.objects.filter(Q(articles__quotes__speaker=person) | Q(articles__mentions__person=person))


def remember_article_event(sender, instance, raw=False, **kwargs):
    # An article moved to another event changes the old event's page too.
    instance._old_event_id = None
    if instance.pk and not raw:
        instance._old_event_id = Article.objects.filter(pk=instance.pk).values_list("event_id", flat=True).first()


def outlet_changed(sender, instance, created=False, raw=False, **kwargs):
    # A new outlet has no articles yet; a renamed one shows on every event it covered.
    if not created and not raw:
        touch_events(Event.objects.filter(articles__outlet=instance))


def person_changed(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    # A new person is on no page until an article quotes or names them,
    # which touches that article's event.
    if created or raw:
        return
    if update_fields is not None and set(update_fields) <= {"role"}:
        # Ingest fills in a role inside the import of an article. Touching
        # every event the person is in from there would have concurrent
        # imports lock event rows in different orders: do it once the
        # import is committed (a reader in between caches the new role
        # under the old time, which the touch then retires).
        transaction.on_commit(lambda: touch_events(events_of_person(instance)))
        return
    touch_events(events_of_person(instance))


def person_deleted(sender, instance, **kwargs):
    # Before the delete, while the quotes and mentions still point here.
    touch_events(events_of_person(instance))


def connect() -> None:
    """Connect the receivers for the articles app's models (its ready())."""
    pre_save.connect(remember_article_event, sender=Article, dispatch_uid="freshness:article:old-event")
    watch(Article, lambda article: {article.event_id, getattr(article, "_old_event_id", None)} - {None})
    watch(Quote, lambda quote: Event.objects.filter(articles=quote.article_id))
    watch(QuoteGroup, lambda group: [group.event_id])
    post_save.connect(outlet_changed, sender=Outlet, dispatch_uid="freshness:outlet:save")
    post_save.connect(person_changed, sender=Person, dispatch_uid="freshness:person:save")
    pre_delete.connect(person_deleted, sender=Person, dispatch_uid="freshness:person:delete")
