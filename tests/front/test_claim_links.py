"""Every "see the sentence" link on the claims, claim and compare pages
lands on an element of the article page it points to."""
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from claims.models import Claim
from tests.e2e.factories import build_event, make_claim, make_evidence

pytestmark = pytest.mark.django_db


class Links(HTMLParser):
    """The hrefs and ids of a page."""

    def __init__(self):
        super().__init__()
        self.hrefs, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    links = Links()
    links.feed(response.content.decode())
    return links


def broken_sentence_links(client, url):
    """(link, reason) for every link from ``url`` to an article's anchor that does not resolve."""
    broken, pages = [], {}
    anchored = [h for h in parse(client, url).hrefs if re.match(r"/articles/\d+/.*#", h)]
    for href in anchored:
        parts = urlsplit(href)
        if parts.path not in pages:
            pages[parts.path] = parse(client, parts.path).ids
        if parts.fragment not in pages[parts.path]:
            broken.append(href)
    return anchored, broken


def pages_of(event):
    articles = list(event.articles.order_by("pk"))
    compare = reverse("articles:compare", args=[event.slug]) + "?" + "&".join(f"a={a.pk}" for a in articles[:3])
    claims = [c.get_absolute_url() for c in Claim.objects.public().filter(event=event)]
    return [reverse("claims:event_claims", args=[event.slug]), compare, *claims]


def test_a_sentence_supporting_two_claims_has_an_anchor_for_each(client):
    event, articles = build_event(2)
    twin = make_claim(event, "The envoys met on Monday.")
    make_evidence(twin, articles[0], "The envoys met for four hours on Monday")
    for url in pages_of(event):
        anchored, broken = broken_sentence_links(client, url)
        assert anchored, f"{url} links to no sentence"
        assert broken == [], url


def test_every_sentence_link_of_the_seeds_resolves(client, seeded):
    n_links = 0
    for url in pages_of(seeded):
        anchored, broken = broken_sentence_links(client, url)
        n_links += len(anchored)
        assert broken == [], url
    assert n_links > 50
