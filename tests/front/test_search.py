"""Site search: quotes by their speaker's names, claims and people, marked
and escaped matches, stemming, grouped counts, HTMX and fixed query counts.

Written for either database: SQLite searches FTS5 porter tables, PostgreSQL
its english search vectors; the assertions hold for both.
"""
import re

import pytest
from django.urls import reverse

from articles.models import PersonAlias
from claims.models import Claim
from coverage_site.views import search as search_view
from tests.e2e.factories import build_event, make_article, make_claim, make_evidence, make_outlet, make_person, make_quote

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _static_root(settings, tmp_path_factory):
    settings.STATIC_ROOT = str(tmp_path_factory.mktemp("static"))


@pytest.fixture
def event_data():
    return build_event(3)


def search(client, query, **headers):
    response = client.get(reverse("articles:search") + query, **headers)
    assert response.status_code == 200
    return response.content.decode()


def group(html, kind):
    """The HTML of one kind's group of results."""
    match = re.search(rf'<section class="search-group" aria-labelledby="sr-{kind}">(.*?)</section>', html, re.S)
    assert match, f"no {kind} group"
    return match.group(1)


def test_quotes_are_found_by_their_speakers_name(client, event_data):
    quotes = group(search(client, "?q=Envoy&kind=quotes"), "quotes")
    # Ada Envoy's words never say "Envoy"; Bo Minister's quote is not hers.
    assert "frank and useful exchange" in quotes and "Nothing was agreed" not in quotes
    assert '<mark class="hl hl-match">Envoy</mark>' in quotes


def test_quotes_are_found_by_a_speakers_alias(client, event_data):
    event, articles = event_data
    bo = PersonAlias.objects.get(name="Bo Minister").person
    PersonAlias.objects.create(person=bo, name="Bolesław Minister", key="boleslaw minister")
    quotes = group(search(client, "?q=Bolesław&kind=quotes"), "quotes")
    assert "Nothing was agreed on trade." in quotes and "frank" not in quotes


def test_a_speakers_name_and_words_narrow_together(client, event_data):
    quotes = group(search(client, "?q=Minister+trade&kind=quotes"), "quotes")
    assert 'Nothing was agreed on <mark class="hl hl-match">trade</mark>.' in quotes
    assert "No quotes match." in group(search(client, "?q=Envoy+trade&kind=quotes"), "quotes")


def test_claims_are_found_by_statement_and_evidence_and_only_public_ones(client, event_data):
    event, articles = event_data
    hidden = make_claim(event, "The talks lasted all night.", status=Claim.Status.REJECTED)
    make_evidence(hidden, articles[0], "The talks were held in the capital.")
    claims = group(search(client, "?q=lasted&kind=claims"), "claims")
    assert "The meeting <mark" in claims and "four hours" in claims
    assert "all night" not in claims
    # "Monday" is only in the evidence of the claim about the meeting's length.
    claims = group(search(client, "?q=Monday&kind=claims"), "claims")
    assert "The meeting lasted four hours." in claims and "<mark class=\"hl hl-match\">Monday</mark>" in claims
    assert "held in the capital" not in claims.split("</h3>")[0]


def test_people_are_found_by_name(client, event_data):
    people = group(search(client, "?q=minister"), "people")
    assert "Bo <mark" in people and "Ada" not in people
    assert re.search(r"\d+ quotes?, named in \d+ articles?", people)


def test_matches_are_marked_and_escaped(client, event_data):
    event, _ = event_data
    make_article(
        event, make_outlet("Outlet X"), ["Detainees <script>alert(1)</script> were freed."],
        headline="<script>alert('x')</script> detainees freed",
    )
    html = search(client, "?q=detainees&kind=articles")
    articles = group(html, "articles")
    assert "<script>" not in articles
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; <mark" in articles
    assert "<mark class=\"hl hl-match\">Detainees</mark> &lt;script&gt;" in articles


def test_detainees_finds_detained(client, event_data):
    event, _ = event_data
    outlet = make_outlet("Outlet Y")
    article = make_article(event, outlet, ["Police said five men were detained in the port on Friday."])
    make_quote(article, "five men were detained in the port")
    claim = make_claim(event, "Five men were detained.")
    make_evidence(claim, article, "Police said five men were detained in the port on Friday.")
    html = search(client, "?q=detainees")
    assert "<mark class=\"hl hl-match\">detained</mark>" in group(html, "articles")
    assert "five men were <mark" in group(html, "quotes")
    assert "Five men were <mark" in group(html, "claims")
    # A word's stem, not any word that starts the same: "state" finds no "station".
    make_article(event, outlet, ["The train station was closed."])
    assert "No articles match." in group(search(client, "?q=state&kind=articles"), "articles")


def test_results_are_grouped_by_kind_with_counts(client, event_data):
    html = search(client, "?q=capital")
    status = re.search(r'<p class="result-count" role="status">(.*?)</p>', html, re.S).group(1)
    # 3 articles say "capital" in their body; one claim's statement and evidence;
    # no person, no quote.
    assert "0 people" in status and "0 quotes" in status and "1 claim<" in status and "3 articles<" in status
    kinds = re.findall(r'aria-labelledby="sr-(\w+)"', html)
    assert kinds == ["people", "quotes", "claims", "articles"]


@pytest.mark.parametrize("size", [2, 6])
def test_search_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    build_event(size)
    # The events to filter by; per kind, its newest matches then those rows
    # (people and quotes by "Envoy"), and claims' evidence.
    url = reverse("articles:search") + "?q=envoy"
    with django_assert_num_queries(10):
        client.get(url)
    with django_assert_num_queries(3):
        client.get(url + "&kind=quotes", **HX)


def test_htmx_gets_the_results_fragment_and_the_form_pushes_its_address(client, event_data):
    part = search(client, "?q=envoy&kind=people", **HX)
    assert part.lstrip().startswith('<section id="search-results"') and "<html" not in part
    page = search(client, "?q=envoy")
    assert 'hx-push-url="true"' in page and 'hx-target="#search-results"' in page
    # Without JavaScript the form is a plain GET form.
    assert 'method="get"' in page


def test_every_kind_shows_its_first_few_and_links_to_the_rest(client, monkeypatch, event_data):
    monkeypatch.setattr(search_view, "PREVIEW", 1)
    quotes = group(search(client, "?q=envoy"), "quotes")
    assert quotes.count('<article class="hit">') == 1
    assert 'href="/search/?q=envoy&amp;kind=quotes"' in quotes and "All 3 quotes" in quotes
    assert client.get(reverse("articles:search") + "?q=envoy&page=2").status_code == 404
    alone = group(search(client, "?q=envoy&kind=quotes"), "quotes")
    assert alone.count('<article class="hit">') == 3 and "All 3" not in alone
