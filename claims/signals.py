"""Claims and evidence appear on the event overview, which is cached under
``Event.changed_at``: a single save or delete moves it on (see
articles/signals.py); bulk writes in claims.services do it themselves."""
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles.models import Event
from articles.services import touch_events
from claims.models import Claim, Evidence


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
