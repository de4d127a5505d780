"""The curation services: each change lands, is recorded in the History under
the curator's name, and moves the event's changed_at."""
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Event
from claims import curation
from claims.curation import CurationError
from claims.models import Claim, Evidence
from claims.services import analyse_event
from tests.claims.storm import STORIES, build_storm, make_staff, make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def storm():
    return build_storm()


@pytest.fixture
def curator():
    return make_staff("cura", group="curators")


@pytest.fixture
def stale(storm):
    """The event marked as changed long ago; returns a check that it moved since."""
    event = storm[0]
    long_ago = timezone.now() - timedelta(days=1)
    Event.objects.filter(pk=event.pk).update(changed_at=long_ago)
    return lambda: Event.objects.get(pk=event.pk).changed_at > long_ago


def history(claim):
    return list(
        LogEntry.objects.filter(object_id=str(claim.pk), content_type__model="claim")
        .order_by("id")
        .values_list("user__username", "change_message")
    )


def spans(claim):
    return sorted(claim.evidence.values_list("article__outlet__name", "excerpt"))


# --- adding evidence --------------------------------------------------------


def test_add_evidence_reads_the_sentence_from_the_article(storm, curator, stale):
    event, articles, claims = storm
    ap = articles["AP"]
    sentence = STORIES["AP"][2]
    start = ap.body.index(sentence)
    added = curation.add_evidence(claims["warning"], [(ap.pk, start, start + len(sentence))], user=curator)
    assert [(e.excerpt, e.start, e.end) for e in added] == [(sentence, start, start + len(sentence))]
    claims["warning"].refresh_from_db()
    assert claims["warning"].curated
    assert history(claims["warning"]) == [("cura", f"Added evidence: AP: “{sentence}”.")]
    assert stale()


def test_add_evidence_skips_a_sentence_the_claim_has(storm, curator):
    _, articles, claims = storm
    item = claims["warning"].evidence.get()
    assert curation.add_evidence(claims["warning"], [(item.article_id, item.start, item.end)], user=curator) == []
    assert claims["warning"].evidence.count() == 1
    assert history(claims["warning"]) == []


def test_add_evidence_refuses_a_span_that_is_not_a_sentence(storm, curator):
    _, articles, claims = storm
    ap = articles["AP"]
    start = ap.body.index(STORIES["AP"][2])
    with pytest.raises(CurationError, match="Not a sentence"):
        curation.add_evidence(claims["warning"], [(ap.pk, start + 1, start + 20)], user=curator)
    assert claims["warning"].evidence.count() == 1


def test_add_evidence_refuses_an_article_of_another_event(storm, curator):
    _, _, claims = storm
    other = Event.objects.create(slug="other", title="Other")
    article = make_story(other, "BBC", ["A different story entirely."])
    with pytest.raises(CurationError, match="claim's event"):
        curation.add_evidence(claims["warning"], [(article.pk, 0, len(article.body))], user=curator)


# --- moving and splitting ---------------------------------------------------


def test_move_evidence_puts_a_sentence_in_the_right_claim(storm, curator, stale):
    _, articles, claims = storm
    stray = claims["deaths"].evidence.get(excerpt=STORIES["AP"][1])
    assert curation.move_evidence([stray], claims["homes"], user=curator) == 1
    assert ("AP", STORIES["AP"][1]) in spans(claims["homes"])
    assert ("AP", STORIES["AP"][1]) not in spans(claims["deaths"])
    for claim in (claims["deaths"], claims["homes"]):
        claim.refresh_from_db()
        assert claim.curated
    [(user, message)] = history(claims["deaths"])
    assert user == "cura" and message.startswith(f"Moved evidence to claim #{claims['homes'].pk}")
    [(user, message)] = history(claims["homes"])
    assert user == "cura" and message.startswith(f"Moved evidence here from claim #{claims['deaths'].pk}")
    assert "AP: “Some 300 homes were under water" in message
    assert stale()


def test_move_evidence_does_not_double_a_sentence_the_target_has(storm, curator):
    _, articles, claims = storm
    afp = articles["AFP"]
    copy = Evidence.objects.create(
        claim=claims["deaths"], article=afp, excerpt=STORIES["AFP"][1],
        start=afp.body.index(STORIES["AFP"][1]), end=afp.body.index(STORIES["AFP"][1]) + len(STORIES["AFP"][1]),
    )
    curation.move_evidence([copy], claims["homes"], user=curator)
    assert claims["homes"].evidence.filter(excerpt=STORIES["AFP"][1]).count() == 1
    assert not Evidence.objects.filter(pk=copy.pk).exists()


def test_move_evidence_refuses_a_claim_of_another_event(storm, curator):
    _, _, claims = storm
    other = Claim.objects.create(event=Event.objects.create(slug="other", title="Other"), statement="Else.")
    with pytest.raises(CurationError, match="same event"):
        curation.move_evidence(claims["deaths"].evidence.all(), other, user=curator)
    assert claims["deaths"].evidence.count() == 4


def test_split_evidence_makes_a_new_claim_of_the_chosen_sentences(storm, curator, stale):
    _, _, claims = storm
    stray = claims["deaths"].evidence.filter(excerpt=STORIES["AP"][1])
    new = curation.split_evidence(stray, user=curator)
    assert new.event_id == claims["deaths"].event_id and new.curated
    assert new.statement == STORIES["AP"][1]
    assert spans(new) == [("AP", STORIES["AP"][1])]
    assert claims["deaths"].evidence.count() == 3
    assert history(new) == [("cura", f"Split from claim #{claims['deaths'].pk} “{claims['deaths'].statement}”: "
                                     f"AP: “{STORIES['AP'][1]}”.")]
    assert history(claims["deaths"])[0][1].startswith(f"Split into new claim #{new.pk}")
    assert stale()


def test_split_evidence_takes_a_statement_when_given(storm, curator):
    _, _, claims = storm
    stray = claims["deaths"].evidence.filter(excerpt=STORIES["AP"][1])
    new = curation.split_evidence(stray, user=curator, statement="  Some 300 homes were under water. ")
    assert new.statement == "Some 300 homes were under water."


def test_split_evidence_refuses_to_empty_a_claim_or_mix_claims(storm, curator):
    _, _, claims = storm
    with pytest.raises(CurationError, match="all of claim"):
        curation.split_evidence(claims["schools"].evidence.all(), user=curator)
    mixed = Evidence.objects.filter(claim__in=[claims["deaths"], claims["homes"]])[:5]
    with pytest.raises(CurationError, match="one claim at a time"):
        curation.split_evidence(list(mixed), user=curator)
    with pytest.raises(CurationError, match="No evidence"):
        curation.split_evidence([], user=curator)
    assert Claim.objects.count() == 4


# --- merging ----------------------------------------------------------------


def test_merge_keeps_the_chosen_claim_not_the_lowest_numbered(storm, curator, stale):
    _, _, claims = storm
    deaths, homes = claims["deaths"], claims["homes"]
    assert deaths.pk < homes.pk
    kept = curation.merge_claims(homes, [deaths], user=curator)
    assert kept.pk == homes.pk
    deaths.refresh_from_db()
    assert deaths.status == Claim.Status.MERGED and deaths.merged_into_id == homes.pk
    assert deaths.evidence.count() == 0 and homes.evidence.count() == 6
    assert Claim.objects.resolve(deaths.pk) == homes
    assert history(homes) == [("cura", f"Merged into this claim: claim #{deaths.pk} “{deaths.statement}” "
                                       "(4 evidence moved, 0 already here).")]
    assert history(deaths) == [("cura", f"Merged into claim #{homes.pk} “{homes.statement}”.")]
    assert stale()


def test_merge_points_earlier_merges_at_the_new_target(storm, curator):
    _, _, claims = storm
    curation.merge_claims(claims["homes"], [claims["deaths"]], user=curator)
    curation.merge_claims(claims["schools"], [claims["homes"]], user=curator)
    assert Claim.objects.get(pk=claims["deaths"].pk).merged_into_id == claims["schools"].pk
    assert Claim.objects.resolve(claims["deaths"].pk) == claims["schools"]
    assert claims["schools"].evidence.count() == 8


def test_merge_refuses_a_hidden_target_another_event_or_a_merged_claim(storm, curator):
    _, _, claims = storm
    curation.set_status([claims["warning"]], Claim.Status.REJECTED, user=curator)
    claims["warning"].refresh_from_db()
    with pytest.raises(CurationError, match="rejected"):
        curation.merge_claims(claims["warning"], [claims["homes"]], user=curator)
    other = Claim.objects.create(event=Event.objects.create(slug="other", title="Other"), statement="Else.")
    with pytest.raises(CurationError, match="one event"):
        curation.merge_claims(claims["homes"], [other], user=curator)
    curation.merge_claims(claims["homes"], [claims["deaths"]], user=curator)
    claims["deaths"].refresh_from_db()
    with pytest.raises(CurationError, match="already merged"):
        curation.merge_claims(claims["schools"], [claims["deaths"]], user=curator)
    with pytest.raises(CurationError, match="at least one"):
        curation.merge_claims(claims["schools"], [claims["schools"]], user=curator)


def test_reanalysis_keeps_merged_claims_and_their_addresses(storm, curator):
    event, _, claims = storm
    curation.merge_claims(claims["homes"], [claims["deaths"]], user=curator)
    analyse_event(event)
    assert Claim.objects.resolve(claims["deaths"].pk) == claims["homes"]
    assert claims["homes"].evidence.count() == 6


# --- status -----------------------------------------------------------------


def test_set_status_records_the_note(storm, curator, stale):
    _, _, claims = storm
    changed = curation.set_status(
        [claims["deaths"], claims["homes"]], Claim.Status.CONFIRMED, user=curator, note="Checked  with\nthe mayor's office."
    )
    assert [c.pk for c in changed] == [claims["deaths"].pk, claims["homes"].pk]
    for claim in (claims["deaths"], claims["homes"]):
        claim.refresh_from_db()
        assert claim.status == Claim.Status.CONFIRMED and claim.curated
        assert history(claim) == [("cura", "Confirmed (was candidate). Note: Checked with the mayor's office.")]
    assert stale()


def test_set_status_leaves_merged_and_unchanged_claims_alone(storm, curator):
    _, _, claims = storm
    curation.merge_claims(claims["homes"], [claims["deaths"]], user=curator)
    curation.set_status([claims["schools"]], Claim.Status.DISPUTED, user=curator)
    changed = curation.set_status(
        Claim.objects.filter(pk__in=[claims["deaths"].pk, claims["schools"].pk]), Claim.Status.DISPUTED, user=curator
    )
    assert changed == []
    assert Claim.objects.get(pk=claims["deaths"].pk).status == Claim.Status.MERGED
    assert len(history(claims["schools"])) == 1


def test_set_status_refuses_merged(storm, curator):
    _, _, claims = storm
    with pytest.raises(CurationError, match="cannot set"):
        curation.set_status([claims["deaths"]], Claim.Status.MERGED, user=curator)


def test_a_note_alone_is_kept_in_the_history(storm, curator):
    _, _, claims = storm
    curation.add_note(claims["deaths"], "  AP counts two more deaths. ", user=curator)
    curation.add_note(claims["deaths"], "   ", user=curator)
    assert history(claims["deaths"]) == [("cura", "Note: AP counts two more deaths.")]


# --- what the public sees -----------------------------------------------------


def test_public_leaves_out_rejected_and_merged_claims(storm, curator):
    event, _, claims = storm
    curation.set_status([claims["warning"]], Claim.Status.REJECTED, user=curator)
    curation.merge_claims(claims["homes"], [claims["deaths"]], user=curator)
    curation.set_status([claims["schools"]], Claim.Status.DISPUTED, user=curator)
    assert set(Claim.objects.filter(event=event).public()) == {claims["homes"], claims["schools"]}
    assert Claim.objects.public().count() == 2


def test_resolve_gives_the_live_claim_or_none(storm, curator):
    _, _, claims = storm
    assert Claim.objects.resolve(claims["homes"].pk) == claims["homes"]
    assert Claim.objects.resolve(10_000) is None
    curation.set_status([claims["warning"]], Claim.Status.REJECTED, user=curator)
    assert Claim.objects.resolve(claims["warning"].pk) is None
    curation.merge_claims(claims["homes"], [claims["deaths"]], user=curator)
    assert Claim.objects.resolve(claims["deaths"].pk) == claims["homes"]
    # Merged into a claim that was rejected afterwards: nothing public left.
    curation.set_status([claims["homes"]], Claim.Status.REJECTED, user=curator)
    assert Claim.objects.resolve(claims["deaths"].pk) is None


def test_a_badge_only_when_the_status_says_something(storm):
    claim = storm[2]["deaths"]
    expected = {"candidate": None, "confirmed": "Confirmed", "disputed": "Disputed", "rejected": None}
    for status, badge in expected.items():
        claim.status = status
        assert claim.badge == badge


def test_a_merged_claim_must_lead_somewhere(storm):
    claim = storm[2]["deaths"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(status=Claim.Status.MERGED)


def test_curation_log_lists_the_events_curation_newest_first(storm, curator):
    event, _, claims = storm
    other_event, _, other_claims = build_storm("other-storm")
    curation.set_status([claims["deaths"]], Claim.Status.CONFIRMED, user=curator)
    curation.set_status([other_claims["deaths"]], Claim.Status.CONFIRMED, user=curator)
    curation.merge_claims(claims["homes"], [claims["schools"]], user=curator)
    entries = list(curation.curation_log(event))
    assert [e.object_id for e in entries] == [str(claims["schools"].pk), str(claims["homes"].pk), str(claims["deaths"].pk)]
    assert {e.user.username for e in entries} == {"cura"}


# --- the event's articles stay where the curator's claims found them ---------


def test_curating_a_claim_holds_its_events_articles_for_later_imports(storm, curator):
    event, _, claims = storm
    assert not Event.objects.get(pk=event.pk).curated
    curation.set_status([claims["deaths"]], Claim.Status.CONFIRMED, user=curator)
    assert Event.objects.get(pk=event.pk).curated


def test_splitting_evidence_holds_its_events_articles_for_later_imports(storm, curator):
    event, _, claims = storm
    item = claims["deaths"].evidence.order_by("pk").first()
    curation.split_evidence([item], user=curator)
    assert Event.objects.get(pk=event.pk).curated
