"""One article: its cleaned body with quotes and claim sentences marked,
or (on request) the raw text it was scraped as."""
from django.shortcuts import get_object_or_404, render

from articles.models import Article
from claims.models import Evidence
from coverage_site import queries
from coverage_site.templatetags.parallax import highlight
from coverage_site.views.common import evidence_spans, public_view, quote_spans


@public_view
def article_detail(request, pk):
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
