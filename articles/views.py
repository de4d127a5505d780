"""Public pages: events, an event's coverage, quotes, comparison, articles,
outlets, people and search.

Views are thin: a Form parses the query string, queries.py reads, and the
view sorts, counts and groups so templates only display. Each page that an
HTMX filter updates renders just its named partial for an HTMX request.
"""
from __future__ import annotations

import functools
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.db.models import BigIntegerField, Count, F, Prefetch, Q, Window
from django.db.models.functions import Coalesce, Lower, RowNumber
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from articles import queries
from articles.forms import (
    CompareForm,
    EventSearchForm,
    PersonQuoteFilterForm,
    QuoteFilterForm,
    SiteSearchForm,
)
from articles.models import Article, Event, Outlet, Person, PersonAlias, Quote, QuoteGroup
from articles.templatetags.parallax import Span, diff_html, highlight

# Search results per kind and page (ranked among the newest matches, see
# queries.SEARCH_CANDIDATES).
SEARCH_LIMIT = 25


def page(request, template, partial, context):
    """The whole page, or only ``partial`` when HTMX asks for it.

    A history restore is a full-page request even though htmx sends it
    (the htmx config disables the history cache, but check anyway).
    """
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request and partial:
        template = f"{template}#{partial}"
    return render(request, template, context)


public = [require_GET, vary_on_headers("HX-Request")]


def public_view(view):
    for decorate in reversed(public):
        view = decorate(view)
    return view


def outlet_label(outlet):
    return outlet.name if outlet.verified else f"{outlet.name} (unverified)"


def event_outlets(event):
    """The outlets that covered ``event``, by name, each with its number of
    articles there; counted once per change of the event."""
    return cached_for_event(
        event,
        "outlets",
        lambda: list(
            Outlet.objects.filter(articles__event=event)
            .annotate(n_articles=Count("articles"))
            .order_by(Lower("name"), "pk")
        ),
    )


def quote_spans(quotes):
    return [
        Span(q.start, q.end, "quote", f"Quote: {q.speaker.name if q.speaker else 'no named speaker'}", f"q{q.pk}")
        for q in quotes
    ]


def evidence_spans(evidence):
    return [
        Span(e.start, e.end, "evidence", f"Claim: {e.claim.statement[:140]}", f"e{e.pk}")
        for e in evidence
        if e.start is not None and e.end is not None
    ]


# --- events -----------------------------------------------------------------


# Site-wide lists come a page at a time.
LIST_PAGE = 50


def cached_for_site(name, compute):
    """``compute()``, kept until any event changes (queries.site_version)."""
    key = f"site:{queries.site_version()}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, OVERVIEW_TIMEOUT)
    return value


def list_response(request, template, partial, render_list, context, keep):
    """A page whose list (the ``partial`` of ``template``) is rendered by
    ``render_list()``; an HTMX request gets the list alone.

    Without filters, the list most visits see, it is kept per page with
    ``keep(name, compute)`` (cached_for_event or cached_for_site). Any
    other query string is rendered afresh: the list's links carry it along.
    """
    if set(request.GET) <= {"page"}:
        fragment = keep(f"{partial}:{page_number(request)}", render_list)
    else:
        fragment = render_list()
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request:
        return HttpResponse(fragment)
    return render(request, template, {**context, partial.replace("-", "_"): fragment})


def list_page(request, items):
    """(the items of the requested page, the pager's context)."""
    paging, window = pager(page_number(request), len(items), LIST_PAGE)
    return items[window], paging


@public_view
def event_list(request):
    form = EventSearchForm(request.GET)
    values, messages = form.filters()
    q = values.get("q", "")
    # Counting every event's quotes reads every quote: done once per change.
    events = cached_for_site("events", lambda: list(queries.events_with_counts()))
    if q:
        matching = set(queries.filter_events(Event.objects.all(), q).values_list("pk", flat=True))
        events = [e for e in events if e.pk in matching]
    shown, paging = list_page(request, events)
    return page(
        request,
        "articles/event_list.html",
        "event-list",
        {"form": form, "events": shown, "n_events": len(events), "messages_": messages, "q": q, **paging},
    )


# Bounds on what one overview shows: each outlet's first headlines (the
# outlet page has the rest) and one page of the timeline at a time.
HEADLINES_PER_OUTLET = 3
TIMELINE_PAGE = 50
# Overviews are cached under the event's changed_at, which every write that
# shows on them moves on (articles/signals.py); the timeout only bounds the
# memory a forgotten event holds.
OVERVIEW_TIMEOUT = 60 * 60


def cached_for_event(event, name, compute):
    """``compute()``, kept in the cache until the event next changes: for
    per-event summaries (filter choices, the overview) that every visit to
    its pages would otherwise recount."""
    key = f"event:{event.pk}:{event.changed_at.isoformat()}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, OVERVIEW_TIMEOUT)
    return value


def page_number(request, name="page"):
    """A positive page number from the query string; 1 for anything else."""
    try:
        return max(1, min(int(request.GET.get(name, 1)), 10**6))
    except (TypeError, ValueError):
        return 1


ARTICLE_CARD_FIELDS = ("pk", "event_id", "outlet_id", "headline", "headline_derived", "published", "dateline", "byline")


def timeline_context(event, number):
    """One page of the event's articles by publication day, undated last."""
    offset = (number - 1) * TIMELINE_PAGE
    rows = list(
        event.articles.select_related("outlet")
        .only("pk", "event_id", "outlet_id", "headline", "published", "outlet__name", "outlet__slug")
        .order_by(F("published").asc(nulls_last=True), "outlet__name", "pk")[offset : offset + TIMELINE_PAGE + 1]
    )
    more = len(rows) > TIMELINE_PAGE
    rows = rows[:TIMELINE_PAGE]
    days, undated = defaultdict(list), []
    for article in rows:
        (days[article.published] if article.published else undated).append(article)
    return {
        "event": event,
        "timeline": [{"date": day, "articles": days[day]} for day in sorted(days)],
        "undated": undated,
        "timeline_page": number,
        "timeline_next": number + 1 if more else None,
        "timeline_previous": number - 1 if number > 1 else None,
        "timeline_first": offset + 1,
        "timeline_last": offset + len(rows),
    }


def overview_context(event, number):
    """Everything the overview shows, in a fixed number of queries."""
    outlets = event_outlets(event)
    n_articles = sum(o.n_articles for o in outlets)

    # Headlines side by side: one column per outlet, its first few articles.
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
    headline_columns = [
        {"outlet": o, "articles": by_outlet[o.pk], "n_more": o.n_articles - len(by_outlet[o.pk])} for o in outlets
    ]
    name_of = {o.pk: o.name for o in outlets}
    # The event's first two articles are among each outlet's first ones.
    first.sort(key=lambda a: (a.published is None, a.published, name_of[a.outlet_id], a.pk))

    # People quoted, and how often each outlet quotes them.
    counts = (
        Quote.objects.filter(article__event=event)
        .values("speaker__pk", "speaker__name", "speaker__slug", "article__outlet")
        .annotate(n=Count("pk"))
        .order_by()
    )
    people = {}
    for row in counts:
        key = row["speaker__pk"]
        person = people.setdefault(
            key,
            {"name": row["speaker__name"], "slug": row["speaker__slug"], "total": 0, "by_outlet": defaultdict(int)},
        )
        person["total"] += row["n"]
        person["by_outlet"][row["article__outlet"]] += row["n"]
    people_rows = sorted(
        people.values(), key=lambda p: (p["name"] is None, -p["total"], (p["name"] or "").casefold())
    )
    for person in people_rows:
        person["cells"] = [person["by_outlet"].get(o.pk, 0) for o in outlets]

    # Coverage matrix: claims × outlets.
    claims, cells = queries.coverage_matrix(event, outlets)
    matrix = []
    for claim in claims:
        row = [cells[(claim.pk, o.pk)] for o in outlets]
        matrix.append(
            {
                "claim": claim,
                "cells": row,
                "n_reported": sum(c.state != queries.MISSING for c in row),
                "n_differs": sum(c.state == queries.DIFFERS for c in row),
            }
        )
    matrix.sort(key=lambda r: (-r["n_reported"], r["claim"].pk))
    # The service may leave rejected claims in; the public overview does not show them.
    matrix = [r for r in matrix if r["claim"].status != "rejected"]
    outlet_totals = [sum(r["cells"][i].state != queries.MISSING for r in matrix) for i in range(len(outlets))]

    return {
        "event": event,
        "n_articles": n_articles,
        "outlets": outlets,
        "headline_columns": headline_columns,
        "people_rows": people_rows,
        "n_quotes": sum(p["total"] for p in people_rows),
        "matrix": matrix,
        "outlet_totals": outlet_totals,
        "n_discrepancies": sum(1 for r in matrix if r["claim"].discrepancy),
        "compare_ids": [a.pk for a in first[:2]],
        **timeline_context(event, number),
    }


@public_view
def event_detail(request, slug):
    event = get_object_or_404(Event, slug=slug)
    number = page_number(request)
    if request.htmx and not request.htmx.history_restore_request:
        # "More articles" in the timeline replaces only the timeline.
        return render(request, "articles/event_detail.html#timeline", timeline_context(event, number))
    head, tail = cached_for_event(event, f"page:{number}", lambda: render_overview_page(request, event, number))
    # Only the CSRF token differs between visitors; get_token also has the
    # middleware set its cookie, as rendering {{ csrf_token }} would.
    return HttpResponse(b"".join((head, get_token(request).encode(), tail)))


# Stands for the CSRF token in the cached page; split off at its first
# occurrence, in <body>, before any content.
CSRF_SLOT = "\x00csrf-token\x00"


def render_overview_page(request, event, number):
    """The whole overview page as bytes, split around the CSRF token."""
    overview = render_to_string("articles/event_detail.html#overview", overview_context(event, number))
    html = render_to_string(
        "articles/event_detail.html", {"event": event, "overview": overview, "csrf_token": CSRF_SLOT}, request
    )
    head, tail = html.encode().split(CSRF_SLOT.encode(), 1)
    return head, tail


# --- quotes -----------------------------------------------------------------


@dataclass
class Wording:
    quote: Quote
    diff: str = ""
    same: bool = False


@dataclass
class Utterance:
    """One QuoteGroup (or one ungrouped quote) and the wordings shown of it."""

    label: str
    group: QuoteGroup | None
    wordings: list = field(default_factory=list)
    n: int = 0  # wordings in all; the quote group page lists them all

    @property
    def single(self):
        """Only one outlet reports it: nothing to compare."""
        return self.wordings[0] if self.n == 1 and self.wordings else None

    @property
    def n_more(self):
        return self.n - len(self.wordings)

    @property
    def outlets(self):
        return sorted({w.quote.article.outlet.name for w in self.wordings})


def wordings_with_diffs(label, quotes):
    """Each quote as a Wording diffed against the group's label."""
    result = []
    for quote in sorted(quotes, key=lambda q: (q.article.outlet.name.casefold(), q.article_id, q.start)):
        ops = queries.word_diff(label, quote.text)
        same = all(op == "equal" for op, _ in ops)
        result.append(Wording(quote, diff_html(ops), same))
    return result


# Quote lists show a page of utterances at a time, and a few wordings of
# each; the quote group page has every outlet's wording of one utterance.
UTTERANCES_PER_PAGE = 20
WORDINGS_SHOWN = 4

# An utterance is a quote group, or a quote in none (negated so the two
# kinds of id cannot meet).
UTTERANCE = Coalesce(F("group_id"), -F("pk"), output_field=BigIntegerField())


def summarise_utterances(quotes, *section):
    """One row per (section, utterance) of ``quotes`` with its number of
    wordings, counted by the database (an index-only scan on
    quote_article_speaker_group for an event) rather than in Python."""
    return list(quotes.order_by().annotate(utterance=UTTERANCE).values(*section, "utterance").annotate(n=Count("pk")))


def utterance_order(row):
    """Most outlets first, then in order of first appearance."""
    return (-row["n"], row["utterance"] if row["utterance"] > 0 else 10**12, -row["utterance"])


WORDING_FIELDS = ("text", "kind", "start", "article_id", "speaker_id", "group_id", "article__event_id", "article__outlet_id")
RELATED_FIELDS = {
    "article__outlet": ("article__outlet__name", "article__outlet__slug"),
    "article__event": ("article__event__title", "article__event__slug", "article__event__date"),
    "speaker": ("speaker__name", "speaker__slug", "speaker__role"),
    "group": ("group__label", "group__event_id", "group__speaker_id"),
}


def shown_quotes(quotes, section, rows, related):
    """The first WORDINGS_SHOWN quotes (by outlet) of each utterance in
    ``rows``, keyed by (section value, utterance)."""
    groups = [r["utterance"] for r in rows if r["utterance"] > 0]
    lone = [-r["utterance"] for r in rows if r["utterance"] < 0]
    found = (
        quotes.filter(Q(group_id__in=groups) | Q(pk__in=lone))
        .annotate(
            utterance=UTTERANCE,
            section_value=F(section),
            position=Window(
                RowNumber(),
                partition_by=[F(section), UTTERANCE],
                order_by=[Lower("article__outlet__name"), F("article_id").asc(), F("start").asc()],
            ),
        )
        .filter(position__lte=WORDINGS_SHOWN)
        .select_related(*related)
        # Not the article's body and raw text: a quote list shows neither.
        .only(*WORDING_FIELDS, *(f for name in related for f in RELATED_FIELDS[name]))
        .order_by()
    )
    by_key = defaultdict(list)
    for quote in found:
        by_key[(quote.section_value, quote.utterance)].append(quote)
    return by_key


def utterances_of(rows, by_key):
    result = []
    for row in rows:
        members = by_key.get((row["section"], row["utterance"]), [])
        group = members[0].group if members and members[0].group_id else None
        label = group.label if group else members[0].text
        result.append(Utterance(label, group, wordings_with_diffs(label, members), row["n"]))
    return result


def pager(number, n_items, per_page=UTTERANCES_PER_PAGE):
    """(context for includes/pager.html, the slice of the items to show)."""
    last = max(1, -(-n_items // per_page))
    number = min(number, last)
    return {
        "page": number,
        "n_pages": last,
        "next_page": number + 1 if number < last else None,
        "previous_page": number - 1 if number > 1 else None,
    }, slice((number - 1) * per_page, number * per_page)


# Several sections (speakers, or a person's events): a page of sections,
# each with its first few utterances and a link to the rest. One section:
# a page of its utterances.
SECTIONS_PER_PAGE = 10
SECTION_UTTERANCES = 3
# A person's events are fuller sections (every outlet's wording of them).
EVENTS_PER_PAGE = 5


def page_of_sections(rows, number, per_page=None):
    """(the rows to show, the pager's context, {section: utterances not shown})
    for utterance rows sorted by section, each with its "section" key."""
    sections = []
    for row in rows:
        if not sections or sections[-1][0] != row["section"]:
            sections.append((row["section"], []))
        sections[-1][1].append(row)
    if len(sections) <= 1:
        paging, window = pager(number, len(rows), UTTERANCES_PER_PAGE)
        return rows[window], paging, {}
    paging, window = pager(number, len(sections), per_page or SECTIONS_PER_PAGE)
    shown, hidden = [], {}
    for key, members in sections[window]:
        shown.extend(members[:SECTION_UTTERANCES])
        hidden[key] = max(0, len(members) - SECTION_UTTERANCES)
    return shown, paging, hidden


def group_utterances(quotes, number, names):
    """Speakers (most quoted first) → utterances (most outlets first), one
    page of them, with diffs, in two queries whatever the number of quotes.
    ``names`` maps speaker ids to names, for the order."""
    rows = summarise_utterances(quotes, "speaker_id")
    totals = defaultdict(int)
    for row in rows:
        row["section"] = row["speaker_id"]
        totals[row["speaker_id"]] += row["n"]
    rows.sort(
        key=lambda r: (
            r["speaker_id"] is None,
            -totals[r["speaker_id"]],
            names.get(r["speaker_id"], ""),
            r["speaker_id"] or 0,
            *utterance_order(r),
        )
    )
    page_rows, paging, hidden = page_of_sections(rows, number)
    by_key = shown_quotes(quotes, "speaker_id", page_rows, ["article__outlet", "speaker", "group"])
    sections = []
    for row, utterance in zip(page_rows, utterances_of(page_rows, by_key)):
        if not sections or sections[-1]["speaker_id"] != row["speaker_id"]:
            speaker = utterance.wordings[0].quote.speaker if utterance.wordings else None
            sections.append(
                {
                    "speaker_id": row["speaker_id"],
                    "speaker": speaker,
                    "utterances": [],
                    "n_quotes": totals[row["speaker_id"]],
                    "n_more": hidden.get(row["speaker_id"], 0),
                }
            )
        sections[-1]["utterances"].append(utterance)
    return sections, {"n_quotes": sum(totals.values()), "n_utterances": len(rows), **paging}


def event_utterances(quotes, number):
    """One person's quotes: events (oldest first) → utterances (most outlets
    first), one page of them, with diffs, in two queries."""
    rows = summarise_utterances(quotes, "article__event_id", "article__event__date", "article__event__title")
    for row in rows:
        row["section"] = row["article__event_id"]
    rows.sort(
        key=lambda r: (
            r["article__event__date"] is None,
            r["article__event__date"] or date.min,
            r["article__event__title"],
            r["article__event_id"],
            *utterance_order(r),
        )
    )
    page_rows, paging, hidden = page_of_sections(rows, number, EVENTS_PER_PAGE)
    by_key = shown_quotes(quotes, "article__event_id", page_rows, ["article__outlet", "article__event", "group"])
    sections = []
    for row, utterance in zip(page_rows, utterances_of(page_rows, by_key)):
        if not sections or sections[-1]["event"].pk != row["article__event_id"]:
            sections.append(
                {
                    "event": utterance.wordings[0].quote.article.event,
                    "utterances": [],
                    "n_more": hidden.get(row["article__event_id"], 0),
                }
            )
        sections[-1]["utterances"].append(utterance)
    return sections, {"n_quotes": sum(r["n"] for r in rows), "n_utterances": len(rows), **paging}


@public_view
def event_quotes(request, slug):
    event = get_object_or_404(Event, slug=slug)
    all_quotes = Quote.objects.filter(article__event=event)
    speaker_rows = cached_for_event(
        event,
        "quote-speakers",
        lambda: list(
            all_quotes.filter(speaker__isnull=False)
            .values("speaker_id", "speaker__slug", "speaker__name")
            .annotate(n=Count("pk"))
            .order_by("speaker__name")
        ),
    )
    outlet_rows = cached_for_event(
        event,
        "quote-outlets",
        lambda: list(
            event.articles.values("outlet__slug", "outlet__name").annotate(n=Count("pk")).order_by("outlet__name")
        ),
    )
    form = QuoteFilterForm(
        request.GET,
        speakers=[(r["speaker__slug"], f"{r['speaker__name']} ({r['n']})") for r in speaker_rows],
        outlets=[(r["outlet__slug"], r["outlet__name"]) for r in outlet_rows],
    )
    values, messages = form.filters()
    quotes = all_quotes
    speaker = values.get("speaker")
    if speaker == QuoteFilterForm.UNATTRIBUTED:
        quotes = quotes.filter(speaker__isnull=True)
    elif speaker:
        quotes = quotes.filter(speaker__slug=speaker)
    if values.get("outlet"):
        quotes = quotes.filter(article__outlet__slug=values["outlet"])
    if values.get("q"):
        quotes = queries.search_quotes(values["q"], quotes, ranked=False)
    names = {r["speaker_id"]: r["speaker__name"] for r in speaker_rows}
    number = page_number(request)

    def quote_list():
        sections, counts = group_utterances(quotes, number, names)
        context = {"event": event, "messages_": messages, "sections": sections, "filtered": bool(values), **counts}
        return render_to_string("articles/event_quotes.html#quote-list", context, request)

    return list_response(
        request,
        "articles/event_quotes.html",
        "quote-list",
        quote_list,
        {"event": event, "form": form},
        functools.partial(cached_for_event, event),
    )


@public_view
def quote_group(request, slug, pk):
    group = get_object_or_404(QuoteGroup.objects.select_related("event", "speaker"), pk=pk, event__slug=slug)
    quotes = list(
        group.quotes.select_related("article__outlet", "speaker").defer(
            "search_vector", "article__raw_text", "article__search_vector", "article__signature"
        )
    )
    wordings = wordings_with_diffs(group.label, quotes)
    for wording in wordings:
        quote = wording.quote
        body = quote.article.body
        # The paragraph the quote stands in, with the quote marked.
        start = body.rfind("\n\n", 0, quote.start)
        start = 0 if start < 0 else start + 2
        end = body.find("\n\n", quote.end)
        end = len(body) if end < 0 else end
        wording.context = highlight(body[start:end], quote_spans([quote]), start)
    return render(
        request,
        "articles/quote_group.html",
        {
            "event": group.event,
            "group": group,
            "wordings": wordings,
            "outlets": sorted({w.quote.article.outlet.name for w in wordings}),
            "n_same": sum(w.same for w in wordings),
        },
    )


# --- comparison ---------------------------------------------------------------


@public_view
def compare(request, slug):
    from claims.models import Evidence

    event = get_object_or_404(Event, slug=slug)
    # The picker lists every article of the event: its rows and its
    # rendered list are kept until the event changes.
    rows = cached_for_event(
        event,
        "compare-rows",
        lambda: list(
            event.articles.order_by("outlet__name", "published", "pk").values("pk", "headline", "outlet__name")
        ),
    )
    form = CompareForm(
        request.GET if "a" in request.GET else None,
        articles=[(r["pk"], f"{r['outlet__name']}: {r['headline']}") for r in rows],
    )
    values, messages = form.filters()
    chosen_ids = values.get("a", [])
    by_pk = {a.pk: a for a in Article.objects.select_related("outlet").defer("raw_text", "search_vector").filter(pk__in=chosen_ids)}
    chosen = [by_pk[pk] for pk in chosen_ids if pk in by_pk]
    if "a" in request.GET and len(chosen) < CompareForm.MIN:
        messages.append("Choose at least two articles to compare.")
    context = {"event": event, "form": form, "messages_": messages, "chosen": chosen}
    if not (request.htmx and not request.htmx.history_restore_request):
        picker = cached_for_event(
            event,
            "compare-picker",
            lambda: render_to_string("articles/compare.html#picker-list", {"rows": rows}),
        )
        for pk in chosen_ids:
            picker = picker.replace(f'value="{pk}">', f'value="{pk}" checked>', 1)
        context["picker"] = mark_safe(picker)
    if len(chosen) >= CompareForm.MIN:
        context.update(comparison(chosen, Evidence))
    context["n_columns"] = len(chosen)
    return page(request, "articles/compare.html", "comparison", context)


def comparison(chosen, Evidence):
    ids = [a.pk for a in chosen]
    evidence = list(
        Evidence.objects.filter(article_id__in=ids)
        .exclude(claim__status="rejected")
        .select_related("claim")
        .order_by("claim_id", "article_id", "pk")
    )
    quotes = list(Quote.objects.filter(article_id__in=ids).select_related("speaker").order_by("start"))
    quotes_of = defaultdict(list)
    for quote in quotes:
        quotes_of[quote.article_id].append(quote)

    by_claim = defaultdict(dict)
    claims = {}
    for item in evidence:
        claims[item.claim_id] = item.claim
        by_claim[item.claim_id].setdefault(item.article_id, item)

    rows = []
    for claim_id, found in by_claim.items():
        cells = []
        for article in chosen:
            item = found.get(article.pk)
            if item is None:
                cells.append({"article": article, "evidence": None})
                continue
            if item.start is not None and item.end is not None:
                html = highlight(article.body[item.start : item.end], quote_spans(quotes_of[article.pk]), item.start)
            else:
                html = highlight(item.excerpt, [])
            cells.append({"article": article, "evidence": item, "html": html})
        reporters = [c["article"] for c in cells if c["evidence"]]
        rows.append(
            {
                "claim": claims[claim_id],
                "cells": cells,
                "only": reporters[0] if len(reporters) == 1 else None,
                "n": len(reporters),
            }
        )
    rows.sort(key=lambda r: (-r["n"], r["claim"].pk))

    # What each article says that no aligned claim covers.
    covered = defaultdict(list)
    for item in evidence:
        if item.start is not None and item.end is not None:
            covered[item.article_id].append((item.start, item.end))
    rest = []
    for article in chosen:
        paras = []
        for start, end in queries.paragraphs(article.body):
            if any(s < end and e > start for s, e in covered[article.pk]):
                continue
            paras.append(highlight(article.body[start:end], quote_spans(quotes_of[article.pk]), start))
        rest.append({"article": article, "paragraphs": paras})
    return {
        "rows": rows,
        "shared_rows": [r for r in rows if r["n"] > 1],
        "single_rows": [r for r in rows if r["n"] == 1],
        "rest": rest,
    }


# --- articles, outlets, people -------------------------------------------------


@public_view
def article_detail(request, pk):
    from claims.models import Evidence

    article = get_object_or_404(Article.objects.select_related("event", "outlet"), pk=pk)
    show_raw = request.GET.get("raw") in ("1", "true", "yes", "on")
    if request.htmx and show_raw:
        return render(request, "articles/article_detail.html#raw-text", {"article": article, "show_raw": True})
    quotes = list(article.quotes.select_related("speaker", "group").order_by("start"))
    evidence = list(
        Evidence.objects.filter(article=article).exclude(claim__status="rejected").select_related("claim").order_by("start", "pk")
    )
    spans = quote_spans(quotes) + evidence_spans(evidence)
    body = [highlight(article.body[s:e], spans, s) for s, e in queries.paragraphs(article.body)]
    return render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "event": article.event,
            "body": body,
            "quotes": quotes,
            "evidence": evidence,
            "show_raw": show_raw,
            "unplaced_evidence": [e for e in evidence if e.start is None],
        },
    )


@public_view
def outlet_detail(request, slug):
    outlet = get_object_or_404(Outlet, slug=slug)
    n_articles = outlet.articles.count()
    paging, window = pager(page_number(request), n_articles, LIST_PAGE)
    articles = list(
        outlet.articles.select_related("event")
        .only("pk", "headline", "published", "event_id", "outlet_id", "event__slug", "event__title", "event__date")
        .annotate(n_quotes=Count("quotes"))
        .order_by(F("event__date").desc(nulls_last=True), "event__title", "event_id", "published", "pk")[window]
    )
    events = defaultdict(list)
    order = []
    for article in articles:
        if article.event_id not in events:
            order.append(article.event)
        events[article.event_id].append(article)
    return render(
        request,
        "articles/outlet_detail.html",
        {
            "outlet": outlet,
            "events": [{"event": e, "articles": events[e.pk]} for e in order],
            "n_articles": n_articles,
            **paging,
        },
    )


@public_view
def person_list(request):
    form = EventSearchForm(request.GET)
    form.fields["q"].label = "Find a person"
    values, messages = form.filters()
    people = cached_for_site("people", lambda: list(queries.people_with_counts()))
    if values.get("q"):
        q = values["q"]
        matching = set(
            Person.objects.filter(Q(name__icontains=q) | Q(aliases__name__icontains=q) | Q(role__icontains=q))
            .values_list("pk", flat=True)
        )
        people = [p for p in people if p.pk in matching]
    shown, paging = list_page(request, people)
    return page(
        request,
        "articles/person_list.html",
        "person-list",
        {"form": form, "people": shown, "n_people": len(people), "messages_": messages, **paging},
    )


@public_view
def person_detail(request, slug):
    person = get_object_or_404(Person.objects.prefetch_related(Prefetch("aliases", PersonAlias.objects.order_by("name"))), slug=slug)
    all_quotes = Quote.objects.filter(speaker=person)
    outlet_rows = list(
        all_quotes.values("article__outlet__slug", "article__outlet__name").annotate(n=Count("pk")).order_by("article__outlet__name")
    )
    form = PersonQuoteFilterForm(
        request.GET, outlets=[(r["article__outlet__slug"], f"{r['article__outlet__name']} ({r['n']})") for r in outlet_rows]
    )
    values, messages = form.filters()
    quotes = all_quotes
    if values.get("outlet"):
        quotes = quotes.filter(article__outlet__slug=values["outlet"])
    if values.get("q"):
        quotes = queries.search_quotes(values["q"], quotes, ranked=False)
    number = page_number(request)

    def person_quotes():
        sections, counts = event_utterances(quotes, number)
        context = {"person": person, "messages_": messages, "sections": sections, **counts}
        return render_to_string("articles/person_detail.html#person-quotes", context, request)

    def keep(name, compute):
        # Their quotes span events: kept until any event changes. The list
        # shows the person's name and slug, which are in the key, so a
        # person quoted nowhere yet still shows a new name at once.
        shown = hashlib.sha256(f"{person.slug}\0{person.name}".encode()).hexdigest()[:16]
        return cached_for_site(f"person:{person.pk}:{shown}:{name}", compute)

    context = {
        "person": person,
        "aliases": sorted({a.name for a in person.aliases.all()} - {person.name}),
        "form": form,
        "n_total": sum(r["n"] for r in outlet_rows),
        "outlet_rows": outlet_rows,
    }
    return list_response(request, "articles/person_detail.html", "person-quotes", person_quotes, context, keep)


# --- search -----------------------------------------------------------------


@public_view
def search(request):
    events = list(Event.objects.order_by("-date", "title").values_list("slug", "title"))
    form = SiteSearchForm(request.GET, events=events)
    values, messages = form.filters()
    q = values.get("q", "")
    kind = values.get("kind", "")
    number = page_number(request)
    articles, quotes = [], []
    if q:
        # Not the raw text or the stored words: results show a snippet of the body.
        article_qs = Article.objects.select_related("outlet", "event").defer("raw_text", "search_vector", "signature")
        quote_qs = Quote.objects.select_related("article__outlet", "speaker").only(
            "text", "article_id", "speaker_id", "article__headline", "article__outlet_id", "article__event_id",
            "article__outlet__name", "article__outlet__slug", "speaker__name", "speaker__slug",
        )
        if values.get("event"):
            article_qs = article_qs.filter(event__slug=values["event"])
            quote_qs = quote_qs.filter(article__event__slug=values["event"])
        # One row past the page says whether there is a next one.
        window = slice((number - 1) * SEARCH_LIMIT, number * SEARCH_LIMIT + 1)
        if kind != "quotes":
            articles = list(queries.search_articles(q, article_qs)[window])
            for article in articles[:SEARCH_LIMIT]:
                article.snippet = queries.snippet(article.body, q)
        if kind != "articles":
            quotes = list(queries.search_quotes(q, quote_qs)[window])
    more = len(articles) > SEARCH_LIMIT or len(quotes) > SEARCH_LIMIT
    articles, quotes = articles[:SEARCH_LIMIT], quotes[:SEARCH_LIMIT]
    return page(
        request,
        "articles/search.html",
        "search-results",
        {
            "form": form,
            "messages_": messages,
            "q": q,
            "kind": kind,
            "articles": articles,
            "quotes": quotes,
            "limit": SEARCH_LIMIT,
            "page": number,
            "next_page": number + 1 if more else None,
            "previous_page": number - 1 if number > 1 else None,
            "site_q": q,
        },
    )
