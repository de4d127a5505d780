"""The seeds imported by ``ingest``, checked fact by fact against the answer key."""
import pytest

from articles.models import Article
from claims.models import Claim
from claims.scoring import _overlaps, _span

pytestmark = pytest.mark.django_db


def _claims_of(event, fact):
    """Claims holding, for each article the key says reported ``fact``, an
    excerpt overlapping the key's excerpt; with those evidence items."""
    articles = {a.source.rsplit("/", 1)[-1]: a for a in Article.objects.filter(event=event)}
    key_spans = {articles[src].pk: _span(articles[src].body, text) for src, text in fact["reported_by"].items()}
    found = []
    for claim in Claim.objects.filter(event=event).prefetch_related("evidence"):
        hits = [e for e in claim.evidence.all()
                if e.article_id in key_spans and _overlaps(key_spans[e.article_id], (e.start, e.end))]
        if {e.article_id for e in hits} == set(key_spans):
            found.append((claim, hits))
    return found


def test_the_two_hedged_tolls_of_one_bombing_differ_without_a_discrepancy(seeded, gold):
    fact = next(f for f in gold["facts"] if f["id"] == "baghdad-bomb")
    [(claim, evidence)] = _claims_of(seeded, fact)
    values = {e.value for e in evidence}
    assert len(values) == 2, values  # the two outlets' tolls are shown apart
    assert any("at least 21" in v for v in values) and any("at least 19" in v for v in values)
    assert not claim.discrepancy  # both are lower bounds: compatible
