"""An event's claims, each with the sentence and value every outlet gives
and how it tells it, filtered by status, outlet, discrepancy (and the kind
of value that differs), framing and words."""
import functools
from collections import Counter, defaultdict

from django.db.models import Count, F, Q, Window
from django.db.models.functions import Lower, RowNumber
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string

from articles.models import Event
from claims.framing import stored_stance
from claims.models import Claim, Evidence
from coverage_site import page_cache
from coverage_site.framing import stance_look
from coverage_site.forms import ClaimFilterForm
from coverage_site.pagination import page_number, page_of, pager
from coverage_site.views.common import event_outlets, list_response, public_view

# A page of claims at a time, and the first few sentences of each; the
# claim's own page has every outlet's sentence.
CLAIMS_PER_PAGE = 20
EVIDENCE_SHOWN = 6

EVIDENCE_FIELDS = (
    "claim_id", "article_id", "excerpt", "value", "start", "end", "stance", "stance_cues",
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
    number = page_number(request)
    outlets = event_outlets(event)
    form = ClaimFilterForm(request.GET, outlets=[(o.slug, o.name) for o in outlets])
    values, messages = form.filters()
    claims = Claim.objects.public().filter(event=event)
    status_counts = page_cache.for_event(
        event, "claim-statuses", lambda: Counter(dict(claims.values_list("status").annotate(n=Count("pk")).order_by()))
    )
    claims = claims.with_framing()
    if values.get("status"):
        claims = claims.filter(status=values["status"])
    if values.get("discrepancies"):
        claims = claims.filter(discrepancy=True)
    if values.get("framing"):
        claims = claims.filter(framing_differs=True)
    if values.get("differs"):
        claims = claims.differing_in(values["differs"])
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

    def claim_list():
        context = claim_list_context(event, claims, outlets, number, messages, bool(values))
        return render_to_string("claims/event_claims.html#claim-list", context, request)

    context = {
        "event": event,
        "form": form,
        "statuses": [
            {"value": value, "label": label, "n": status_counts.get(value, 0)}
            for value, label in Claim.public_status_choices()
        ],
        "n_total": sum(status_counts.values()),
        # The lede counts what curators settled; "candidate" says nothing.
        "settled": [
            {"label": label, "n": status_counts[value]}
            for value, label in Claim.public_status_choices()
            if value in Claim.BADGE_STATUSES and status_counts.get(value)
        ],
    }
    keep = functools.partial(page_cache.for_event, event)
    return list_response(
        request, "claims/event_claims.html", "claim-list", claim_list, context, keep, list(form.fields)
    )


def claim_list_context(event, claims, outlets, number, messages, filtered):
    """One page of ``claims``, each with its first few sentences."""
    shown = page_of(claims, number, CLAIMS_PER_PAGE)
    page_claims = list(shown)
    ids = [c.pk for c in page_claims]
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
    for claim in page_claims:
        mine = sorted(items[claim.pk], key=lambda e: (e.article.outlet.name.casefold(), e.pk))
        for item in mine:
            item.told = stance_look(*stored_stance(item))
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
        "n_claims": shown.paginator.count,
        "n_outlets": len(outlets),
        "filtered": filtered,
        **pager(shown),
    }
