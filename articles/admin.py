from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.shortcuts import render
from django.template.defaultfilters import pluralize

from articles.models import Article, Event, FailedImport, FormerSlug, Mention, Outlet, Person, PersonAlias, Quote, QuoteGroup
from articles.services import SplitError, article_moved, forward_slugs, merge_events, merge_people, split_person



def merge_page(request, model_admin, title, intro, choices):
    """The first step of a merge action: which of the selected rows to keep."""
    context = {**model_admin.admin_site.each_context(request), "opts": model_admin.model._meta,
               "title": title, "intro": intro, "choices": choices}
    return render(request, "admin/articles/merge.html", context)

class FormerSlugInline(admin.TabularInline):
    """The addresses that lead to the event. Made by renames and merges
    only; deleting one lets its address go (a 404 from then on)."""

    model = FormerSlug
    fields = ["slug", "created_at"]
    readonly_fields = ["slug", "created_at"]
    extra = 0
    verbose_name = "former address"
    verbose_name_plural = "former addresses (they redirect here)"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "date", "article_count"]
    search_fields = ["title", "slug"]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ["title"]}
    actions = ["merge"]
    inlines = [FormerSlugInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "slug" in form.changed_data and form.initial.get("slug"):
            # The address it had keeps working (bookmarks, links in the wild).
            forward_slugs({form.initial["slug"]: obj.pk})

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(ordering="article_count", description="articles")
    def article_count(self, obj):
        return obj.article_count

    @admin.action(description="Merge into chosen event", permissions=["change"])
    def merge(self, request, queryset):
        events = list(queryset.order_by("date", "pk"))
        if len(events) < 2:
            self.message_user(request, "Select at least two events to merge.", messages.WARNING)
            return None
        target_id = request.POST.get("target")
        target = next((e for e in events if str(e.pk) == target_id), None)
        if target is None:
            # First step: ask which event to keep.
            choices = [
                (e.pk, f"{e.title}{f' — {e.date}' if e.date else ''} ({e.article_count} article{pluralize(e.article_count)})")
                for e in events
            ]
            intro = ("These events will become one. Their articles, quotes and claims move to the one you keep, "
                     "which keeps its title and address; later imports add to it.")
            return merge_page(request, self, "Merge events", intro, choices)
        merge_events(target, [e for e in events if e.pk != target.pk])
        self.message_user(request, f"Merged {len(events) - 1} events into {target.title}.", messages.SUCCESS)
        return None


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "verified", "homepage"]
    list_filter = ["verified", "kind"]
    search_fields = ["name", "slug"]
    list_editable = ["verified"]
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class QuoteInline(admin.TabularInline):
    model = Quote
    fields = ["text", "speaker", "kind", "start", "end", "cue"]
    autocomplete_fields = ["speaker"]
    extra = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["headline", "outlet", "event", "published", "source"]
    list_filter = ["outlet", "event"]
    list_select_related = ["outlet", "event"]
    search_fields = ["headline", "source", "outlet__name"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    autocomplete_fields = ["event", "outlet"]
    readonly_fields = ["content_hash", "raw_text", "imported_at", "signature"]
    inlines = [QuoteInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "event" in form.changed_data:
            article_moved(obj, form.initial.get("event"))


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    fields = ["name", "key"]
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "affiliation", "quote_count"]
    search_fields = ["name", "aliases__name", "role", "affiliation"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PersonAliasInline]
    actions = ["merge", "split"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(quote_count=Count("quotes", distinct=True))

    @admin.display(ordering="quote_count", description="quotes")
    def quote_count(self, obj):
        return obj.quote_count

    def has_merge_permission(self, request):
        # Merging changes the person kept and deletes the others.
        return self.has_change_permission(request) and self.has_delete_permission(request)

    @admin.action(description="Merge selected people into one", permissions=["merge"])
    def merge(self, request, queryset):
        people = list(queryset.order_by("name"))
        if len(people) < 2:
            self.message_user(request, "Select at least two people to merge.", messages.WARNING)
            return None
        target_id = request.POST.get("target")
        target = next((p for p in people if str(p.pk) == target_id), None)
        if target is None:
            # First step: ask which name to keep.
            choices = [(p.pk, f"{p.name}{f' — {p.role}' if p.role else ''}") for p in people]
            intro = ("These people will become one. Their quotes, mentions and names move to the one you keep; "
                     "later imports of any of these names find it.")
            return merge_page(request, self, "Merge people", intro, choices)
        merge_people(target, [p for p in people if p.pk != target.pk])
        self.message_user(request, f"Merged {len(people) - 1} people into {target.name}.", messages.SUCCESS)
        return None

    @admin.action(description="Split chosen names off into a new person", permissions=["change"])
    def split(self, request, queryset):
        people = list(queryset[:2])
        if len(people) != 1:
            self.message_user(request, "Select exactly one person to split.", messages.WARNING)
            return None
        person = people[0]
        chosen = request.POST.getlist("names")
        if not chosen:
            # First step: ask which names belong to someone else.
            names = sorted(set(person.aliases.values_list("name", flat=True)) | {person.name})
            return render(
                request,
                "admin/articles/person/split.html",
                {**self.admin_site.each_context(request), "person": person, "names": names,
                 "opts": self.model._meta, "title": "Split person"},
            )
        try:
            new = split_person(person, chosen)
        except SplitError as exc:
            self.message_user(request, f"Not split: {exc}.", messages.ERROR)
            return None
        self.message_user(request, f"Split {new.name} off from {person.name}.", messages.SUCCESS)
        return None


@admin.register(QuoteGroup)
class QuoteGroupAdmin(admin.ModelAdmin):
    list_display = ["label", "speaker", "event"]
    list_select_related = ["speaker", "event"]
    list_filter = ["event"]
    search_fields = ["label"]
    autocomplete_fields = ["speaker", "event"]


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ["text", "speaker", "kind", "article"]
    list_filter = ["kind", "article__event"]
    list_select_related = ["speaker", "article__outlet"]
    search_fields = ["text", "speaker__name"]
    autocomplete_fields = ["speaker", "article", "group"]


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ["person", "article", "start", "end"]
    list_select_related = ["person", "article__outlet"]
    search_fields = ["person__name"]
    autocomplete_fields = ["person", "article"]


@admin.register(FailedImport)
class FailedImportAdmin(admin.ModelAdmin):
    """The dead-letter record of queued imports: read it, fix the input, import
    it again, then delete the record."""

    list_display = ["path", "reason", "attempts", "run", "created_at"]
    list_filter = ["created_at"]
    search_fields = ["path", "source", "reason", "content_hash"]
    readonly_fields = ["run", "path", "source", "content_hash", "reason", "attempts", "created_at"]

    def has_add_permission(self, request):
        return False
