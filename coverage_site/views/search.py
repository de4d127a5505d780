"""Search people, quotes, claims and articles, optionally within one event.

A speaker's quotes are found by the speaker's names as well as by their
words; matched words are marked (escaped, server-side); results are grouped
by kind, each with its count.
"""
from django.db.models import Prefetch
from django.http import Http404

from articles.models import Article, Event, Person, Quote
from claims.models import Claim, Evidence
from coverage_site import queries
from coverage_site.forms import SiteSearchForm
from coverage_site.pagination import Counted, page_number, page_of
from coverage_site.views.common import page, public_view

# Search results per kind and page (ranked among the newest matches, see
# queries.SEARCH_CANDIDATES) when one kind is shown; showing every kind,
# each shows its first few and links to the rest.
SEARCH_LIMIT = 25
PREVIEW = 5

# The kinds in the order the page shows them: who, what they said, the
# facts, then where it was written.
KINDS = ("people", "quotes", "claims", "articles")
KIND_NAMES = {"people": ("person", "people"), "quotes": ("quote", "quotes"),
              "claims": ("claim", "claims"), "articles": ("article", "articles")}


def results_page(found: Counted, number, per_page):
    """Page ``number`` of ``found``, or None past its end (another kind may go on)."""
    if (number - 1) * per_page >= found.count():
        return None
    return page_of(found, number, per_page)


def candidates(event_slug):
    """Each kind's rows to search, with only what the results show."""
    # Not the raw text or the stored words: results show a snippet of the body.
    articles = Article.objects.select_related("outlet", "event").defer("raw_text", "search_vector", "signature")
    quotes = Quote.objects.select_related("article__outlet", "speaker").only(
        "text", "article_id", "speaker_id", "article__headline", "article__outlet_id", "article__event_id",
        "article__outlet__name", "article__outlet__slug", "speaker__name", "speaker__slug",
    )
    claims = Claim.objects.public().select_related("event").prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.select_related("article__outlet").order_by("article_id", "id"))
    )
    people = queries.people_with_counts()
    if event_slug:
        articles = articles.filter(event__slug=event_slug)
        quotes = quotes.filter(article__event__slug=event_slug)
        claims = claims.filter(event__slug=event_slug)
        in_event = Person.objects.filter(mentions__article__event__slug=event_slug).values("pk")
        people = people.filter(pk__in=in_event)
    return {"people": people, "quotes": quotes, "claims": claims, "articles": articles}


RANKERS = {
    "people": queries.ranked_people,
    "quotes": queries.ranked_quotes,
    "claims": queries.ranked_claims,
    "articles": queries.ranked_articles,
}


def mark_results(kind, rows, q):
    """Give each row the escaped, marked text its result shows."""
    for row in rows:
        if kind == "people":
            row.marked_name = queries.marked(row.name, queries.name_spans(row.name, q))
        elif kind == "quotes":
            row.marked_text = queries.marked(row.text, queries.word_spans(row.text, q))
            if row.speaker:
                row.marked_speaker = queries.marked(row.speaker.name, queries.name_spans(row.speaker.name, q))
        elif kind == "claims":
            row.marked_statement = queries.marked(row.statement, queries.word_spans(row.statement, q))
            # The evidence that has a matched word, else the first: why the claim came up.
            evidence = [(e, queries.word_spans(e.excerpt, q)) for e in row.evidence.all()]
            shown = [(e, spans) for e, spans in evidence if spans] or evidence[:1]
            row.marked_evidence = [(e, queries.marked(e.excerpt, spans)) for e, spans in shown[:3]]
        else:
            row.marked_headline = queries.marked(row.headline, queries.word_spans(row.headline, q))
            row.snippet = queries.snippet(row.body, q)


def kind_query(request, kind):
    """The current query string showing ``kind`` alone, from its first page."""
    params = request.GET.copy()
    params["kind"] = kind
    params.pop("page", None)
    return params.urlencode()


@public_view
def search(request):
    number = page_number(request)
    events = list(Event.objects.order_by("-date", "title").values_list("slug", "title"))
    form = SiteSearchForm(request.GET, events=events)
    values, messages = form.filters()
    q = values.get("q", "")
    kind = values.get("kind", "")
    shown = [k for k in KINDS if kind in ("", k)] if q else []
    rows = candidates(values.get("event"))
    found = {k: RANKERS[k](q, rows[k]) for k in shown}
    per_page = SEARCH_LIMIT if kind else PREVIEW
    pages = {k: results_page(found[k], number, per_page) for k in shown}
    if number > 1 and (not kind or not any(pages.values())):
        raise Http404("No such page.")
    groups = []
    for k in shown:
        results = list(pages[k]) if pages[k] else []
        mark_results(k, results, q)
        n = found[k].count()
        one, many = KIND_NAMES[k]
        groups.append({
            "kind": k,
            "results": results,
            "count": n,
            # At SEARCH_CANDIDATES the search stopped counting.
            "count_label": f"{n}{'+' if n >= queries.SEARCH_CANDIDATES else ''} {one if n == 1 else many}",
            # This kind alone, which pages through all of them.
            "see_all": kind_query(request, k) if not kind and n > len(results) else "",
        })
    more = bool(kind) and any(p.has_next() for p in pages.values() if p)
    return page(
        request,
        "articles/search.html",
        "search-results",
        {
            "form": form,
            "messages_": messages,
            "q": q,
            "kind": kind,
            "groups": groups,
            "n_found": sum(g["count"] for g in groups),
            "limit": SEARCH_LIMIT,
            "page": number,
            "next_page": number + 1 if more else None,
            "previous_page": number - 1 if number > 1 else None,
            "site_q": q,
        },
    )
