"""One article: its cleaned body with what matters marked (quotes, the
facts most of the event's outlets report, and those outlets report
differently), or (on request) the raw text it was scraped as.

Every claim has sentences from at least two outlets, so marking each shared
fact would still mark three quarters of the seeds' text (75%); marking the
facts a majority reports and the disagreements marks 54%. Other facts are
listed at the side, not highlighted, but keep their anchors so links from
the claims pages still land on their sentences.
"""
from django.db.models import Count, OuterRef, Subquery
from django.shortcuts import get_object_or_404, render

from articles.models import Article
from claims.models import Claim, Evidence
from coverage_site import queries
from coverage_site.templatetags.parallax import Span, highlight
from coverage_site.views.common import public_view, quote_spans


def fact_spans(evidence):
    """Spans of the claim sentences: "shared" (most outlets report it),
    "differs" (outlets report it differently) or an anchor only."""
    spans = []
    for item in evidence:
        if item.start is None or item.end is None:
            continue
        kind = ""
        if item.claim.discrepancy:
            kind = "differs"
        elif item.by_most:
            kind = "shared"
        spans.append(Span(item.start, item.end, kind, "", f"e{item.pk}"))
    return spans


def paragraph_notes(start, end, quotes, evidence):
    """What is marked in the paragraph [start, end): its quotes and marked facts."""
    return {
        "quotes": [q for q in quotes if start <= q.start < end],
        "facts": [e for e in evidence if e.marked and e.start is not None and start <= e.start < end],
    }


@public_view
def article_detail(request, pk):
    event_outlets = (
        Article.objects.filter(event_id=OuterRef("event_id"))
        .values("event_id")
        .annotate(n=Count("outlet", distinct=True))
        .values("n")
    )
    article = get_object_or_404(
        Article.objects.select_related("event", "outlet").annotate(n_event_outlets=Subquery(event_outlets)), pk=pk
    )
    show_raw = request.GET.get("raw") in ("1", "true", "yes", "on")
    if request.htmx and show_raw:
        return render(request, "articles/article_detail.html#raw-text", {"article": article, "show_raw": True})
    quotes = list(article.quotes.select_related("speaker", "group").order_by("start"))
    # How many outlets report each sentence's claim, in the same query.
    outlets_of_claim = (
        Evidence.objects.filter(claim_id=OuterRef("claim_id"))
        .values("claim_id")
        .annotate(n=Count("article__outlet", distinct=True))
        .values("n")
    )
    evidence = list(
        Evidence.objects.filter(article=article)
        .exclude(claim__status__in=Claim.HIDDEN_STATUSES)
        .select_related("claim")
        .annotate(n_outlets=Subquery(outlets_of_claim))
        .order_by("start", "pk")
    )
    for item in evidence:
        item.by_most = 2 * item.n_outlets > article.n_event_outlets
        item.marked = item.by_most or item.claim.discrepancy
    spans = quote_spans(quotes, titled=False) + fact_spans(evidence)
    body = [
        {"html": highlight(article.body[s:e], spans, s), **paragraph_notes(s, e, quotes, evidence)}
        for s, e in queries.paragraphs(article.body)
    ]
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
        },
    )
