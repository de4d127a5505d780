"""analyse_event on the seeds, scored against the answer key, and the coverage matrix."""
import pytest

from claims.models import Claim
from claims.scoring import score_claim_pairs
from claims.services import DIFFERS, NOT_REPORTED, REPORTED, analyse_event, claim_cells, coverage_matrix

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_event(make_article, gold, seed_bodies):
    event = None
    for meta in gold["articles"]:
        article = make_article(seed_bodies[meta["file"]], outlet=meta["outlet"], event=event or "seeds",
                               source=meta["file"], headline=meta["headline"])
        event = article.event
    analyse_event(event)
    return event


def _export(event):
    articles = [{"id": a.id, "source": a.source, "body": a.body} for a in event.articles.all()]
    claims = [
        {"id": c.id, "statement": c.statement, "status": c.status, "discrepancy": c.discrepancy,
         "discrepancy_note": c.discrepancy_note,
         "evidence": [{"article": e.article_id, "excerpt": e.excerpt, "value": e.value} for e in c.evidence.all()]}
        for c in Claim.objects.filter(event=event).prefetch_related("evidence")
    ]
    return {"articles": articles, "claims": claims}


def test_seed_claims_are_mostly_right_pairs(seed_event, facts_key):
    m = score_claim_pairs(facts_key["facts"], _export(seed_event)).metrics
    assert m["pair_precision"] >= 0.80 and m["pair_recall"] >= 0.22, m


def test_seed_evidence_is_exact_and_shows_values(seed_event):
    values = set()
    for claim in Claim.objects.filter(event=seed_event).prefetch_related("evidence__article"):
        for e in claim.evidence.all():
            assert e.article.body[e.start:e.end] == e.excerpt
            values.add(e.value)
    assert {"27 years", "almost 30 years"} <= values


def test_the_export_module_scores_the_same(seed_event, facts_key):
    exporting = pytest.importorskip("claims.exporting")
    ours = score_claim_pairs(facts_key["facts"], _export(seed_event)).metrics
    assert score_claim_pairs(facts_key["facts"], exporting.event_export(seed_event)).metrics == ours


def test_reanalysis_is_stable(seed_event):
    before = sorted(Claim.objects.filter(event=seed_event).values_list("statement", flat=True))
    analyse_event(seed_event)
    after = sorted(Claim.objects.filter(event=seed_event).values_list("statement", flat=True))
    assert before == after


def test_coverage_matrix_in_three_queries(seed_event, django_assert_num_queries):
    with django_assert_num_queries(3):
        claims, outlets, cells = coverage_matrix(seed_event)
    assert len(outlets) == 5 and claims
    assert {c.state for c in cells.values()} <= {REPORTED, NOT_REPORTED, DIFFERS}
    flagged = [c for c in claims if c.discrepancy]
    assert any(cells[(c.pk, o.pk)].state == DIFFERS for c in flagged for o in outlets)
    for c in claims:
        if not c.discrepancy:
            assert DIFFERS not in {cells[(c.pk, o.pk)].state for o in outlets}
        for o in outlets:
            cell = cells[(c.pk, o.pk)]
            assert bool(cell.evidence_ids) == (cell.state != NOT_REPORTED)
    # The values each outlet gives travel with its cell (the matrix tooltip).
    assert any(cell.values for cell in cells.values())


def test_the_claim_page_and_the_matrix_agree_on_differs(seed_event):
    claims, outlets, cells = coverage_matrix(seed_event)
    for claim in claims:
        for outlet_id, cell in claim_cells(claim).items():
            assert cell == cells[(claim.pk, outlet_id)]


def test_a_conflict_in_own_text_is_flagged_and_named(make_article):
    a = make_article(
        "Police said the blast in the market killed 14 people on Friday morning.\n\n"
        "Interior Minister Rosa Lindqvist visited the site in the afternoon.", outlet="Wire A", event="blast")
    make_article(
        "The market blast on Friday morning killed 9 people, police said.\n\n"
        "Rosa Lindqvist, the defence minister, visited the site later.", outlet="Wire B", event=a.event)
    analyse_event(a.event)
    claims = list(Claim.objects.filter(event=a.event))
    killed = next(c for c in claims if "killed" in c.statement)
    assert killed.discrepancy and "Wire A" in killed.discrepancy_note and "Wire B" in killed.discrepancy_note


def test_compatible_hedges_are_not_flagged(make_article):
    a = make_article("The summit in Geneva lasted nearly six hours and ended without a joint statement.",
                     outlet="Wire A", event="summit")
    make_article("The six-hour summit in Geneva ended without a joint statement, diplomats said.",
                 outlet="Wire B", event=a.event)
    analyse_event(a.event)
    claim = Claim.objects.get(event=a.event)
    assert not claim.discrepancy
    assert sorted(claim.evidence.values_list("value", flat=True)) == ["nearly six hours", "six-hour"]


def test_with_no_majority_every_outlet_giving_a_value_differs(make_article):
    from claims.services import outlet_cells

    class Flagged:
        discrepancy = True

    cells = outlet_cells(Flagged(), [(1, "7 (held)", 10), (2, "5 (held)", 11), (3, None, 12)], [1, 2, 3, 4])
    assert [cells[o].state for o in (1, 2, 3, 4)] == [DIFFERS, DIFFERS, REPORTED, NOT_REPORTED]
    assert cells[1].values == ["7 (held)"] and cells[3].evidence_ids == [12] and cells[4].evidence_ids == []
