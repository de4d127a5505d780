"""Public claims pages: an event's claims with each outlet's evidence, and
one claim with every outlet's sentence in context."""
from __future__ import annotations

from collections import Counter

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render

from articles.models import Event
from articles.templatetags.parallax import Span, highlight
from articles.views import ordered_outlets, page, public_view
from claims.forms import ClaimFilterForm
from claims.models import Claim, Evidence


def evidence_rows(claim, outlets):
    """One row per outlet: its evidence (first per article) or None."""
    by_outlet = {}
    for item in claim.evidence.all():
        by_outlet.setdefault(item.article.outlet_id, []).append(item)
    reported = [{"outlet": o, "items": by_outlet[o.pk]} for o in outlets if o.pk in by_outlet]
    missing = [o for o in outlets if o.pk not in by_outlet]
    return reported, missing


@public_view
def event_claims(request, slug):
    event = get_object_or_404(Event, slug=slug)
    outlets = ordered_outlets(event.articles.select_related("outlet"))
    form = ClaimFilterForm(request.GET, outlets=[(o.slug, o.name) for o in outlets])
    values, messages = form.filters()
    claims = Claim.objects.filter(event=event)
    status_counts = Counter(dict(claims.values_list("status").annotate(n=Count("pk")).order_by()))
    if values.get("status"):
        claims = claims.filter(status=values["status"])
    if values.get("discrepancies"):
        claims = claims.filter(discrepancy=True)
    if values.get("outlet"):
        claims = claims.filter(evidence__article__outlet__slug=values["outlet"])
    if values.get("q"):
        q = values["q"]
        claims = claims.filter(
            Q(statement__icontains=q) | Q(discrepancy_note__icontains=q) | Q(evidence__excerpt__icontains=q)
        )
    claims = list(
        claims.distinct()
        .prefetch_related(
            Prefetch("evidence", Evidence.objects.select_related("article__outlet").order_by("article__outlet__name", "pk"))
        )
        .order_by("pk")
    )
    rows = []
    for claim in claims:
        reported, missing = evidence_rows(claim, outlets)
        rows.append({"claim": claim, "reported": reported, "missing": missing})
    statuses = [
        {"value": value, "label": label, "n": status_counts.get(value, 0)} for value, label in Claim.Status.choices
    ]
    return page(
        request,
        "claims/event_claims.html",
        "claim-list",
        {
            "event": event,
            "form": form,
            "messages_": messages,
            "rows": rows,
            "statuses": statuses,
            "n_total": sum(status_counts.values()),
            "n_outlets": len(outlets),
            "filtered": bool(values),
        },
    )


@public_view
def claim_detail(request, pk):
    claim = get_object_or_404(Claim.objects.select_related("event"), pk=pk)
    outlets = ordered_outlets(claim.event.articles.select_related("outlet"))
    evidence = list(claim.evidence.select_related("article__outlet").order_by("article__outlet__name", "pk"))
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

