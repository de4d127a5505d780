"""Articles in other outlets' page styles (texts written for these tests)."""
from datetime import date
from pathlib import Path

import pytest

from articles.text.reader import read_text

SAMPLES = Path(__file__).parent / "samples"


def read(name, **kwargs):
    return read_text((SAMPLES / name).read_text(encoding="utf-8"), **kwargs)


def paragraphs(article):
    return article.body.split("\n\n")


def test_an_ap_story_gives_agency_byline_timestamp_and_dateline():
    article = read("ap_wire.txt")
    assert article.outlet == "AP"
    assert article.headline == "Envoys from rival capitals meet in Baghdad for first time in decades"
    assert article.byline == ["Jane Doe", "Robert Roe"]
    assert article.published == date(2007, 5, 28)
    assert article.dateline == "BAGHDAD"
    body = paragraphs(article)
    assert body[0].startswith("BAGHDAD (AP) — Envoys")
    assert body[-1] == "Iraqi officials said a second round could be held within a month."
    for clutter in ("Share", "Tweet", "Email", "Top Stories", "AP NEWS"):
        assert clutter not in body
    assert not any("contributed to this report" in p or "All rights reserved" in p for p in body)


def test_a_bbc_page_loses_its_menus_and_related_stories():
    article = read("bbc.txt", url="http://news.bbc.co.uk/2/hi/business/6699999.stm")
    assert article.outlet == "BBC"
    assert article.headline == "Dock strike halts grain exports at northern ports"
    assert article.published == date(2007, 5, 28)
    assert article.dateline is None
    body = paragraphs(article)
    assert body[0].startswith("Dock workers at three northern ports")
    assert body[-1] == "Shipping agents said at least 14 vessels were waiting offshore."
    # a quotation running over two paragraphs: the first never closes
    assert '"We did not want this. Nobody wants this.' in body
    assert "Grain prices climb as dock strike bites" in article.removed


def test_a_guardian_page_keeps_its_captioned_lead_and_drops_topics():
    article = read("guardian.txt", url="https://www.theguardian.com/world/2007/may/29/river")
    assert article.outlet == "The Guardian"
    assert article.headline == "Neighbours hail 'frank' talks on river dispute"
    assert article.byline == ["Julia Smith"]
    assert article.published == date(2007, 5, 29)
    assert paragraphs(article) == [
        "Officials from the two neighbouring states described their first direct talks on the shared river as frank and useful, and agreed to meet again in July.",
        "The dispute centres on a dam upstream that engineers say could cut the flow downstream by a fifth during dry years.",
        "A spokesman for the water ministry said the meeting had cleared the way for technical committees to start work.",
    ]


def test_an_nyt_page_without_an_address_has_no_outlet():
    article = read("nyt.txt")
    assert article.outlet is None  # nothing on the page names it: never a guess
    assert article.headline == "Senate Passes Farm Bill After Long Fight"
    assert article.byline == ["Anna Lee"]
    assert article.published == date(2007, 5, 28)  # not the print edition's date
    assert article.dateline == "WASHINGTON"
    assert "Advertisement" not in paragraphs(article)
    assert len(paragraphs(article)) == 3


def test_an_nyt_page_with_its_address_is_the_nyt():
    article = read("nyt.txt", url="https://www.nytimes.com/2007/05/29/washington/29farm.html")
    assert (article.outlet, article.outlet_evidence) == ("The New York Times", "www.nytimes.com")


def test_a_blog_republishing_wire_copy_credits_the_agency():
    article = read("blog_ap.txt", url="https://dailygrind.example.org/2007/06/mayor.html")
    assert article.outlet == "AP"
    assert article.headline == "Mayor quits after budget row with council"
    assert article.published == date(2007, 6, 2)
    assert article.dateline == "SPRINGFIELD"
    assert article.byline == []
    assert len(paragraphs(article)) == 3
    assert "Thoughts on politics, sport and the world" in article.removed


def test_a_live_page_drops_entry_times_and_widgets():
    article = read("live.txt")
    assert article.headline == "Live: Flood waters rise across the valley as rain continues"
    assert article.published == date(2007, 5, 28)
    assert paragraphs(article) == [
        "Rescue teams have reached the last villages cut off by the flood, the regional governor said.",
        "Forecasters expect another 40mm of rain overnight in the upper valley.",
        "A bridge on the main road north has been closed as a precaution.",
    ]


def test_a_reuters_story_without_a_year_has_no_date():
    article = read("reuters.txt")
    assert article.outlet == "Reuters"
    assert article.byline == ["Jane Roe"]
    assert article.dateline == "LONDON"
    assert article.published is None  # "May 28" without a year is not a date
    assert len(paragraphs(article)) == 3
    assert not any("Editing by" in p for p in paragraphs(article))


def test_reader_comments_captions_and_foreign_teasers_go_but_crossheads_stay():
    article = read("comments_foreign.txt")
    assert article.headline == "Talks end without a deal on fishing quotas"
    assert article.dateline == "LISBON"
    body = paragraphs(article)
    assert "Big gap remains" in body  # a crosshead is article text
    assert '"The fleets cannot wait another season.' in body  # opens a quote, does not close it
    assert body[-1] == "Officials said the next round would be held in September."
    for gone in ("Your Views", '"Quotas are killing our towns"', "Joao Pereira, Porto, Portugal", "Check Also"):
        assert gone not in body
    assert not any("Lisbon [EPA]" in p or "négociations" in p for p in body)


def test_a_source_line_names_an_outlet_the_registry_lacks():
    article = read("comments_foreign.txt")
    assert article.outlet == "Coastal Daily"
    assert article.outlet_evidence == "Source: Coastal Daily, agencies"


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.txt")))
def test_every_sample_body_is_verbatim_paragraphs_of_the_input(name):
    raw = (SAMPLES / name).read_text(encoding="utf-8")
    article = read_text(raw)
    lines = {line.strip() for line in raw.splitlines()}
    for paragraph in paragraphs(article):
        assert paragraph in lines


def test_a_cnn_page_skips_highlights_and_widgets():
    article = read("cnn.txt")
    assert article.outlet == "CNN"
    assert article.headline == "Quake rattles coastal towns, no deaths reported"
    assert article.published == date(2007, 5, 29)
    assert article.dateline == "LIMA, Peru"
    body = paragraphs(article)
    assert body[0].startswith("LIMA, Peru (CNN) -- A strong earthquake")
    assert body[-1] == '"It was long and very strong," said Rosa Quispe, a shopkeeper.'
    assert len(body) == 3


def test_agency_copy_without_a_headline_gets_a_derived_one():
    article = read("xinhua.txt")
    assert article.outlet == "Xinhua"
    assert article.dateline == "BEIJING"
    assert article.headline_derived
    assert article.headline.startswith("China on Monday urged both sides")
    assert paragraphs(article)[-1] == "Foreign Ministry spokesman Qin Gang made the remarks at a regular press briefing."


def test_a_broadcaster_site_standfirst_date_and_follow_widget():
    article = read("broadcaster_site.txt")
    assert article.outlet == "Al Jazeera"
    assert article.headline == "Sudan and Egypt agree to resume river talks"
    assert article.published == date(2007, 5, 29)
    assert paragraphs(article) == [
        "Officials from the two states described their first direct talks on the shared river as frank.",
        "The dispute centres on a dam upstream that could cut the river's flow by a fifth.",
    ]
