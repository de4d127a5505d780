from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims"

    def ready(self):
        # Claims and evidence show on the event's cached pages (articles.freshness).
        from articles.freshness import watch
        from articles.models import Event
        from claims.models import Claim, Evidence

        watch(Claim, lambda claim: [claim.event_id])
        watch(Evidence, lambda evidence: Event.objects.filter(claims=evidence.claim_id))
