"""One outlet: its articles, by event, newest event first."""
from collections import defaultdict

from django.db.models import Count, F
from django.shortcuts import get_object_or_404, render

from articles.models import Outlet
from coverage_site.pagination import Counted, page_number, page_of, pager
from coverage_site.views import common


@common.public_view
def outlet_detail(request, slug):
    outlet = get_object_or_404(Outlet, slug=slug)
    number = page_number(request)
    articles = (
        outlet.articles.select_related("event")
        .only("pk", "headline", "published", "event_id", "outlet_id", "event__slug", "event__title", "event__date")
        .annotate(n_quotes=Count("quotes"))
        .order_by(F("event__date").desc(nulls_last=True), "event__title", "event_id", "published", "pk")
    )
    # Counted apart: a COUNT over the annotated rows would group them all first.
    shown = page_of(Counted(articles, outlet.articles.count()), number, common.LIST_PAGE)
    events = defaultdict(list)
    order = []
    for article in shown:
        if article.event_id not in events:
            order.append(article.event)
        events[article.event_id].append(article)
    return render(
        request,
        "articles/outlet_detail.html",
        {
            "outlet": outlet,
            "events": [{"event": e, "articles": events[e.pk]} for e in order],
            "n_articles": shown.paginator.count,
            **pager(shown),
        },
    )
