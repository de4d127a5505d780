"""How each outlet tells it, on the public pages: who each outlet quotes,
how it frames each claim, words credited to different people, and
publication times. Server-rendered (readable with JavaScript off), escaped,
and in a fixed number of queries."""
import re
from datetime import date, time
from html import escape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.text import slugify

from articles.models import Outlet, QuoteGroup
from claims.models import Evidence
from tests.e2e.factories import make_article, make_claim, make_event, make_evidence, make_person, make_quote
from tests.front.test_article_pages import EXPECTED_QUERIES

pytestmark = pytest.mark.django_db

WORDS = "We will never accept a deal that leaves our farmers worse off"
# An outlet name with markup in it: every page must print it as text.
COURIER = "Courier <b>&</b>"


@pytest.fixture(autouse=True)
def _static_root(settings, tmp_path_factory):
    # WhiteNoise warns (an error here) when collectstatic has not run.
    settings.STATIC_ROOT = str(tmp_path_factory.mktemp("static"))


def make_outlet(name):
    return Outlet.objects.get_or_create(name=name, defaults={"slug": slugify(name), "verified": True})[0]


def framed_event(n_more=0):
    """Herald states a claim as fact at 14:46 and credits a quotation to
    Dana Cole; the Courier hedges the claim at 09:05 the same day and
    credits the same words to Eli Park; ``n_more`` undated outlets side
    with the Herald. A second claim every outlet states as fact."""
    event = make_event(slug="dam", title="The dam bursts")
    cole, park = make_person("Dana Cole", "Farmers' union leader"), make_person("Eli Park", "Trade minister")
    group = QuoteGroup.objects.create(event=event, speaker=cole, label=WORDS)
    burst = make_claim(event, "The dam burst overnight.")
    rescue = make_claim(event, "Rescue teams arrived at dawn.")
    tellings = [
        ("Herald", "The dam burst overnight, flooding the valley.", cole, date(2024, 3, 4), time(14, 46)),
        (COURIER, "The dam reportedly burst overnight.", park, date(2024, 3, 4), time(9, 5)),
    ] + [(f"Outlet {i}", "The dam burst overnight.", cole, None, None) for i in range(n_more)]
    articles = []
    for name, sentence, speaker, day, hour in tellings:
        quote = f"“{WORDS},” {speaker.name} said."
        article = make_article(event, make_outlet(name), [sentence, quote, "Rescue teams arrived at dawn."],
                               headline=f"{name}: the dam bursts", published=day)
        article.published_time = hour
        article.save(update_fields=["published_time"])
        make_quote(article, WORDS, speaker, group)
        make_evidence(burst, article, sentence)
        make_evidence(rescue, article, "Rescue teams arrived at dawn.")
        articles.append(article)
    return event, group, burst, rescue


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_stored_stances_are_the_ones_shown():
    _, _, burst, _ = framed_event()
    stances = dict(Evidence.objects.filter(claim=burst).values_list("article__outlet__name", "stance"))
    assert stances == {"Herald": "asserted", COURIER: "hedged"}


def test_the_overview_charts_who_each_outlet_quotes_with_a_text_summary(client):
    event, *_ = framed_event(n_more=1)
    html = page(client, event.get_absolute_url())
    section = html.split('id="voices-h"')[1].split("</section>")[0]
    assert section.count('<svg xmlns="http://www.w3.org/2000/svg" class="voices-chart"') == 3
    # Its first sentence printed, all of it described to screen readers.
    assert '<p class="voices-summary">Herald quotes 1 named person in 12 quoted words.</p>' in section
    assert ("Herald quotes 1 named person in 12 quoted words. Share of quoted words: "
            "Farmers&#x27; union leader 100%. By source: named 100%.</desc>") in section
    assert 'role="img"' in section and 'aria-labelledby="voices-1-title voices-1-desc"' in section
    # Each colour of the chart has its label beside it.
    assert re.search(r'fill="#1b6ca8"/></svg> Farmers&#x27; union leader <span class="muted">100%</span>', section)
    assert escape(COURIER) in section and COURIER not in section


def test_the_matrix_shows_how_each_outlet_tells_each_claim(client):
    event, *_ = framed_event(n_more=1)
    html = page(client, event.get_absolute_url())
    stats = html.split('class="stats')[1].split("</dl>")[0]
    assert "<dt>Framing differences</dt><dd>1</dd>" in stats
    assert "<dt>Shifted quotes</dt><dd>1</dd>" in stats
    assert "?framing=on" in html
    rows = html.split('<table class="matrix">')[1].split("<tr")
    burst = next(r for r in rows if "The dam burst overnight." in r)
    rescue = next(r for r in rows if "Rescue teams arrived" in r)
    assert "Framing differs" in burst and "Framing differs" not in rescue
    # Outlets by name: the Courier, the Herald, Outlet 0.
    cells = burst.split("<td")[1:]
    assert 'stance-hedged" aria-hidden="true">H<' in cells[0]
    assert "Hedged (cue: “reportedly”)" in cells[0]  # the tooltip and the label read it out
    assert "Reported; hedged (cue: “reportedly”)" in cells[0]
    assert all('stance-asserted" aria-hidden="true">F<' in cell for cell in cells[1:])
    assert f"First reported by {escape(COURIER)}" in burst  # 09:05 before 14:46, the same day


def test_the_overview_lists_words_credited_to_different_people(client):
    event, group, *_ = framed_event(n_more=1)
    html = page(client, event.get_absolute_url())
    section = html.split('id="shifts-h"')[1].split("</section>")[0]
    assert reverse("articles:quote_group", args=[event.slug, group.pk]) in section
    assert f"{escape(COURIER)} credits these words to Eli Park; Herald and Outlet 0 to Dana Cole." in section


def test_the_quotes_page_flags_the_shift_under_each_speaker(client):
    event, *_ = framed_event()
    html = page(client, reverse("articles:event_quotes", args=[event.slug]))
    line = f"{escape(COURIER)} credits these words to Eli Park; Herald to Dana Cole."
    # The words sit under each of the two speakers, flagged under both.
    assert html.count(line) == 2
    assert COURIER not in html


def test_the_quote_group_page_says_who_each_outlet_credits(client):
    event, group, *_ = framed_event()
    html = page(client, reverse("articles:quote_group", args=[event.slug, group.pk]))
    assert f"{escape(COURIER)} credits these words to Eli Park; Herald to Dana Cole." in html
    assert "credited to Eli Park" in html and "credited to Dana Cole" in html


def test_one_speaker_across_outlets_is_no_shift(client):
    event = make_event()
    speaker = make_person("Dana Cole")
    group = QuoteGroup.objects.create(event=event, speaker=speaker, label=WORDS)
    for name in ("Herald", "Courier"):
        article = make_article(event, make_outlet(name), [f"“{WORDS},” Dana Cole said."])
        make_quote(article, WORDS, speaker, group)
    for url in (event.get_absolute_url(), reverse("articles:event_quotes", args=[event.slug]),
                reverse("articles:quote_group", args=[event.slug, group.pk])):
        assert "credits these words" not in page(client, url)


def test_the_claim_page_says_how_each_outlet_tells_it_and_who_was_first(client):
    _, _, burst, rescue = framed_event(n_more=1)
    html = page(client, burst.get_absolute_url())
    assert f"Herald and Outlet 0 state this as fact; {escape(COURIER)} hedges it (cue: “reportedly”)." in html
    assert f"First reported by {escape(COURIER)}." in html
    assert "Framing differs" in html
    assert "4 Mar 2024, 09:05" in html and "4 Mar 2024, 14:46" in html
    html = page(client, rescue.get_absolute_url())
    assert f"{escape(COURIER)}, Herald and Outlet 0 state this as fact." in html
    assert "Framing differs" not in html


def test_the_claims_list_filters_on_framing(client):
    event, _, burst, rescue = framed_event()
    url = reverse("claims:event_claims", args=[event.slug])
    html = page(client, url)
    assert 'name="framing"' in html
    assert html.count("badge-framing") == 1
    filtered = page(client, url + "?framing=on")
    assert burst.statement in filtered and rescue.statement not in filtered
    assert 'stance-hedged" title="Hedged (cue: “reportedly”)"' in filtered


def test_publication_times_show_and_order_the_day(client):
    event, *_ = framed_event(n_more=1)
    html = page(client, event.get_absolute_url())
    assert '<time datetime="2024-03-04T14:46">4 Mar 2024, 14:46</time>' in html
    timeline = html.split('id="timeline"')[1]
    day = timeline.split("4 Mar 2024</time>")[1]
    # By printed time within the day, whatever the outlets' names; undated last.
    assert day.index("09:05") < day.index("14:46") < timeline.index("Date unknown")
    assert re.search(r'<time class="tl-time" datetime="2024-03-04T09:05">09:05</time> <span class="tl-outlet">Courier', day)


def test_the_overview_takes_the_same_queries_with_more_outlets_quotes_and_shifts(client):
    counts = []
    for n_more in (0, 5):
        event, *_ = framed_event(n_more)
        with CaptureQueriesContext(connection) as queries:
            page(client, event.get_absolute_url())
        counts.append(len(queries))
        event.delete()
    assert counts == [EXPECTED_QUERIES["event"]] * 2


def test_the_article_and_compare_pages_print_the_time(client):
    event, *_ = framed_event()
    herald, courier = (a for a in sorted(event.articles.all(), key=lambda a: a.outlet.name != "Herald"))
    assert '<time datetime="2024-03-04T14:46">Monday 4 March 2024, 14:46</time>' in page(client, herald.get_absolute_url())
    compare = page(client, reverse("articles:compare", args=[event.slug]) + f"?a={herald.pk}&a={courier.pk}")
    assert "4 Mar 2024, 14:46" in compare and "4 Mar 2024, 09:05" in compare
