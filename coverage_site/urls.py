"""Every route of the site. URL names keep their historical namespaces
(``articles:``, ``claims:``), which templates and tests use."""
from django.contrib import admin
from django.urls import include, path

from coverage_site.views import (
    article,
    claim,
    claims,
    compare,
    downloads,
    event,
    events,
    health,
    outlet,
    people,
    person,
    quote_group,
    quotes,
    search,
)

article_patterns = (
    [
        path("", events.event_list, name="events"),
        path("search/", search.search, name="search"),
        path("events/<slug:slug>/", event.event_detail, name="event"),
        path("events/<slug:slug>/quotes/", quotes.event_quotes, name="event_quotes"),
        path("events/<slug:slug>/quotes/<int:pk>/", quote_group.quote_group, name="quote_group"),
        path("events/<slug:slug>/compare/", compare.compare, name="compare"),
        path("events/<slug:slug>/export.json", downloads.event_download, {"name": "json"}, name="download_json"),
        path("events/<slug:slug>/quotes.csv", downloads.event_download, {"name": "quotes-csv"}, name="download_quotes"),
        path("events/<slug:slug>/claims.csv", downloads.event_download, {"name": "claims-csv"}, name="download_claims"),
        path("articles/<int:pk>/", article.article_detail, name="article"),
        path("outlets/<slug:slug>/", outlet.outlet_detail, name="outlet"),
        path("people/", people.person_list, name="people"),
        path("people/<slug:slug>/", person.person_detail, name="person"),
    ],
    "articles",
)

claim_patterns = (
    [
        path("<int:pk>/", claim.claim_detail, name="claim"),
        path("events/<slug:slug>/", claims.event_claims, name="event_claims"),
    ],
    "claims",
)

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include(article_patterns)),
    path("claims/", include(claim_patterns)),
]
