from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims"

    def ready(self):
        from articles.freshness import watch
        from articles.importing import import_finished
        from articles.models import Event
        from articles.services import events_regrouped
        from claims.drafting import analyse_imported_events, reanalyse_regrouped
        from claims.framing import mark_imported_events
        from claims.models import Claim, Evidence

        # Claims and evidence show on the event's cached pages (articles.freshness).
        watch(Claim, lambda claim: [claim.event_id])
        watch(Evidence, lambda evidence: Event.objects.filter(claims=evidence.claim_id))
        # An import's events get their claims once its articles are stored.
        import_finished.connect(analyse_imported_events, dispatch_uid="claims.analyse_imported_events")
        # A curator's merge of events, or move of an article, re-drafts their claims.
        events_regrouped.connect(reanalyse_regrouped, dispatch_uid="claims.reanalyse_regrouped")
        # Receivers run in the order connected: stance needs the drafted evidence.
        import_finished.connect(mark_imported_events, dispatch_uid="claims.mark_imported_events")
