"""Public claims pages: an event's claims with each outlet's evidence, and
one claim with every outlet's sentence in context."""
from __future__ import annotations

import functools
from collections import Counter, defaultdict

from django.db.models import Count, F, Q, Window
from django.db.models.functions import Lower, RowNumber
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string

from articles.models import Event
from articles.templatetags.parallax import Span, highlight
from articles.views import cached_for_event, event_outlets, list_response, page_number, public_view
from claims.forms import ClaimFilterForm
from claims.models import Claim, Evidence

# A page of claims at a time, and the first few sentences of each; the
# claim's own page has every outlet's sentence.
CLAIMS_PER_PAGE = 20
EVIDENCE_SHOWN = 6

EVIDENCE_FIELDS = (
    "claim_id", "article_id", "excerpt", "value", "start", "end",
    "article__outlet_id", "article__outlet__name", "article__outlet__slug",
)


def evidence_rows(items, reporting, outlets):
    """Rows per outlet of the evidence shown, and the outlets that report nothing."""
    by_outlet = {}
    for item in items:
        by_outlet.setdefault(item.article.outlet_id, []).append(item)
    reported = [{"outlet": o, "items": by_outlet[o.pk]} for o in outlets if o.pk in by_outlet]
    missing = [o for o in outlets if o.pk not in reporting]
    return reported, missing


@public_view
def event_claims(request, slug):
    event = get_object_or_404(Event, slug=slug)
    outlets = event_outlets(event)
    form = ClaimFilterForm(request.GET, outlets=[(o.slug, o.name) for o in outlets])
    values, messages = form.filters()
    claims = Claim.objects.filter(event=event)
    status_counts = cached_for_event(
        event, "claim-statuses", lambda: Counter(dict(claims.values_list("status").annotate(n=Count("pk")).order_by()))
    )
    if values.get("status"):
        claims = claims.filter(status=values["status"])
    if values.get("discrepancies"):
        claims = claims.filter(discrepancy=True)
    # Conditions on evidence as semi-joins: joining it twice (outlet and
    # words) would multiply the rows and need a DISTINCT over them all.
    evidence = Evidence.objects.filter(claim__event=event)
    if values.get("outlet"):
        claims = claims.filter(pk__in=evidence.filter(article__outlet__slug=values["outlet"]).values("claim_id"))
    if values.get("q"):
        q = values["q"]
        claims = claims.filter(
            Q(statement__icontains=q)
            | Q(discrepancy_note__icontains=q)
            | Q(pk__in=evidence.filter(excerpt__icontains=q).values("claim_id"))
        )
    claims = claims.order_by("pk")
    number = page_number(request)

    def claim_list():
        context = claim_list_context(event, claims, outlets, number, messages, bool(values))
        return render_to_string("claims/event_claims.html#claim-list", context, request)

    context = {
        "event": event,
        "form": form,
        "statuses": [
            {"value": value, "label": label, "n": status_counts.get(value, 0)} for value, label in Claim.Status.choices
        ],
        "n_total": sum(status_counts.values()),
    }
    keep = functools.partial(cached_for_event, event)
    return list_response(request, "claims/event_claims.html", "claim-list", claim_list, context, keep)


def claim_list_context(event, claims, outlets, number, messages, filtered):
    """One page of ``claims``, each with its first few sentences."""
    n_claims = claims.count()
    last = max(1, -(-n_claims // CLAIMS_PER_PAGE))
    number = min(number, last)
    shown = list(claims[(number - 1) * CLAIMS_PER_PAGE : number * CLAIMS_PER_PAGE])

    ids = [c.pk for c in shown]
    # Which outlets report each claim, and how many sentences it has.
    reporting, n_evidence = defaultdict(set), defaultdict(int)
    for claim_id, outlet_id, n in (
        Evidence.objects.filter(claim_id__in=ids)
        .values_list("claim_id", "article__outlet_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        reporting[claim_id].add(outlet_id)
        n_evidence[claim_id] += n
    items = defaultdict(list)
    for item in (
        Evidence.objects.filter(claim_id__in=ids)
        .annotate(
            position=Window(
                RowNumber(),
                partition_by=[F("claim_id")],
                order_by=[Lower("article__outlet__name"), F("pk").asc()],
            )
        )
        .filter(position__lte=EVIDENCE_SHOWN)
        .select_related("article__outlet")
        .only(*EVIDENCE_FIELDS)
        .order_by()
    ):
        items[item.claim_id].append(item)
    rows = []
    for claim in shown:
        mine = sorted(items[claim.pk], key=lambda e: (e.article.outlet.name.casefold(), e.pk))
        reported, missing = evidence_rows(mine, reporting[claim.pk], outlets)
        rows.append(
            {
                "claim": claim,
                "reported": reported,
                "missing": missing,
                "n_reporting": len(reporting[claim.pk]),
                "n_more": n_evidence[claim.pk] - len(mine),
            }
        )
    return {
        "event": event,
        "messages_": messages,
        "rows": rows,
        "n_claims": n_claims,
        "n_outlets": len(outlets),
        "filtered": filtered,
        "page": number,
        "n_pages": last,
        "next_page": number + 1 if number < last else None,
        "previous_page": number - 1 if number > 1 else None,
    }




@public_view
def claim_detail(request, pk):
    claim = get_object_or_404(Claim.objects.select_related("event"), pk=pk)
    outlets = event_outlets(claim.event)
    evidence = list(
        claim.evidence.select_related("article__outlet")
        # The body gives each sentence its paragraph; the raw text is not shown.
        .defer("article__raw_text", "article__signature", "article__search_vector")
        .order_by("article__outlet__name", "pk")
    )
    items = []
    for item in evidence:
        body = item.article.body
        if item.start is not None and item.end is not None:
            start = body.rfind("\n\n", 0, item.start)
            start = 0 if start < 0 else start + 2
            end = body.find("\n\n", item.end)
            end = len(body) if end < 0 else end
            context = highlight(body[start:end], [Span(item.start, item.end, "evidence", "This claim")], start)
        else:
            context = highlight(item.excerpt, [])
        items.append({"evidence": item, "context": context})
    reporting = {item.article.outlet_id for item in evidence}
    values = Counter(" ".join((e.value or "").split()) for e in evidence if e.value)
    return render(
        request,
        "claims/claim_detail.html",
        {
            "claim": claim,
            "event": claim.event,
            "items": items,
            "missing": [o for o in outlets if o.pk not in reporting],
            "values": values.most_common(),
        },
    )
