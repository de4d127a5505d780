"""Claims and evidence appear on the event overview, which is cached under
``Event.changed_at``: a single save or delete moves it on (see
articles/signals.py); bulk writes in claims.services do it themselves."""
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles.models import Event
from articles.services import events_regrouped, touch_events
from claims.models import Claim, Evidence
from claims.services import analyse_event


@receiver(post_save, sender=Claim)
@receiver(post_delete, sender=Claim)
def claim_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        touch_events([instance.event_id])


@receiver(post_save, sender=Evidence)
@receiver(post_delete, sender=Evidence)
def evidence_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        touch_events(Event.objects.filter(claims=instance.claim_id))


@receiver(events_regrouped)
def reanalyse_regrouped(sender, events, merged, **kwargs):
    # A merged event's claims (curated ones included) go with its articles;
    # then each event's candidates are drafted again from its articles.
    for old, new in merged.items():
        Claim.objects.filter(event_id=old).update(event_id=new)
    for event in events:
        analyse_event(event)
