"""One article: its cleaned body with what matters marked (quotes, and facts
other outlets report too), or (on request) the raw text it was scraped as.

A fact only this article reports is not highlighted (marking nearly every
sentence would say nothing) but keeps its anchor, so links from the claims
pages still land on its sentence.
"""
from django.db.models import Count, OuterRef, Subquery
from django.shortcuts import get_object_or_404, render

from articles.models import Article
from claims.models import Claim, Evidence
from coverage_site import queries
from coverage_site.templatetags.parallax import Span, highlight
from coverage_site.views.common import public_view, quote_spans


def fact_spans(evidence):
    """Spans of the claim sentences: "shared" or "differs" (other outlets
    report it, and do or do not agree) or an anchor only."""
    spans = []
    for item in evidence:
        if item.start is None or item.end is None:
            continue
        kind = ""
        if item.shared:
            kind = "differs" if item.claim.discrepancy else "shared"
        spans.append(Span(item.start, item.end, kind, "", f"e{item.pk}"))
    return spans


def paragraph_notes(start, end, quotes, evidence):
    """What is marked in the paragraph [start, end): its quotes and shared facts."""
    return {
        "quotes": [q for q in quotes if start <= q.start < end],
        "facts": [e for e in evidence if e.shared and e.start is not None and start <= e.start < end],
    }


@public_view
def article_detail(request, pk):
    article = get_object_or_404(Article.objects.select_related("event", "outlet"), pk=pk)
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
        item.shared = item.n_outlets > 1
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
            "n_shared": sum(e.shared for e in evidence),
            "show_raw": show_raw,
        },
    )
