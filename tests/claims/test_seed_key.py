"""The seeds imported by ``ingest``, checked fact by fact against the answer key."""
import pytest

from articles.models import Article
from claims.models import Claim
from claims.scoring import _overlaps, _span

pytestmark = pytest.mark.django_db


def _evidence_by_claim(event, gold, fact_id):
    """For each claim of ``event``, its evidence overlapping the key's
    excerpts of the fact (those of other facts left out)."""
    fact = next(f for f in gold["facts"] if f["id"] == fact_id)
    articles = {a.source.rsplit("/", 1)[-1]: a for a in Article.objects.filter(event=event)}
    key_spans = {articles[src].pk: _span(articles[src].body, text) for src, text in fact["reported_by"].items()}
    out = {}
    for claim in Claim.objects.filter(event=event).prefetch_related("evidence"):
        out[claim] = [e for e in claim.evidence.all()
                      if e.article_id in key_spans and _overlaps(key_spans[e.article_id], (e.start, e.end))]
    return out


def test_the_two_hedged_tolls_of_one_bombing_differ_without_a_discrepancy(seeded, gold):
    found = _evidence_by_claim(seeded, gold, "baghdad-bomb")
    [(claim, evidence)] = [(c, ev) for c, ev in found.items() if len({e.article_id for e in ev}) == 2]
    values = {e.value for e in evidence}
    assert len(values) == 2, values  # the two outlets' tolls are shown apart
    assert any("at least 21" in v for v in values) and any("at least 19" in v for v in values)
    assert not claim.discrepancy  # both are lower bounds: compatible


@pytest.mark.parametrize("fact_id", ["follow-up-meeting", "us-demand-stop-support-for-militants"])
def test_facts_told_in_few_shared_words_are_aligned(seeded, gold, fact_id):
    # Each outlet worded these its own way, some inside a sentence that
    # carries other facts too.
    found = _evidence_by_claim(seeded, gold, fact_id)
    assert max(len({e.article_id for e in ev}) for ev in found.values()) >= 2
