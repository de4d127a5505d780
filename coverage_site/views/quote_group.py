"""One utterance: every outlet's wording of it, each in its paragraph."""
from django.shortcuts import get_object_or_404, render

from articles.models import QuoteGroup
from articles.shifts import shifted
from coverage_site.framing import credit_line
from coverage_site.templatetags.parallax import highlight
from coverage_site.utterances import wordings_with_diffs
from coverage_site.views.common import paragraph_around, public_view, quote_spans


@public_view
def quote_group(request, slug, pk):
    group = get_object_or_404(QuoteGroup.objects.select_related("event", "speaker"), pk=pk, event__slug=slug)
    quotes = list(
        group.quotes.select_related("article__outlet", "speaker").defer(
            "search_vector", "article__raw_text", "article__search_vector", "article__signature"
        )
    )
    wordings = wordings_with_diffs(group.label, quotes)
    credits = shifted((q.article.outlet.name, q.speaker.name) for q in quotes if q.speaker)
    for wording in wordings:
        quote = wording.quote
        body = quote.article.body
        start, end = paragraph_around(body, quote.start, quote.end)
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
            "shift": credit_line(credits) if credits else "",
        },
    )
