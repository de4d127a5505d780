"""What the public pages share: GET only, ``Vary: HX-Request``, an HTMX
request gets just the page's named partial, and lists kept in the page cache.

Views are thin: a Form parses the query string, coverage_site.queries
reads, and the view sorts, counts and groups so templates only display.
"""
from __future__ import annotations

from django.db.models import Count
from django.db.models.functions import Lower
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from articles.models import Outlet
from coverage_site import page_cache
from coverage_site.templatetags.parallax import Span


def public_view(view):
    """A public page: read-only, and cached by proxies per HX-Request."""
    return require_GET(vary_on_headers("HX-Request")(view))


def wants_fragment(request) -> bool:
    """An HTMX request for part of a page. A history restore is a full-page
    request even though htmx sends it (the htmx config disables the history
    cache, but check anyway)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request


def page(request, template, partial, context):
    """The whole page, or only ``partial`` when HTMX asks for it."""
    if partial and wants_fragment(request):
        template = f"{template}#{partial}"
    return render(request, template, context)


def list_response(request, template, partial, render_list, context, keep, filters):
    """A page whose list (the ``partial`` of ``template``) is rendered by
    ``render_list()``; an HTMX request gets the list alone.

    Unfiltered, the list most visits see, it is kept per page with
    ``keep(name, compute)`` (page_cache.for_event or for_site); ``filters``
    name the page's filter parameters. A filtered list is rendered afresh:
    its links carry the filters along.
    """
    variant = page_cache.list_variant(request, filters)
    fragment = render_list() if variant is None else keep(f"{partial}:{variant}", render_list)
    if wants_fragment(request):
        return HttpResponse(fragment)
    return render(request, template, {**context, partial.replace("-", "_"): fragment})


def event_outlets(event):
    """The outlets that covered ``event``, by name, each with its number of
    articles there; counted once per change of the event."""
    return page_cache.for_event(
        event,
        "outlets",
        lambda: list(
            Outlet.objects.filter(articles__event=event)
            .annotate(n_articles=Count("articles"))
            .order_by(Lower("name"), "pk")
        ),
    )


def quote_spans(quotes, titled=True):
    """Highlights of ``quotes``; untitled where the page lists their speakers
    itself (a title is hover-only, out of reach of keyboard and touch)."""
    return [
        Span(q.start, q.end, "quote", f"Quote: {q.speaker.name if q.speaker else 'no named speaker'}" if titled else "", f"q{q.pk}")
        for q in quotes
    ]


def paragraph_around(body, start, end):
    """(start, end) of the paragraph of ``body`` that holds [start, end)."""
    first = body.rfind("\n\n", 0, start)
    first = 0 if first < 0 else first + 2
    last = body.find("\n\n", end)
    return first, len(body) if last < 0 else last


# Site-wide lists (events, people, an outlet's articles) come a page at a time.
LIST_PAGE = 50
