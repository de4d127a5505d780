"""The list of events, newest first, with a search over them."""
from articles.models import Event
from coverage_site import page_cache, queries
from coverage_site.forms import EventSearchForm
from coverage_site.pagination import page_number, page_of, pager
from coverage_site.views import common


@common.public_view
def event_list(request):
    number = page_number(request)
    form = EventSearchForm(request.GET)
    values, messages = form.filters()
    q = values.get("q", "")
    # Counting every event's quotes reads every quote: done once per change.
    events = page_cache.for_site("events", lambda: list(queries.events_with_counts()))
    if q:
        matching = set(queries.filter_events(Event.objects.all(), q).values_list("pk", flat=True))
        events = [e for e in events if e.pk in matching]
    shown = page_of(events, number, common.LIST_PAGE)
    return common.page(
        request,
        "articles/event_list.html",
        "event-list",
        {"form": form, "events": list(shown), "n_events": len(events), "messages_": messages, "q": q, **pager(shown)},
    )
