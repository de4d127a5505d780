"""The seeds imported by ``ingest``, measured against the exhaustive fact key."""
import pytest

from articles.models import Article
from claims.exporting import merged_export
from claims.models import Claim
from claims.scoring import _overlaps, _span, score_claim_pairs

pytestmark = pytest.mark.django_db


def _evidence_by_claim(event, key, fact_id):
    """For each claim of ``event``, its evidence overlapping the key's sentences of the fact."""
    fact = next(f for f in key["facts"] if f["id"] == fact_id)
    articles = {a.source: a for a in Article.objects.filter(event=event)}
    spans = [(articles[src].pk, _span(articles[src].body, text))
             for src, texts in fact["reported_by"].items() for text in texts]
    out = {}
    for claim in Claim.objects.filter(event=event).prefetch_related("evidence"):
        out[claim] = [e for e in claim.evidence.all()
                      if any(pk == e.article_id and _overlaps(sp, (e.start, e.end)) for pk, sp in spans)]
    return out


def test_the_seeds_claims_reach_their_measured_pair_precision_and_recall(seeded, facts_key):
    # The figures docs/quality.md reports for the seeds (0.85 and 0.25).
    metrics = score_claim_pairs(facts_key["facts"], merged_export([seeded])).metrics
    assert metrics["pair_precision"] >= 0.84 and metrics["pair_recall"] >= 0.24, metrics
    assert metrics["discrepancies_found"] == 4 and metrics["false_discrepancy_flags"] <= 1, metrics


def test_two_different_tolls_of_one_bombing_are_a_discrepancy_of_victims(seeded, facts_key):
    found = _evidence_by_claim(seeded, facts_key, "baghdad-bomb")
    [(claim, evidence)] = [(c, ev) for c, ev in found.items() if len({e.article_id for e in ev}) == 2]
    values = {e.value for e in evidence}
    assert any("at least 21" in v for v in values) and any("at least 19" in v for v in values)
    assert claim.discrepancy and claim.discrepancy_kind == "victims"
    assert Claim.objects.differing_in("victims").filter(pk=claim.pk).exists()
