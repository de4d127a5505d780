"""An event's overview: headlines side by side, which outlet reports which
fact and how it tells it, who each outlet quotes, words credited to
different people, the publication timeline and the outlets.

The overview is rendered once per change of the event (and timeline page)
and kept in the page cache; the page around it is the visitor's own.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import time

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from articles.charts import voices_bars, voices_chart, voices_headline
from articles.models import Event
from articles.shifts import shifted_groups
from articles.voices import NAMED, outlet_voices
from claims.framing import event_framing
from claims.services import DIFFERS, NOT_REPORTED, REPORTED, coverage_matrix
from coverage_site import page_cache
from coverage_site.framing import credit_line, stance_look
from coverage_site.pagination import Counted, page_number, page_of
from coverage_site.views.common import event_outlets, public_view, wants_fragment

# Bounds on what one overview shows: each outlet's first headlines (the
# outlet page has the rest) and one page of the timeline at a time.
HEADLINES_PER_OUTLET = 3
TIMELINE_PAGE = 50

ARTICLE_CARD_FIELDS = (
    "pk", "event_id", "outlet_id", "headline", "headline_derived", "published", "published_time", "dateline", "byline",
)
# Within a day, articles with a printed time come in its order, the rest after.
PUBLICATION_ORDER = (F("published").asc(nulls_last=True), F("published_time").asc(nulls_last=True))

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
        .only("pk", "event_id", "outlet_id", "headline", "published", "published_time", "outlet__name", "outlet__slug")
        .order_by(*PUBLICATION_ORDER, "outlet__name", "pk")
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
            position=Window(RowNumber(), partition_by=[F("outlet_id")], order_by=[*PUBLICATION_ORDER, F("pk").asc()])
        )
        .filter(position__lte=HEADLINES_PER_OUTLET)
        .only(*ARTICLE_CARD_FIELDS)
    )
    by_outlet = defaultdict(list)
    for article in sorted(first, key=lambda a: (*publication_key(a), a.pk)):
        by_outlet[article.outlet_id].append(article)
    columns = [{"outlet": o, "articles": by_outlet[o.pk], "n_more": o.n_articles - len(by_outlet[o.pk])} for o in outlets]
    name_of = {o.pk: o.name for o in outlets}
    first.sort(key=lambda a: (*publication_key(a), name_of[a.outlet_id], a.pk))
    return columns, first


def publication_key(article):
    """PUBLICATION_ORDER in Python: by day, then printed time; unknowns last."""
    return (
        article.published is None, article.published,
        article.published_time is None, article.published_time or time.min,
    )


def people_rows(voices, outlets):
    """People quoted (unattributed quotes last), and how often each outlet
    quotes them, from ``outlet_voices``."""
    column = {o.name: i for i, o in enumerate(outlets)}
    people = {}
    for outlet in voices:
        for voice in outlet.voices:
            named = voice.kind == NAMED
            person = people.setdefault(
                voice.person if named else None,
                {"name": voice.label if named else None, "slug": voice.person if named else None,
                 "total": 0, "cells": [0] * len(outlets)},
            )
            person["total"] += voice.quotes
            person["cells"][column[outlet.outlet]] += voice.quotes
    return sorted(people.values(), key=lambda p: (p["name"] is None, -p["total"], (p["name"] or "").casefold()))


def voices_cards(voices):
    """One chart per outlet of who it quotes, with the summary's first
    sentence and a key to the chart's colours that gives the rest (the
    chart describes itself in full to screen readers)."""
    return [
        {
            "outlet": v.outlet,
            "chart": mark_safe(voices_chart(v, chart_id=f"voices-{i}")),  # articles.charts escapes every text
            "headline": voices_headline(v),
            "bars": voices_bars(v),
        }
        for i, v in enumerate(voices, 1)
    ]


def matrix_rows(event, outlets, framings):
    """Claims × outlets, most reported first, from claims.services (the one
    definition of what an outlet reports and where it differs), each cell
    with how its outlet tells the claim (``claims.framing.event_framing``)."""
    claims, _outlets, cells = coverage_matrix(event, outlets)
    rows = []
    for claim in claims:
        row = [cells[(claim.pk, o.pk)] for o in outlets]
        framing = framings.get(claim.pk)
        told = framing.outlets if framing else {}
        looks = []
        for outlet, cell in zip(outlets, row):
            stance = told.get(outlet.name) if cell.state != NOT_REPORTED else None
            looks.append({**CELL_LOOKS[cell.state], "values": cell.values, "stance": stance and stance_look(*stance)})
        rows.append(
            {
                "claim": claim,
                "cells": looks,
                "framing_differs": bool(framing and framing.differs),
                "first_reported_by": framing.first_reported_by if framing else None,
                "n_reported": sum(cell.state != NOT_REPORTED for cell in row),
                "reported": [cell.state != NOT_REPORTED for cell in row],
            }
        )
    rows.sort(key=lambda r: (-r["n_reported"], r["claim"].pk))
    return rows


def overview_context(event, outlets, timeline):
    """Everything the overview shows, in a fixed number of queries."""
    columns, first = headline_columns(event, outlets)
    voices = outlet_voices(event)
    people = people_rows(voices, outlets)
    matrix = matrix_rows(event, outlets, event_framing(event))
    shifts = shifted_groups(event)
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
        "n_framing": sum(1 for r in matrix if r["framing_differs"]),
        "voices": voices_cards(voices),
        "shifts": [{"shift": shift, "line": credit_line(shift.credits)} for shift in shifts],
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
