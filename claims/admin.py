"""Curation of claims and their evidence in the Django admin.

A curator reads each piece of evidence as its sentence in context, adds
evidence by picking sentences of the event's articles, moves or splits
evidence from the claim page, merges claims into the one they choose, and
confirms, disputes or rejects with a note. Every such change goes through
claims.curation, which records it in the History under the curator's name.
"""
from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from articles.models import Event, Outlet
from claims import curation
from claims.curation import CurationError
from claims.models import Claim, Evidence

# How much of the paragraph around an evidence sentence the claim page shows.
CONTEXT_CHARS = 160
NEW_CLAIM = "new"


def sentence_in_context(item: Evidence):
    """The evidence sentence marked inside its paragraph, clipped to a few lines."""
    body = item.article.body
    if item.start is None or item.end is None or body[item.start : item.end] != item.excerpt:
        return format_html("<mark>{}</mark>", item.excerpt)
    start = body.rfind("\n", 0, item.start) + 1
    end = body.find("\n", item.end)
    end = len(body) if end < 0 else end
    before, after = body[start : item.start], body[item.end : end]
    if len(before) > CONTEXT_CHARS:
        before = "…" + before[-CONTEXT_CHARS:].split(" ", 1)[-1]
    if len(after) > CONTEXT_CHARS:
        after = after[:CONTEXT_CHARS].rsplit(" ", 1)[0] + "…"
    return format_html('{}<mark>{}</mark>{}', before, item.excerpt, after)


# --- the claim page: evidence -------------------------------------------------


class EvidenceForm(forms.ModelForm):
    move_to = forms.ChoiceField(
        label="Move to",
        required=False,
        help_text="Another claim of this event, or a new claim: evidence sent to a new claim is split off together.",
    )

    class Meta:
        model = Evidence
        fields = ["value"]
        widgets = {"value": forms.TextInput(attrs={"size": 10})}

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        if "move_to" in self.fields:
            self.fields["move_to"].choices = [("", "—"), (NEW_CLAIM, "a new claim (split)"), *targets]


class EvidenceFormSet(forms.BaseInlineFormSet):
    def moves(self):
        """{target: [evidence]} for the rows the curator sent elsewhere (after validation)."""
        found = {}
        for form in self.forms:
            target = form.cleaned_data.get("move_to")
            if target and form not in self.deleted_forms:
                found.setdefault(target, []).append(form.instance)
        return found

    def clean(self):
        super().clean()
        staying = [f for f in self.forms if f not in self.deleted_forms]
        split = [f for f in staying if f.cleaned_data.get("move_to") == NEW_CLAIM]
        if staying and len(split) == len(staying):
            raise ValidationError("Splitting off every piece of evidence leaves this claim empty: edit its statement instead.")


class EvidenceInline(admin.TabularInline):
    model = Evidence
    form = EvidenceForm
    formset = EvidenceFormSet
    readonly_fields = ["outlet", "in_context"]
    extra = 0

    # Evidence is added by picking a sentence (the "Add evidence" page), so
    # that excerpt and offsets always come from the article itself.
    def has_add_permission(self, request, obj=None):
        return False

    def get_fields(self, request, obj=None):
        fields = ["outlet", "in_context", "value"]
        return fields + ["move_to"] if self.has_change_permission(request, obj) else fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("article__outlet")
            .defer("article__raw_text", "article__signature", "article__search_vector")
            .order_by("article__outlet__name", "start", "pk")
        )

    @admin.display(description="outlet")
    def outlet(self, obj):
        return obj.article.outlet.name

    @admin.display(description="sentence in context")
    def in_context(self, obj):
        return sentence_in_context(obj)


# --- the claim page: the claim itself -----------------------------------------


class ClaimForm(forms.ModelForm):
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text="Why you change the status (optional); kept in the History.",
    )

    class Meta:
        model = Claim
        fields = ["event", "statement", "status", "discrepancy", "discrepancy_note"]
        # A statement is a sentence or two: short boxes keep the evidence in view.
        widgets = {
            "statement": forms.Textarea(attrs={"rows": 3, "cols": 80}),
            "discrepancy_note": forms.Textarea(attrs={"rows": 2, "cols": 80}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "status" in self.fields:
            # A claim becomes "merged" only by merging, which names the target.
            self.fields["status"].choices = [
                c for c in self.fields["status"].choices if c[0] != Claim.Status.MERGED
            ]

    @property
    def changed_data(self):
        # claims.curation records a status change (with its note) itself;
        # the admin's own History line covers the other fields.
        return [name for name in super().changed_data if name not in ("status", "note")]


class NoteActionForm(ActionForm):
    note = forms.CharField(
        required=False,
        label="Note",
        widget=forms.TextInput(attrs={"size": 30, "placeholder": "optional, kept in the History"}),
    )


class ReportedByFilter(admin.SimpleListFilter):
    title = "reported by"
    parameter_name = "outlet"

    def lookups(self, request, model_admin):
        cited = Evidence.objects.filter(article__outlet=OuterRef("pk"))
        return Outlet.objects.filter(Exists(cited)).values_list("slug", "name")

    def queryset(self, request, queryset):
        if self.value():
            # A semi-join: joining evidence would repeat each claim per row.
            reporting = Evidence.objects.filter(article__outlet__slug=self.value()).values("claim_id")
            return queryset.filter(pk__in=reporting)
        return queryset


class ClaimChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        # The outlets column reads each shown claim's evidence: one query per page.
        reporting = Evidence.objects.select_related("article__outlet").only(
            "claim_id", "article_id", "article__outlet_id", "article__outlet__name"
        )
        return super().get_queryset(request, exclude_parameters).prefetch_related(
            Prefetch("evidence", queryset=reporting)
        )


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    form = ClaimForm
    action_form = NoteActionForm
    list_display = ["statement_text", "event", "outlets", "status", "differs", "evidence_count"]
    list_display_links = ["statement_text"]
    list_filter = ["event", "status", "discrepancy", "discrepancy_kind", "curated", ReportedByFilter]
    list_select_related = ["event"]
    search_fields = ["statement", "discrepancy_note", "evidence__excerpt"]
    autocomplete_fields = ["event"]
    fields = ["event", "statement", "status", "note", "discrepancy", "discrepancy_note", "curated", "merged_into"]
    inlines = [EvidenceInline]
    actions = ["confirm", "dispute", "reject", "merge"]
    show_full_result_count = False

    class Media:
        css = {"all": ["claims/admin.css"]}

    def get_queryset(self, request):
        # A subquery, not Count("evidence"): the search joins evidence too,
        # and a count over that join would repeat each matching sentence.
        count = (
            Evidence.objects.filter(claim=OuterRef("pk"))
            .order_by()
            .values("claim")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            super()
            .get_queryset(request)
            .select_related("event")
            .annotate(evidence_count=Coalesce(Subquery(count, output_field=IntegerField()), 0))
        )

    def get_list_display(self, request):
        # A curator works through one event at a time: then its name on
        # every row only takes the statement's room.
        if "event__id__exact" in request.GET:
            return [name for name in self.list_display if name != "event"]
        return self.list_display

    def get_changelist(self, request, **kwargs):
        return ClaimChangeList

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ["curated", "merged_into"]
        return ["event", "curated", "merged_into"]

    def get_fields(self, request, obj=None):
        fields = self.fields
        if obj is None or not obj.merged_into_id:
            fields = [f for f in fields if f != "merged_into"]
        if obj is None or obj.status == Claim.Status.MERGED:
            fields = [f for f in fields if f != "note"]
        return fields

    def has_change_permission(self, request, obj=None):
        # A merged claim is kept only so that its address leads to the
        # claim it became; it has nothing left to curate.
        if obj is not None and obj.status == Claim.Status.MERGED:
            return False
        return super().has_change_permission(request, obj)

    @admin.display(description="statement", ordering="statement")
    def statement_text(self, obj):
        return obj.statement

    @admin.display(description="reported by")
    def outlets(self, obj):
        return ", ".join(sorted({e.article.outlet.name for e in obj.evidence.all()}, key=str.casefold))

    @admin.display(description="differs", boolean=True, ordering="discrepancy")
    def differs(self, obj):
        return obj.discrepancy

    @admin.display(description="evidence", ordering="evidence_count")
    def evidence_count(self, obj):
        return obj.evidence_count

    # --- saving the claim page ------------------------------------------------

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, EvidenceInline) and obj is not None:
            others = (
                Claim.objects.filter(event_id=obj.event_id)
                .exclude(pk=obj.pk)
                .exclude(status=Claim.Status.MERGED)
                .order_by("pk")
                .values_list("pk", "statement")
            )
            kwargs["form_kwargs"] = {"targets": [(str(pk), f"#{pk} {text[:70]}") for pk, text in others]}
        return kwargs

    def log_change(self, request, obj, message):
        # Moves, splits and status changes are recorded by claims.curation;
        # a save that changed nothing else needs no "No fields changed." line.
        if message:
            return super().log_change(request, obj, message)
        return None

    def save_model(self, request, obj, form, change):
        wanted = obj.status
        if change:
            # The status moves through claims.curation below, which records it.
            obj.status = form.initial.get("status", wanted)
            if form.changed_data:
                # Any edit by a curator makes the claim theirs: analysis keeps it.
                obj.curated = True
        super().save_model(request, obj, form, change)
        if obj.curated:
            curation.hold_events([obj.event_id])
        if not change:
            return
        note = form.cleaned_data.get("note", "")
        if wanted != obj.status:
            curation.set_status([obj], wanted, user=request.user, note=note)
            obj.refresh_from_db(fields=["status", "curated"])
        elif note.strip():
            curation.add_note(obj, note, user=request.user)

    def save_formset(self, request, form, formset, change):
        if not isinstance(formset, EvidenceFormSet):
            return super().save_formset(request, form, formset, change)
        moves = formset.moves()
        super().save_formset(request, form, formset, change)
        # The moves are recorded by claims.curation; leave them out of the
        # admin's own "changed" line.
        formset.changed_objects = [
            (item, fields) for item, fields in formset.changed_objects if set(fields) - {"move_to"}
        ]
        claim = form.instance
        if formset.has_changed() and not claim.curated:
            claim.curated = True
            claim.save(update_fields=["curated", "updated_at"])
            curation.hold_events([claim.event_id])
        try:
            for target, items in moves.items():
                if target == NEW_CLAIM:
                    new = curation.split_evidence(items, user=request.user)
                    self.message_user(request, f"Split {len(items)} evidence into new claim #{new.pk}.", messages.SUCCESS)
                else:
                    other = Claim.objects.get(pk=int(target), event_id=claim.event_id)
                    moved = curation.move_evidence(items, other, user=request.user)
                    self.message_user(request, f"Moved {moved} evidence to claim #{other.pk}.", messages.SUCCESS)
        except (CurationError, Claim.DoesNotExist) as exc:
            self.message_user(request, str(exc) or "That claim is gone.", messages.ERROR)

    # --- list actions -----------------------------------------------------------

    def _set_status(self, request, queryset, status):
        # Count first: the list may be filtered on the status about to change.
        selected = queryset.count()
        changed = curation.set_status(queryset, status, user=request.user, note=request.POST.get("note", ""))
        label = Claim.Status(status).label.lower()
        self.message_user(request, f"{len(changed)} claim(s) {curation.STATUS_VERBS[status].lower()}.", messages.SUCCESS)
        unchanged = selected - len(changed)
        if unchanged:
            self.message_user(request, f"{unchanged} claim(s) were already {label} or merged: left alone.", messages.INFO)

    @admin.action(description="Confirm selected claims", permissions=["change"])
    def confirm(self, request, queryset):
        self._set_status(request, queryset, Claim.Status.CONFIRMED)

    @admin.action(description="Mark selected claims disputed", permissions=["change"])
    def dispute(self, request, queryset):
        self._set_status(request, queryset, Claim.Status.DISPUTED)

    @admin.action(description="Reject selected claims", permissions=["change"])
    def reject(self, request, queryset):
        self._set_status(request, queryset, Claim.Status.REJECTED)

    @admin.action(description="Merge selected claims into one you choose…", permissions=["change"])
    def merge(self, request, queryset):
        claims = list(queryset.exclude(status=Claim.Status.MERGED).order_by("pk"))
        if len(claims) < 2:
            self.message_user(request, "Select at least two claims (not merged ones) to merge.", messages.WARNING)
            return None
        if len({c.event_id for c in claims}) > 1:
            self.message_user(request, "Only claims of one event can be merged.", messages.ERROR)
            return None
        target = next((c for c in claims if str(c.pk) == request.POST.get("target")), None)
        if target is None:
            # First step: ask which claim to keep.
            keepable = [c for c in claims if c.status not in Claim.HIDDEN_STATUSES]
            default = next((c for c in keepable if c.status == Claim.Status.CONFIRMED), keepable[0] if keepable else None)
            context = {
                **self.admin_site.each_context(request),
                "title": "Merge claims",
                "opts": self.opts,
                "claims": claims,
                "default": default,
                "event": claims[0].event,
            }
            return TemplateResponse(request, "admin/claims/claim/merge.html", context)
        try:
            curation.merge_claims(target, [c for c in claims if c.pk != target.pk], user=request.user)
        except CurationError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return None
        self.message_user(request, f"Merged {len(claims) - 1} claim(s) into claim #{target.pk}.", messages.SUCCESS)
        return None

    # --- pages of its own -----------------------------------------------------

    def get_urls(self):
        own = [
            path(
                "<path:object_id>/evidence/",
                self.admin_site.admin_view(self.sentences_view),
                name="claims_claim_sentences",
            ),
            path(
                "curation/<int:event_id>/",
                self.admin_site.admin_view(self.curation_view),
                name="claims_claim_curation",
            ),
        ]
        return own + super().get_urls()

    def sentences_view(self, request, object_id):
        """Pick sentences of the event's articles to add to the claim as evidence."""
        claim = self.get_object(request, object_id)
        if claim is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, claim):
            raise PermissionDenied
        change_url = reverse("admin:claims_claim_change", args=[claim.pk])
        if request.method == "POST":
            try:
                spans = [tuple(int(part) for part in value.split(":")) for value in request.POST.getlist("sentence")]
                if any(len(span) != 3 for span in spans):
                    raise ValueError
            except ValueError:
                self.message_user(request, "Those are not sentences from the list.", messages.ERROR)
                return redirect(request.get_full_path())
            try:
                added = curation.add_evidence(claim, spans, user=request.user)
            except CurationError as exc:
                self.message_user(request, str(exc), messages.ERROR)
                return redirect(request.get_full_path())
            self.message_user(request, f"Added {len(added)} evidence.", messages.SUCCESS if added else messages.INFO)
            return redirect(change_url)
        query = request.GET.get("q", "")[:200]
        used = {}
        for article_id, start, end, claim_id in Evidence.objects.filter(claim__event_id=claim.event_id).values_list(
            "article_id", "start", "end", "claim_id"
        ):
            used[(article_id, start, end)] = claim_id
        groups = [
            {
                "article": article,
                "sentences": [
                    {
                        "value": f"{article.pk}:{s.start}:{s.end}",
                        "text": s.text,
                        "in_claim": used.get((article.pk, s.start, s.end)),
                    }
                    for s in sentences
                ],
            }
            for article, sentences in curation.event_sentences(claim.event, query)
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": "Add evidence",
            "subtitle": str(claim),
            "opts": self.opts,
            "original": claim,
            "claim": claim,
            "groups": groups,
            "query": query,
            "n_sentences": sum(len(g["sentences"]) for g in groups),
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/claims/claim/sentences.html", context)

    def curation_view(self, request, event_id):
        """What curators did to one event's claims, newest first."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        event = get_object_or_404(Event, pk=event_id)
        context = {
            **self.admin_site.each_context(request),
            "title": "Recent curation",
            "subtitle": event.title,
            "opts": self.opts,
            "event": event,
            "entries": list(curation.curation_log(event)),
        }
        return TemplateResponse(request, "admin/claims/claim/curation.html", context)


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
            claim = curation.split_evidence(queryset, user=request.user)
        except CurationError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return
        self.message_user(request, f"New claim #{claim.pk} made from {claim.evidence.count()} evidence.", messages.SUCCESS)
