"""The public article pages: content, filters, HTMX partials, bad input,
escaping and a fixed number of queries whatever the data size."""
import pytest
from django.urls import reverse

from articles.models import Article, Quote
from tests.e2e.factories import build_event, make_outlet

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _static_root(settings, tmp_path_factory):
    # WhiteNoise warns (an error here) when collectstatic has not run.
    settings.STATIC_ROOT = str(tmp_path_factory.mktemp("static"))


@pytest.fixture
def event_data():
    return build_event(3)


def urls(event, articles):
    """Every public page (and each HTMX partial) for an event."""
    quote = Quote.objects.filter(article__event=event, group__isnull=False).first()
    a, b = articles[0], articles[1]
    return {
        "events": (reverse("articles:events"), {}),
        "events-search": (reverse("articles:events") + "?q=envoys", HX),
        "event": (event.get_absolute_url(), {}),
        "quotes": (reverse("articles:event_quotes", args=[event.slug]), {}),
        "quotes-partial": (reverse("articles:event_quotes", args=[event.slug]) + "?speaker=ada-envoy", HX),
        "quote-group": (reverse("articles:quote_group", args=[event.slug, quote.group_id]), {}),
        "compare": (reverse("articles:compare", args=[event.slug]) + f"?a={a.pk}&a={b.pk}", {}),
        "compare-partial": (reverse("articles:compare", args=[event.slug]) + f"?a={a.pk}&a={b.pk}", HX),
        "article": (a.get_absolute_url(), {}),
        "article-raw": (a.get_absolute_url() + "?raw=1", HX),
        "outlet": (a.outlet.get_absolute_url(), {}),
        "people": (reverse("articles:people"), {}),
        "people-partial": (reverse("articles:people") + "?q=ada", HX),
        "person": (reverse("articles:person", args=["ada-envoy"]), {}),
        "person-partial": (reverse("articles:person", args=["ada-envoy"]) + f"?outlet={a.outlet.slug}", HX),
        "search": (reverse("articles:search") + "?q=envoys", {}),
        "search-partial": (reverse("articles:search") + "?q=frank&kind=quotes", HX),
    }


# Queries per page, the same at two data sizes (2 and 6 articles), from an
# empty cache. Site-wide lists and per-event summaries are then cached until
# an event changes: the events and people lists take 1 query, the overview 1.
EXPECTED_QUERIES = {
    "events": 2,
    "events-search": 3,
    # The event, its outlets, headlines, voices (2), stances, the matrix (2),
    # shifted quotes and the timeline's page; 1 once the overview is cached.
    "event": 10,
    # The list of utterances, then the event's attribution shifts.
    "quotes": 6,
    "quotes-partial": 6,
    "quote-group": 2,
    "compare": 5,
    "compare-partial": 5,
    "article": 3,
    "article-raw": 1,
    "outlet": 3,
    "people": 2,
    "people-partial": 3,
    "person": 6,  # 4 once its unfiltered list is cached
    "person-partial": 5,
    # The events to filter by, then each kind: its newest matches, then those
    # ranked (no second query when nothing matches: no person or quote has
    # "envoys"), and for claims their evidence.
    "search": 8,
    "search-partial": 3,
}


@pytest.mark.parametrize("size", [2, 6])
@pytest.mark.parametrize("name", sorted(EXPECTED_QUERIES))
def test_each_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size, name):
    event, articles = build_event(size)
    url, headers = urls(event, articles)[name]
    with django_assert_num_queries(EXPECTED_QUERIES[name]):
        response = client.get(url, **headers)
    assert response.status_code == 200


def test_a_cached_overview_takes_one_query(client, django_assert_num_queries):
    event, _ = build_event(6)
    first = client.get(event.get_absolute_url()).content.decode()
    with django_assert_num_queries(1):
        again = client.get(event.get_absolute_url()).content.decode()
    # The same overview; the page around it (its CSRF token) is the request's own.
    assert again.split("<main")[1] == first.split("<main")[1]


def test_the_overview_shows_each_change_at_once(client, admin_client):
    from articles.services import merge_people
    from articles.models import Person
    from claims.models import Claim

    event, articles = build_event(3)
    url = event.get_absolute_url()
    assert "Envoys meet, says outlet 0" in client.get(url).content.decode()
    article = articles[0]
    article.headline = "A new headline"
    article.save()
    assert "A new headline" in client.get(url).content.decode()
    outlet = articles[1].outlet
    outlet.name = "Renamed Outlet"
    outlet.save()
    assert "Renamed Outlet" in client.get(url).content.decode()
    # The admin's bulk action uses QuerySet.update(), which sends no signal.
    claim = Claim.objects.get(statement="The talks were held in the capital.")
    admin_client.post(
        reverse("admin:claims_claim_changelist"), {"action": "reject", "_selected_action": [claim.pk]}
    )
    assert "The talks were held in the capital." not in client.get(url).content.decode()
    bo = Person.objects.get(slug="bo-minister")
    merge_people(Person.objects.get(slug="ada-envoy"), [bo])
    assert "Bo Minister" not in client.get(url).content.decode()
    article.delete()
    assert "A new headline" not in client.get(url).content.decode()


def test_cached_quote_and_claim_lists_show_each_change(client, django_capture_on_commit_callbacks):
    from articles.models import Person, QuoteGroup

    event, _ = build_event(3)
    quotes = reverse("articles:event_quotes", args=[event.slug])
    claims = reverse("claims:event_claims", args=[event.slug])
    assert "Foreign minister" in client.get(quotes).content.decode()
    assert "Outlets give 3 or 4 hours." in client.get(claims).content.decode()
    bo = Person.objects.get(slug="bo-minister")
    bo.role = "Prime minister"
    with django_capture_on_commit_callbacks(execute=True):
        bo.save(update_fields=["role"])  # as ingest does
    assert "Prime minister" in client.get(quotes).content.decode()
    group = QuoteGroup.objects.get(event=event)
    group.label = "We had a long and frank exchange"
    group.save()
    assert "We had a long and frank exchange" in client.get(quotes).content.decode()
    claim = event.claims.get(discrepancy=True)
    claim.discrepancy_note = "Three or four hours, by outlet."
    claim.save()
    assert "Three or four hours, by outlet." in client.get(claims).content.decode()


def test_quote_list_shows_each_speakers_first_utterances(client, monkeypatch):
    from coverage_site import utterances

    monkeypatch.setattr(utterances, "SECTION_UTTERANCES", 1)
    monkeypatch.setattr(utterances, "UTTERANCES_PER_PAGE", 1)
    event, _ = build_event(3)
    base = reverse("articles:event_quotes", args=[event.slug])
    html = client.get(base).content.decode()
    assert html.count('class="speaker-section"') == 2  # both speakers, on one page
    # Bo Minister's "Nothing was agreed" is in no group: one utterance per outlet.
    assert f'href="{base}?speaker=bo-minister">2 more utterances by Bo Minister</a>' in html
    part = client.get(base + "?speaker=bo-minister", **HX).content.decode()
    assert "Page 1 of 3" in part and "more utterance" not in part  # one speaker: paged by utterance


def test_cached_person_page_shows_each_change(client):
    from articles.models import Person

    event, articles = build_event(2)
    url = reverse("articles:person", args=["bo-minister"])
    assert "Nothing was agreed on trade." in client.get(url).content.decode()
    quote = Quote.objects.filter(speaker__slug="bo-minister").first()
    quote.speaker = Person.objects.get(slug="ada-envoy")
    quote.save()
    assert "1 quote in 1 utterance" in client.get(url).content.decode()
    bo = Person.objects.get(slug="bo-minister")
    bo.name = "Bo Ministre"
    bo.save()
    assert "Bo Ministre" in client.get(url).content.decode()


def test_the_timeline_shows_a_page_at_a_time(client, settings, monkeypatch):
    from coverage_site.views import event

    monkeypatch.setattr(event, "TIMELINE_PAGE", 2)
    event, articles = build_event(5)
    html = client.get(event.get_absolute_url()).content.decode()
    assert 'href="/events/summit/?page=2#timeline"' in html and "More articles" in html
    part = client.get(event.get_absolute_url() + "?page=3", **HX).content.decode()
    assert part.lstrip().startswith('<div id="timeline"')
    assert "Earlier articles" in part and "More articles" not in part
    assert part.count('class="tl-outlet"') == 1
    full = client.get(event.get_absolute_url() + "?page=3").content.decode()
    assert "<html" in full and "Earlier articles" in full


def test_site_lists_come_a_page_at_a_time(client, monkeypatch):
    from coverage_site.views import common

    monkeypatch.setattr(common, "LIST_PAGE", 1)
    build_event(2)
    build_event(2, slug="other")
    html = client.get(reverse("articles:events")).content.decode()
    assert "2 events" in html and "Page 1 of 2" in html and "?page=2" in html
    part = client.get(reverse("articles:events") + "?page=2", **HX).content.decode()
    assert part.lstrip().startswith('<section id="event-list"') and "Previous" in part
    part = client.get(reverse("articles:people") + "?q=e&page=2", **HX).content.decode()
    assert "2 people" in part and "Page 2 of 2" in part and "q=e&amp;page=1" in part


def test_site_lists_show_each_change_at_once(client):
    from articles.models import Person

    event, _ = build_event(2)
    assert "Envoy of Freedonia" in client.get(reverse("articles:people")).content.decode()
    ada = Person.objects.get(slug="ada-envoy")
    ada.role = "Special envoy"
    ada.save()
    assert "Special envoy" in client.get(reverse("articles:people")).content.decode()
    event.title = "Leaders met"
    event.save()
    assert "Leaders met" in client.get(reverse("articles:events")).content.decode()


def test_pages_vary_on_hx_request(client, event_data):
    event, articles = event_data
    for name, (url, headers) in urls(event, articles).items():
        response = client.get(url, **headers)
        assert "HX-Request" in response.get("Vary", ""), name


def test_htmx_requests_get_only_the_fragment(client, event_data):
    event, articles = event_data
    url = reverse("articles:event_quotes", args=[event.slug]) + "?speaker=bo-minister"
    full = client.get(url).content.decode()
    part = client.get(url, **HX).content.decode()
    assert "<html" in full and "<html" not in part
    assert part.lstrip().startswith('<section id="quote-list"')
    assert "Nothing was agreed on trade." in part
    assert "frank" not in part  # Ada's quotes are filtered out


def test_history_restore_gets_the_whole_page(client, event_data):
    event, _ = event_data
    url = reverse("articles:event_quotes", args=[event.slug]) + "?speaker=bo-minister"
    response = client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in response.content.decode()


def test_base_page_is_accessible_and_script_free(client, admin_client, event_data):
    event, _ = event_data
    html = client.get(event.get_absolute_url()).content.decode()
    assert '<html lang="en">' in html
    assert 'class="skip-link" href="#main"' in html and 'id="main"' in html
    assert 'name="htmx-config"' in html and '"historyCacheSize":0' in html
    # Public pages only read: the CSRF token is for logged-in curators alone.
    assert "X-CSRFToken" not in html
    assert "X-CSRFToken" in admin_client.get(event.get_absolute_url()).content.decode()
    assert "favicon.svg" in html
    assert "<script>" not in html and " onclick=" not in html and "<style" not in html
    assert "https://" not in html.split("</head>")[0]  # no CDN, no web fonts


def test_event_overview_shows_headlines_outlets_timeline_people_and_matrix(client, event_data):
    event, articles = event_data
    html = client.get(event.get_absolute_url()).content.decode()
    for article in articles:
        assert article.headline in html
    assert "Unverified" in html  # the last outlet is not verified
    assert "Publication timeline" in html and "Mon 4 Mar 2024" in html
    assert "Ada Envoy" in html and "Bo Minister" in html
    assert "The meeting lasted four hours." in html
    assert "Outlets disagree" in html
    assert "cell-differs" in html  # a value that is not the majority's


def test_quote_group_highlights_wording_differences(client, event_data):
    event, articles = event_data
    group_id = Quote.objects.filter(group__isnull=False).values_list("group_id", flat=True).first()
    html = client.get(reverse("articles:quote_group", args=[event.slug, group_id])).content.decode()
    assert "<del>" in html and "useful" in html
    assert "<ins>" in html and "regional" in html
    assert "Same wording" in html


def test_quote_filters_ignore_bad_values_with_a_message(client, event_data):
    event, _ = event_data
    url = reverse("articles:event_quotes", args=[event.slug]) + "?speaker=nobody&outlet=%3Cb%3E&q=" + "x" * 300
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ignored speaker “nobody”" in html
    assert "Ignored outlet “&lt;b&gt;”" in html
    assert "Nothing was agreed on trade." in html  # unfiltered list


def test_unattributed_speaker_filter(client, event_data):
    event, articles = event_data
    Quote.objects.filter(speaker__slug="bo-minister").update(speaker=None)
    html = client.get(reverse("articles:event_quotes", args=[event.slug]) + "?speaker=unattributed").content.decode()
    assert "No named speaker" in html and "Nothing was agreed" in html and "frank" not in html


def test_compare_aligns_facts_and_marks_single_outlet_content(client, event_data):
    event, articles = event_data
    url = reverse("articles:compare", args=[event.slug]) + f"?a={articles[0].pk}&a={articles[1].pk}"
    html = client.get(url).content.decode()
    assert "The talks were held in the capital." in html
    assert f"Only in {articles[0].outlet.name}" in html  # the planned second meeting
    assert "Everything else each article says" in html
    assert "hl-quote" in html
    assert "&lt;script&gt;alert(0)&lt;/script&gt;" in html and "<script>alert" not in html


def test_compare_ignores_bad_ids_and_asks_for_two(client, event_data):
    event, articles = event_data
    base = reverse("articles:compare", args=[event.slug])
    html = client.get(base + f"?a=abc&a=999999&a={articles[0].pk}").content.decode()
    assert "Ignored article “abc”" in html and "Ignored article “999999”" in html
    assert "Choose at least two articles" in html
    five = "&".join(f"a={a.pk}" for a in build_event(5, slug="other")[1])
    html = client.get(reverse("articles:compare", args=["other"]) + "?" + five).content.decode()
    assert "Showing the first 4" in html


def test_article_reader_highlights_by_offset_and_escapes(client, event_data):
    event, articles = event_data
    article = articles[0]
    html = client.get(article.get_absolute_url()).content.decode()
    quote = article.quotes.get(speaker__slug="bo-minister")
    assert f'id="q{quote.pk}"' in html
    assert all(f'id="e{item.pk}"' in html for item in article.evidence.all())
    assert "&lt;script&gt;alert(0)&lt;/script&gt;" in html and "<script>alert" not in html
    assert "Show the raw scraped text" in html and "Navigation" not in html
    raw = client.get(article.get_absolute_url() + "?raw=1").content.decode()
    assert "Raw scraped text" in raw and "Navigation" in raw


def test_unknown_slugs_and_ids_in_paths_are_404_pages(client, event_data):
    event, _ = event_data
    for url in [
        "/events/no-such-event/",
        "/events/no-such-event/quotes/",
        "/events/no-such-event/compare/",
        f"/events/{event.slug}/quotes/999999/",
        "/articles/999999/",
        "/outlets/nobody/",
        "/people/nobody/",
    ]:
        response = client.get(url)
        assert response.status_code == 404, url


def test_404_template_is_helpful(client, settings):
    settings.DEBUG = False
    response = client.get("/events/no-such-event/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html and "Browse all events" in html


def test_500_template_renders_without_context():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong" in html


def test_unverified_outlet_is_shown_as_such(client):
    event, articles = build_event(2)
    outlet = articles[-1].outlet
    html = client.get(outlet.get_absolute_url()).content.decode()
    assert "Unverified" in html
    unknown = make_outlet("Unknown", verified=False, kind="unknown", country="")
    Article.objects.filter(pk=articles[0].pk).update(outlet=unknown)
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Unknown" in html


def test_person_page_lists_everything_they_said(client, event_data):
    event, articles = event_data
    html = client.get(reverse("articles:person", args=["ada-envoy"])).content.decode()
    assert "Mr Envoy" in html  # an alias
    assert event.title in html
    assert "frank" in html and "Nothing was agreed" not in html
    html = client.get(reverse("articles:person", args=["ada-envoy"]) + "?outlet=nope").content.decode()
    assert "Ignored outlet" in html


def test_search_finds_articles_and_quotes(client, event_data):
    html = client.get(reverse("articles:search") + "?q=frank").content.decode()
    assert "frank" in html and "quote" in html
    html = client.get(reverse("articles:search") + "?q=planned&kind=articles").content.decode()
    assert "Envoys meet, says outlet 0" in html
    html = client.get(reverse("articles:search") + "?q=planned&kind=bogus&event=nope").content.decode()
    assert "Ignored show" in html and "Ignored event" in html


def test_search_results_come_a_page_at_a_time(client, monkeypatch):
    from coverage_site.views import search

    monkeypatch.setattr(search, "SEARCH_LIMIT", 1)
    build_event(3)
    url = reverse("articles:search") + "?q=envoys&kind=articles"
    html = client.get(url).content.decode()
    assert "Envoys</mark> meet, says outlet" in html and "page 1" in html and "kind=articles&amp;page=2" in html
    part = client.get(url + "&page=2", **HX).content.decode()
    assert part.lstrip().startswith('<section id="search-results"') and "Previous" in part


def test_event_list_counts_and_search(client, event_data):
    html = client.get(reverse("articles:events")).content.decode()
    assert "Leaders meet at the summit" in html
    part = client.get(reverse("articles:events") + "?q=zzzz", **HX).content.decode()
    assert "No events match" in part


def test_healthz_checks_the_database_and_the_cache(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code in (403, 405)


def test_non_get_methods_are_refused(client, event_data):
    event, _ = event_data
    assert client.post(event.get_absolute_url()).status_code in (403, 405)
