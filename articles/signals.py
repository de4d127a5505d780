"""Keep ``Event.changed_at`` current when what an event's cached pages show
changes through a single save or delete (the admin, the factories, most
services). Bulk writes call ``touch_events`` themselves.

Cached per event: the overview, the unfiltered quote and claim lists and
the filters' choices. They show the event's articles and outlets, its
quotes, quote groups and speakers, and its claims with each outlet's
evidence. Site-wide lists (events, people) are keyed on the newest
``changed_at``, so a touch of any event renews them too. Mentions and
aliases appear on none of these pages except through the people list's
counts, which only ingest and merges change, and both touch.
"""
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from articles.models import Article, Event, Outlet, Person, Quote, QuoteGroup
from articles.services import touch_events


@receiver(pre_save, sender=Article)
def remember_article_event(sender, instance, raw=False, **kwargs):
    # An article moved to another event changes the old event's page too.
    instance._old_event_id = None
    if instance.pk and not raw:
        instance._old_event_id = Article.objects.filter(pk=instance.pk).values_list("event_id", flat=True).first()


@receiver(post_save, sender=Article)
@receiver(post_delete, sender=Article)
def article_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        touch_events({instance.event_id, getattr(instance, "_old_event_id", None)} - {None})


@receiver(post_save, sender=Quote)
@receiver(post_delete, sender=Quote)
def quote_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        touch_events(Event.objects.filter(articles=instance.article_id))


@receiver(post_save, sender=QuoteGroup)
@receiver(post_delete, sender=QuoteGroup)
def quote_group_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        touch_events([instance.event_id])


@receiver(post_save, sender=Outlet)
def outlet_changed(sender, instance, created=False, raw=False, **kwargs):
    # A new outlet has no articles yet; a renamed one shows on every event it covered.
    if not created and not raw:
        touch_events(Event.objects.filter(articles__outlet=instance))


def events_of(person):
    return Event.objects.filter(Q(articles__quotes__speaker=person) | Q(articles__mentions__person=person))


@receiver(post_save, sender=Person)
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
        transaction.on_commit(lambda: touch_events(events_of(instance)))
        return
    touch_events(events_of(instance))


@receiver(pre_delete, sender=Person)
def person_deleted(sender, instance, **kwargs):
    # Before the delete, while the quotes and mentions still point here.
    touch_events(events_of(instance))
