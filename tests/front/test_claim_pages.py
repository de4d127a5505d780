"""The public claims pages: filters, partials, bad input and query counts."""
import pytest
from django.urls import reverse

from claims.models import Claim, Evidence
from claims.text.values import KINDS, Kind
from tests.e2e.factories import build_event

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def claim_urls(event):
    claim = Claim.objects.filter(event=event).order_by("pk").first()
    base = reverse("claims:event_claims", args=[event.slug])
    return {
        "claims": (base, {}),
        "claims-partial": (base + "?discrepancies=on&differs=duration&status=confirmed&outlet=outlet-1&q=hours", HX),
        "claim": (claim.get_absolute_url(), {}),
    }


# From an empty cache; the outlets and status counts are then kept until the event changes.
EXPECTED_QUERIES = {"claims": 7, "claims-partial": 7, "claim": 3}


@pytest.mark.parametrize("size", [2, 6])
@pytest.mark.parametrize("name", sorted(EXPECTED_QUERIES))
def test_each_claims_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size, name):
    event, _ = build_event(size)
    url, headers = claim_urls(event)[name]
    with django_assert_num_queries(EXPECTED_QUERIES[name]):
        response = client.get(url, **headers)
    assert response.status_code == 200
    assert "HX-Request" in response["Vary"]


def test_claims_page_shows_evidence_per_outlet_status_and_note(client):
    event, articles = build_event(3)
    html = client.get(reverse("claims:event_claims", args=[event.slug])).content.decode()
    assert "The meeting lasted four hours." in html
    assert "Outlets give 3 or 4 hours." in html
    assert "three hours" in html and "four hours" in html
    # A status is shown only where it says something: every claim starts a candidate.
    listed = html.split('id="claim-list"')[1]
    assert 'badge-candidate' not in listed and "Candidate" not in listed and "Confirmed" in listed
    assert "Not reported by" in html  # the planned meeting: outlet 0 only


def test_filters_narrow_the_list_and_return_a_fragment(client):
    event, _ = build_event(3)
    base = reverse("claims:event_claims", args=[event.slug])
    part = client.get(base + "?discrepancies=on", **HX).content.decode()
    assert part.lstrip().startswith('<section id="claim-list"')
    assert "The meeting lasted four hours." in part and "held in the capital" not in part.split("</header>")[0]
    part = client.get(base + "?status=candidate", **HX).content.decode()
    assert "A second meeting is planned." in part and "lasted four hours" not in part
    part = client.get(base + "?outlet=outlet-2", **HX).content.decode()
    assert "A second meeting is planned." not in part and "lasted four hours" in part


def test_bad_filter_values_are_ignored_with_a_message(client):
    event, _ = build_event(2)
    base = reverse("claims:event_claims", args=[event.slug])
    response = client.get(base + "?status=nonsense&outlet=nowhere&discrepancies=maybe&differs=colour%3C")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ignored status “nonsense”" in html and "Ignored reported by “nowhere”" in html
    assert "Ignored outlets differ on “colour&lt;”" in html
    assert "The meeting lasted four hours." in html  # the bad kind narrowed nothing


def test_the_kind_filter_keeps_claims_whose_outlets_differ_on_that_kind(client):
    event, _ = build_event(3)
    base = reverse("claims:event_claims", args=[event.slug])
    part = client.get(base + "?differs=duration", **HX).content.decode()
    assert "The meeting lasted four hours." in part and "A second meeting is planned." not in part
    assert "Outlets disagree on the duration" in part
    part = client.get(base + "?differs=victims", **HX).content.decode()
    assert "1 claim" not in part and "0 claims match these filters" in part


def test_a_new_kind_is_one_row_of_the_table(client, monkeypatch, admin_client):
    """Model choices, the public and the admin filter, and the labels all
    read the kinds table, so a kind added there shows everywhere."""
    event, _ = build_event(2)
    row = Kind("colour of the car", lambda values: [], lambda a, b: a == b)
    monkeypatch.setitem(KINDS, "colour", row)
    Claim.objects.filter(statement="The meeting lasted four hours.").update(discrepancy_kind="colour")
    assert ("colour", "colour of the car") in Claim._meta.get_field("discrepancy_kind").flatchoices
    page = client.get(reverse("claims:event_claims", args=[event.slug]) + "?differs=colour").content.decode()
    assert '<option value="colour" selected>colour of the car</option>' in page
    assert "Outlets disagree on the colour of the car" in page and "Ignored" not in page
    admin = admin_client.get(reverse("admin:claims_claim_changelist")).content.decode()
    assert 'href="?discrepancy_kind__exact=colour"' in admin


def test_claim_page_shows_each_outlets_sentence_in_context(client):
    event, articles = build_event(3)
    claim = Claim.objects.get(statement="A second meeting is planned.")
    html = client.get(claim.get_absolute_url()).content.decode()
    assert "hl-evidence" in html and "A second meeting is planned." in html
    assert "Not reported by" in html and articles[1].outlet.name in html


def test_unknown_ids_and_slugs_are_404(client):
    build_event(2)
    assert client.get("/claims/999999/").status_code == 404
    assert client.get(reverse("claims:event_claims", args=["nope"])).status_code == 404


def test_a_merged_claims_address_redirects_for_good_to_its_target(client):
    from claims.curation import merge_claims
    from tests.claims.storm import build_storm, make_staff

    event, _, claims = build_storm()
    target, merged = claims["deaths"], claims["homes"]
    merge_claims(target, [merged], user=make_staff("rosa"))
    response = client.get(reverse("claims:claim", args=[merged.pk]))
    assert response.status_code == 301 and response["Location"] == target.get_absolute_url()


def test_rejected_and_merged_claims_are_left_out_of_every_count_and_list(client):
    from claims.curation import set_status
    from tests.claims.storm import build_storm, make_staff

    event, _, claims = build_storm()
    rejected = claims["warning"]
    set_status([rejected], Claim.Status.REJECTED, user=make_staff("rosa"))
    shown = Claim.objects.public().filter(event=event).count()
    listing = client.get(reverse("claims:event_claims", args=[event.slug])).content.decode()
    assert f"{shown} claim" in listing and rejected.statement not in listing
    events = client.get(reverse("articles:events")).content.decode()
    assert f"<dt>Claims</dt><dd>{shown}</dd>" in events
    assert client.get(reverse("claims:claim", args=[rejected.pk])).status_code == 404
    assert "rejected" not in client.get(reverse("claims:event_claims", args=[event.slug])).content.decode().lower()


def test_claim_page_compares_values_and_wordings_word_by_word(client):
    event, articles = build_event(3)
    articles[1].url = "https://outlet-1.example/envoys"
    articles[1].save(update_fields=["url"])
    claim = Claim.objects.get(statement="The meeting lasted four hours.")
    html = client.get(claim.get_absolute_url()).content.decode()
    # "four hours" is given by two outlets of three; the third's value is diffed against it.
    assert '<del><span class="vh">left out: </span>four</del>' in html
    assert '<ins><span class="vh">added: </span>three</ins>' in html
    assert "Word by word against the claim" in html
    assert 'href="https://outlet-1.example/envoys"' in html


def test_article_page_highlights_quotes_and_facts_most_outlets_report(client):
    event, articles = build_event(2)
    article = articles[0]
    html = client.get(article.get_absolute_url()).content.decode()
    shared = Evidence.objects.get(article=article, claim__statement="The talks were held in the capital.")
    differs = Evidence.objects.get(article=article, claim__statement="The meeting lasted four hours.")
    alone = Evidence.objects.get(article=article, claim__statement="A second meeting is planned.")
    assert f'<mark class="hl hl-shared" id="e{shared.pk}">' in html
    assert f'<mark class="hl hl-differs" id="e{differs.pk}">' in html
    # One outlet of two reports it: reachable, not highlighted.
    assert f'<span class="anchor" id="e{alone.pk}">' in html
    # Details are in <details>, reachable by keyboard and touch, not in hover titles.
    assert '<details class="para-notes">' in html and "title=" not in html.split('class="reader-body"')[1].split("</article>")[0]
    assert "hover" not in html


def test_compare_summary_speaks_only_of_the_chosen_articles(client):
    event, articles = build_event(4)
    a, b = articles[0], articles[2]  # both say "four hours": no disagreement between them
    url = reverse("articles:compare", args=[event.slug]) + f"?a={a.pk}&a={b.pk}"
    html = client.get(url).content.decode()
    summary = html.split('class="compare-summary"')[1].split("</nav>")[0]
    assert "Where they disagree" not in summary
    assert f"Only {a.outlet.name} reports" in summary and "A second meeting is planned." in summary
    assert "Outlets give 3 or 4 hours." not in html  # the note about all outlets
    for other in (articles[1], articles[3]):
        assert other.outlet.name not in html.split('id="comparison"')[1]
    c = articles[1]  # "three hours"
    html = client.get(reverse("articles:compare", args=[event.slug]) + f"?a={a.pk}&a={c.pk}").content.decode()
    summary = html.split('class="compare-summary"')[1].split("</nav>")[0]
    claim = Claim.objects.get(statement="The meeting lasted four hours.")
    assert "Where they disagree" in summary and f'href="#fact-{claim.pk}"' in summary
    assert f'id="fact-{claim.pk}"' in html
