"""Stance on evidence, framing differences, first report, and their export."""
import json
from datetime import date, time
from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Event
from claims.framing import event_framing, first_reported_by, framing_differs, mark_stances, outlet_framing, outlet_stances
from claims.models import Claim, Evidence

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return Event.objects.create(slug="quake", title="Quake")


def evidence(claim, article, excerpt):
    return Evidence.objects.create(claim=claim, article=article, excerpt=excerpt)


def test_a_saved_evidence_row_gets_its_stance_and_cues(make_article, event):
    article = make_article("The dam reportedly burst overnight.", outlet="Wire", event=event)
    claim = Claim.objects.create(event=event, statement="The dam burst")
    row = evidence(claim, article, "The dam reportedly burst overnight.")
    row.refresh_from_db()
    assert (row.stance, row.stance_cues) == ("hedged", ["reportedly"])


def test_bulk_written_evidence_is_marked_after_drafting(make_article, event):
    article = make_article("The dam burst overnight, officials said.", outlet="Wire", event=event)
    claim = Claim.objects.create(event=event, statement="The dam burst")
    Evidence.objects.bulk_create([Evidence(claim=claim, article=article, excerpt=article.body)])
    assert Evidence.objects.get().stance == ""
    assert mark_stances([event.pk]) == 1
    assert Evidence.objects.get().stance == "attributed"
    assert mark_stances([event.pk]) == 0


def test_framing_differs_when_one_outlet_asserts_what_another_hedges(make_article, event):
    fact = make_article("The dam burst overnight.", outlet="Herald", event=event)
    hedge = make_article("The dam reportedly burst overnight.", outlet="Courier", event=event)
    claim = Claim.objects.create(event=event, statement="The dam burst")
    evidence(claim, fact, fact.body)
    evidence(claim, hedge, hedge.body)
    rows = list(claim.evidence.select_related("article__outlet"))
    assert outlet_stances(rows) == {"Courier": "hedged", "Herald": "asserted"}
    assert framing_differs(rows)


def test_framing_agrees_when_every_outlet_attributes(make_article, event):
    claim = Claim.objects.create(event=event, statement="The dam burst")
    for outlet in ("Herald", "Courier"):
        article = make_article(f"The dam burst, the {outlet} was told, officials said.", outlet=outlet, event=event)
        evidence(claim, article, article.body)
    assert not framing_differs(list(claim.evidence.select_related("article__outlet")))


def test_the_claims_queryset_finds_the_framing_differences_framing_differs_finds(make_article, event):
    tellings = {
        "hedged": [("Herald", "The dam burst overnight."), ("Courier", "The dam reportedly burst overnight.")],
        "attributed": [("Herald", "The dam burst, officials said."), ("Courier", "The dam burst, police said.")],
        # The Courier states it as fact in one of its articles: it asserts it.
        "asserted somewhere": [("Herald", "The dam burst late on Monday."), ("Courier", "The dam reportedly burst."),
                               ("Courier", "The dam burst at night.")],
    }
    expected = {}
    for name, rows in tellings.items():
        claim = Claim.objects.create(event=event, statement=name)
        for outlet, sentence in rows:
            evidence(claim, make_article(sentence, outlet=outlet, event=event, source=f"{name}-{sentence}"), sentence)
        expected[claim.pk] = framing_differs(list(claim.evidence.select_related("article__outlet")))
    assert list(expected.values()) == [True, False, False]
    found = dict(Claim.objects.filter(event=event).with_framing().values_list("pk", "framing_differs"))
    assert found == expected
    assert {pk: f.differs for pk, f in event_framing(event).items()} == expected


def test_outlet_framing_gives_the_cue_words_of_the_stance_that_decides(make_article, event):
    claim = Claim.objects.create(event=event, statement="The dam burst")
    for sentence in ("The dam reportedly burst.", "The dam burst, officials said.", "The dam allegedly burst."):
        evidence(claim, make_article(sentence, outlet="Courier", event=event, source=sentence), sentence)
    label, cues = outlet_framing(list(claim.evidence.select_related("article__outlet")))["Courier"]
    assert label == "hedged" and cues == ["reportedly", "allegedly"]


def test_first_reported_by_uses_the_date_then_the_printed_time(make_article, event):
    early = make_article("The dam burst.", outlet="Herald", event=event, published=date(2020, 5, 1))
    late = make_article("The dam gave way.", outlet="Courier", event=event, published=date(2020, 5, 1))
    claim = Claim.objects.create(event=event, statement="The dam burst")
    evidence(claim, early, early.body)
    evidence(claim, late, late.body)
    rows = lambda: list(claim.evidence.select_related("article__outlet"))  # noqa: E731
    assert first_reported_by(rows()) is None  # same day, no times: cannot tell
    early.published_time, late.published_time = time(9, 5), time(14, 46)
    early.save()
    late.save()
    assert first_reported_by(rows()) == "Herald"
    late.published = date(2020, 4, 30)
    late.save()
    assert first_reported_by(rows()) == "Courier"


def test_ingest_marks_every_drafted_evidence_row(seeded):
    rows = Evidence.objects.filter(claim__event=seeded)
    assert rows.exists()
    assert not rows.filter(stance="").exists()


def test_the_queryset_and_the_python_rule_agree_on_the_seeds(seeded):
    claims = Claim.objects.filter(event=seeded).with_framing()
    found = {c.pk: c.framing_differs for c in claims}
    told = {c.pk: framing_differs(list(c.evidence.select_related("article__outlet"))) for c in claims}
    assert found == told and any(found.values())


def test_export_carries_framing_keys_without_dropping_old_ones(seeded):
    out = StringIO()
    call_command("export", "talks", stdout=out)
    data = json.loads(out.getvalue())
    ft = next(a for a in data["articles"] if a["source"] == "001_e023b29d6142646f.txt")
    assert ft["published"] == "2007-05-28" and ft["published_time"] == "14:46"
    for article in data["articles"]:
        assert set(article["voices"]) >= {"people_quoted", "named_words", "anonymous_words", "speakers"}
    stances = [e["stance"] for c in data["claims"] for e in c["evidence"]]
    assert stances and set(stances) <= {"asserted", "attributed", "hedged"}
    assert all(isinstance(e["stance_cues"], list) for c in data["claims"] for e in c["evidence"])
    assert all({"framing_differs", "first_reported_by", "discrepancy"} <= set(c) for c in data["claims"])
    assert any(c["framing_differs"] for c in data["claims"])
    groups = {g["id"]: g for g in data["quote_groups"]}
    assert all(q["group"] in groups for q in data["quotes"] if q["group"])
    assert all("attribution_shift" in g for g in groups.values())


def test_export_queries_do_not_grow_with_the_event(make_article, event, django_assert_max_num_queries):
    from claims.exporting import event_export

    def add(n):
        for i in range(n):
            article = make_article(f"Story {n}-{i}: the dam burst.", outlet=f"O{i}", event=event)
            claim = Claim.objects.create(event=event, statement=f"c{n}{i}")
            evidence(claim, article, article.body)

    add(2)
    with django_assert_max_num_queries(12) as small:
        event_export(event)
    add(8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        event_export(event)
