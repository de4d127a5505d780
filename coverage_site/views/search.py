"""Search over every article and quote, optionally within one event."""
from django.http import Http404

from articles.models import Article, Event, Quote
from coverage_site import queries
from coverage_site.forms import SiteSearchForm
from coverage_site.pagination import Counted, page_number, page_of
from coverage_site.views.common import page, public_view

# Search results per kind and page (ranked among the newest matches, see
# queries.SEARCH_CANDIDATES).
SEARCH_LIMIT = 25


def results_page(found: Counted, number):
    """Page ``number`` of ``found``, or None past its end (the other kind may go on)."""
    if (number - 1) * SEARCH_LIMIT >= found.count():
        return None
    return page_of(found, number, SEARCH_LIMIT)


@public_view
def search(request):
    number = page_number(request)
    events = list(Event.objects.order_by("-date", "title").values_list("slug", "title"))
    form = SiteSearchForm(request.GET, events=events)
    values, messages = form.filters()
    q = values.get("q", "")
    kind = values.get("kind", "")
    found = []
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
        if kind != "quotes":
            found.append(("articles", queries.ranked_articles(q, article_qs)))
        if kind != "articles":
            found.append(("quotes", queries.ranked_quotes(q, quote_qs)))
    pages = {name: results_page(results, number) for name, results in found}
    if number > 1 and not any(pages.values()):
        raise Http404("No such page.")
    results = {name: list(p) if p else [] for name, p in pages.items()}
    for article in results.get("articles", []):
        article.snippet = queries.snippet(article.body, q)
    more = any(p.has_next() for p in pages.values() if p)
    return page(
        request,
        "articles/search.html",
        "search-results",
        {
            "form": form,
            "messages_": messages,
            "q": q,
            "kind": kind,
            "articles": results.get("articles", []),
            "quotes": results.get("quotes", []),
            "limit": SEARCH_LIMIT,
            "page": number,
            "next_page": number + 1 if more else None,
            "previous_page": number - 1 if number > 1 else None,
            "site_q": q,
        },
    )
