"""An event's overview: headlines side by side, which outlet reports which
fact, who is quoted by whom, the publication timeline and the outlets.

The overview is rendered once per change of the event (and timeline page)
and kept in the page cache; the page around it is the visitor's own.
"""
from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string

from articles.models import Event, Quote
from claims.services import DIFFERS, NOT_REPORTED, REPORTED, coverage_matrix
from coverage_site import page_cache
from coverage_site.pagination import Counted, page_number, page_of
from coverage_site.views.common import event_outlets, public_view, wants_fragment

# Bounds on what one overview shows: each outlet's first headlines (the
# outlet page has the rest) and one page of the timeline at a time.
HEADLINES_PER_OUTLET = 3
TIMELINE_PAGE = 50

ARTICLE_CARD_FIELDS = ("pk", "event_id", "outlet_id", "headline", "headline_derived", "published", "dateline", "byline")

# How the coverage matrix shows each state of claims.services.coverage_matrix.
CELL_LOOKS = {
    REPORTED: {"css": "reported", "label": "Reported", "symbol": "●"},
    DIFFERS: {"css": "differs", "label": "Reports a different value", "symbol": "▲"},
    NOT_REPORTED: {"css": "missing", "label": "Not reported", "symbol": "○"},
}


def timeline_page(event, n_articles, number):
    """Page ``number`` of the event's articles by publication day, undated
    last; 404 when there is no such page."""
    articles = (
        event.articles.select_related("outlet")
        .only("pk", "event_id", "outlet_id", "headline", "published", "outlet__name", "outlet__slug")
        .order_by(F("published").asc(nulls_last=True), "outlet__name", "pk")
    )
    return page_of(Counted(articles, n_articles), number, TIMELINE_PAGE)


def timeline_context(event, page):
    days, undated = defaultdict(list), []
    for article in page:
        (days[article.published] if article.published else undated).append(article)
    return {
        "event": event,
        "timeline": [{"date": day, "articles": days[day]} for day in sorted(days)],
        "undated": undated,
        "timeline_next": page.next_page_number() if page.has_next() else None,
        "timeline_previous": page.previous_page_number() if page.has_previous() else None,
        "timeline_first": page.start_index(),
        "timeline_last": page.end_index(),
    }


def headline_columns(event, outlets):
    """(one column per outlet with its first few articles, the event's first
    articles in order of publication)."""
    first = list(
        event.articles.annotate(
            position=Window(RowNumber(), partition_by=[F("outlet_id")], order_by=[F("published").asc(nulls_last=True), F("pk").asc()])
        )
        .filter(position__lte=HEADLINES_PER_OUTLET)
        .only(*ARTICLE_CARD_FIELDS)
    )
    by_outlet = defaultdict(list)
    for article in sorted(first, key=lambda a: (a.published is None, a.published, a.pk)):
        by_outlet[article.outlet_id].append(article)
    columns = [{"outlet": o, "articles": by_outlet[o.pk], "n_more": o.n_articles - len(by_outlet[o.pk])} for o in outlets]
    name_of = {o.pk: o.name for o in outlets}
    first.sort(key=lambda a: (a.published is None, a.published, name_of[a.outlet_id], a.pk))
    return columns, first


def people_rows(event, outlets):
    """People quoted (unattributed quotes last), and how often each outlet quotes them."""
    counts = (
        Quote.objects.filter(article__event=event)
        .values("speaker__pk", "speaker__name", "speaker__slug", "article__outlet")
        .annotate(n=Count("pk"))
        .order_by()
    )
    people = {}
    for row in counts:
        person = people.setdefault(
            row["speaker__pk"],
            {"name": row["speaker__name"], "slug": row["speaker__slug"], "total": 0, "by_outlet": defaultdict(int)},
        )
        person["total"] += row["n"]
        person["by_outlet"][row["article__outlet"]] += row["n"]
    rows = sorted(people.values(), key=lambda p: (p["name"] is None, -p["total"], (p["name"] or "").casefold()))
    for person in rows:
        person["cells"] = [person["by_outlet"].get(o.pk, 0) for o in outlets]
    return rows


def matrix_rows(event, outlets):
    """Claims × outlets, most reported first, from claims.services (the one
    definition of what an outlet reports and where it differs)."""
    claims, _outlets, cells = coverage_matrix(event, outlets)
    rows = []
    for claim in claims:
        row = [cells[(claim.pk, o.pk)] for o in outlets]
        rows.append(
            {
                "claim": claim,
                "cells": [{**CELL_LOOKS[cell.state], "values": cell.values} for cell in row],
                "n_reported": sum(cell.state != NOT_REPORTED for cell in row),
                "reported": [cell.state != NOT_REPORTED for cell in row],
            }
        )
    rows.sort(key=lambda r: (-r["n_reported"], r["claim"].pk))
    return rows


def overview_context(event, outlets, timeline):
    """Everything the overview shows, in a fixed number of queries."""
    columns, first = headline_columns(event, outlets)
    people = people_rows(event, outlets)
    matrix = matrix_rows(event, outlets)
    return {
        "event": event,
        "n_articles": timeline.paginator.count,
        "outlets": outlets,
        "headline_columns": columns,
        "people_rows": people,
        "n_quotes": sum(p["total"] for p in people),
        "matrix": matrix,
        "outlet_totals": [sum(r["reported"][i] for r in matrix) for i in range(len(outlets))],
        "n_discrepancies": sum(1 for r in matrix if r["claim"].discrepancy),
        "compare_ids": [a.pk for a in first[:2]],
        **timeline_context(event, timeline),
    }


@public_view
def event_detail(request, slug):
    event = get_object_or_404(Event, slug=slug)
    number = page_number(request)
    outlets = event_outlets(event)
    # The page is checked before anything is cached under its number.
    timeline = timeline_page(event, sum(o.n_articles for o in outlets), number)
    if wants_fragment(request):
        # "More articles" in the timeline replaces only the timeline.
        return render(request, "articles/event_detail.html#timeline", timeline_context(event, timeline))

    def overview():
        return render_to_string("articles/event_detail.html#overview", overview_context(event, outlets, timeline))

    if number <= page_cache.MAX_CACHED_PAGES:
        html = page_cache.for_event(event, f"overview:{number}", overview)
    else:
        html = overview()
    return render(request, "articles/event_detail.html", {"event": event, "overview": html})
