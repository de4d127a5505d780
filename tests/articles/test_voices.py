"""Voices per article and outlet, attribution shifts, and the voices chart."""
import hashlib
import re
import xml.etree.ElementTree as ET

import pytest

from articles.charts import voices_chart, voices_summary
from articles.models import Article, Event, Outlet, Person, Quote, QuoteGroup
from articles.services import group_event_quotes
from articles.shifts import attribution_shifts, shifted_groups
from articles.voices import ANONYMOUS, NAMED, UNATTRIBUTED, Voice, Voices, article_voices, outlet_voices

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def make_article(event, outlet, body):
    outlet_obj, _ = Outlet.objects.get_or_create(name=outlet, defaults={"slug": outlet.lower()})
    return Article.objects.create(
        event=event, outlet=outlet_obj, source=f"{outlet}.txt", raw_text=body, body=body,
        headline=body[:40], content_hash=hashlib.sha256(f"{outlet}:{body}".encode()).hexdigest(),
    )


def quote(article, text, speaker=None, cue=""):
    start = article.body.index(text)
    return Quote.objects.create(article=article, text=text, kind="direct", start=start,
                                end=start + len(text), speaker=speaker, cue=cue)


@pytest.fixture
def event():
    return Event.objects.create(slug="summit", title="Summit")


def test_it_counts_people_words_and_unnamed_sources_per_article(event):
    mayor = Person.objects.create(name="Ann Lee", slug="ann-lee", role="mayor", affiliation="City Hall")
    body = ('"The bridge will reopen in May," Ann Lee said. "We are on budget," she added. '
            '"The contractor is late again," a senior official said. "Nothing works here."')
    article = make_article(event, "Daily", body)
    quote(article, "The bridge will reopen in May,", mayor, "Ann Lee said")
    quote(article, "We are on budget,", mayor, "she added")
    quote(article, "The contractor is late again,", None, "a senior official said")
    quote(article, "Nothing works here.")

    voices = article_voices(event)[article.id]

    assert voices.people_quoted == 1
    assert voices.words(NAMED) == 10
    assert voices.words(ANONYMOUS) == 5
    assert voices.words(UNATTRIBUTED) == 3
    named = voices.voices[0]
    assert (named.label, named.affiliation, named.quotes) == ("Ann Lee", "City Hall", 2)


def test_the_role_stands_in_for_an_affiliation_nobody_set(event):
    person = Person.objects.create(name="Bo Diaz", slug="bo-diaz", role="police chief")
    article = make_article(event, "Daily", '"Stay home tonight," Bo Diaz said.')
    quote(article, "Stay home tonight,", person, "Bo Diaz said")
    assert article_voices(event)[article.id].by_affiliation() == [("police chief", 3)]


def test_voices_take_the_same_queries_whatever_the_event_size(event, django_assert_num_queries):
    person = Person.objects.create(name="Cy Ng", slug="cy-ng")
    for n in range(6):
        article = make_article(event, f"Outlet{n % 3}", f'"Quote number {n} here," Cy Ng said.')
        quote(article, f"Quote number {n} here,", person, "Cy Ng said")
    with django_assert_num_queries(2):
        per_outlet = outlet_voices(event)
    assert [v.outlet for v in per_outlet] == ["Outlet0", "Outlet1", "Outlet2"]
    assert all(v.voices[0].quotes == 2 for v in per_outlet)


def test_two_outlets_quoting_the_same_words_for_different_people_is_a_shift(event):
    words = "We will never accept a deal that leaves our farmers worse off"
    first = Person.objects.create(name="Dana Cole", slug="dana-cole")
    second = Person.objects.create(name="Eli Park", slug="eli-park")
    quote(make_article(event, "Herald", f'"{words}," Dana Cole said.'), words, first, "Dana Cole said")
    quote(make_article(event, "Courier", f'"{words}," Eli Park said.'), words, second, "Eli Park said")
    group_event_quotes(event)

    group = QuoteGroup.objects.get(event=event)
    assert attribution_shifts(event) == {
        group.pk: [("Courier", "Eli Park"), ("Herald", "Dana Cole")],
    }
    [shift] = shifted_groups(event)
    assert (shift.group_id, shift.label) == (group.pk, group.label)


def test_one_speaker_or_an_unattributed_quote_is_no_shift(event):
    words = "We will never accept a deal that leaves our farmers worse off"
    speaker = Person.objects.create(name="Dana Cole", slug="dana-cole")
    quote(make_article(event, "Herald", f'"{words}," Dana Cole said.'), words, speaker, "Dana Cole said")
    quote(make_article(event, "Courier", f'"{words}," Dana Cole said.'), words, speaker, "Dana Cole said")
    quote(make_article(event, "Post", f'"{words}."'), words)
    group_event_quotes(event)
    assert QuoteGroup.objects.filter(event=event).count() == 1
    assert attribution_shifts(event) == {}


def test_the_chart_escapes_text_and_describes_itself():
    voices = Voices("A&B <News>", [
        Voice("<script>x</script>", NAMED, "Party & Co", "x", 1, 30),
        Voice("Unnamed sources", ANONYMOUS, quotes=1, words=10),
    ])
    svg = voices_chart(voices, chart_id="outlet-1")
    root = ET.fromstring(svg)  # well-formed: every text was escaped
    assert "<script>" not in svg
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Who A&B <News> quotes"
    desc = root.find(f"{SVG}desc").text
    assert desc == voices_summary(voices)
    assert "Party & Co 75%" in desc and "unnamed sources 25%" in desc
    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect")]
    assert sum(widths) == pytest.approx(2 * 320, abs=0.5)  # two full bars


def test_an_outlet_that_quotes_no_one_gets_an_empty_chart_that_says_so():
    svg = voices_chart(Voices("Quiet Times"))
    assert "Quiet Times quotes no one." in svg
    assert "<rect" not in svg


def test_it_charts_every_seed_outlet(seeded):
    per_outlet = outlet_voices(seeded)
    assert len(per_outlet) == 5
    for voices in per_outlet:
        root = ET.fromstring(voices_chart(voices))
        assert voices.total_words > 0
        assert root.find(f"{SVG}desc").text.startswith(voices.outlet)
        # Ryan Crocker is quoted by every outlet.
        assert any(v.label == "Ryan Crocker" for v in voices.voices)
        assert re.search(r"\d+%", root.find(f"{SVG}desc").text)
