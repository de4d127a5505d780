"""Curation of claims and their evidence in the Django admin."""
from django.contrib import admin, messages
from django.db.models import Count

from articles.services import touch_events
from claims.models import Claim, Evidence
from claims.services import merge_claims, split_evidence


class EvidenceInline(admin.TabularInline):
    model = Evidence
    fields = ["article", "excerpt", "value", "start", "end"]
    autocomplete_fields = ["article"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article__outlet")


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["short_statement", "event", "status", "discrepancy", "evidence_count", "curated"]
    list_filter = ["status", "discrepancy", "curated", "event"]
    list_select_related = ["event"]
    search_fields = ["statement", "discrepancy_note", "evidence__excerpt"]
    autocomplete_fields = ["event"]
    fields = ["event", "statement", "status", "discrepancy", "discrepancy_note", "curated"]
    readonly_fields = ["curated"]
    inlines = [EvidenceInline]
    actions = ["confirm", "reject", "dispute", "merge"]
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(evidence_count=Count("evidence"))

    @admin.display(description="statement", ordering="statement")
    def short_statement(self, obj):
        return obj.statement[:120]

    @admin.display(description="evidence", ordering="evidence_count")
    def evidence_count(self, obj):
        return obj.evidence_count

    def save_model(self, request, obj, form, change):
        # Any edit by a curator makes the claim theirs: analysis keeps it.
        if change and form.changed_data:
            obj.curated = True
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.has_changed() and not form.instance.curated:
            form.instance.curated = True
            form.instance.save(update_fields=["curated", "updated_at"])

    def _set_status(self, request, queryset, status):
        # Read the events first: the queryset may filter on the old status.
        events = set(queryset.values_list("event_id", flat=True))
        count = queryset.update(status=status, curated=True)
        # QuerySet.update() sends no signal; the overviews show the status.
        touch_events(events)
        self.message_user(request, f"{count} claim(s) marked {status}.", messages.SUCCESS)

    @admin.action(description="Confirm selected claims", permissions=["change"])
    def confirm(self, request, queryset):
        self._set_status(request, queryset, Claim.Status.CONFIRMED)

    @admin.action(description="Reject selected claims", permissions=["change"])
    def reject(self, request, queryset):
        self._set_status(request, queryset, Claim.Status.REJECTED)

    @admin.action(description="Mark selected claims disputed", permissions=["change"])
    def dispute(self, request, queryset):
        self._set_status(request, queryset, Claim.Status.DISPUTED)

    @admin.action(description="Merge selected claims into the first", permissions=["change"])
    def merge(self, request, queryset):
        claims = list(queryset.order_by("id"))
        if len(claims) < 2:
            self.message_user(request, "Select at least two claims to merge.", messages.WARNING)
            return
        if len({c.event_id for c in claims}) > 1:
            self.message_user(request, "Only claims of one event can be merged.", messages.ERROR)
            return
        # A confirmed claim keeps its statement: merge into it when there is one.
        target = next((c for c in claims if c.status == Claim.Status.CONFIRMED), claims[0])
        merge_claims(target, [c for c in claims if c.pk != target.pk])
        self.message_user(request, f"Merged {len(claims)} claims into claim {target.pk}.", messages.SUCCESS)


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["short_excerpt", "claim", "article", "value"]
    list_filter = ["claim__event", "article__outlet"]
    list_select_related = ["claim", "article__outlet"]
    search_fields = ["excerpt", "value", "claim__statement"]
    autocomplete_fields = ["article"]
    raw_id_fields = ["claim"]
    actions = ["split"]
    show_full_result_count = False

    @admin.display(description="excerpt")
    def short_excerpt(self, obj):
        return obj.excerpt[:120]

    @admin.action(description="Split selected evidence into a new claim", permissions=["change"])
    def split(self, request, queryset):
        try:
            claim = split_evidence(queryset)
        except ValueError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return
        self.message_user(request, f"New claim {claim.pk} made from {queryset.count()} evidence.", messages.SUCCESS)
