from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims"

    def ready(self):
        from articles.importing import import_finished
        from claims import signals  # noqa: F401  (connects the receivers)
        from claims.drafting import analyse_imported_events
        from claims.framing import mark_imported_events

        import_finished.connect(analyse_imported_events, dispatch_uid="claims.analyse_imported_events")
        # Receivers run in the order connected: stance needs the drafted evidence.
        import_finished.connect(mark_imported_events, dispatch_uid="claims.mark_imported_events")
