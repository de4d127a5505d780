"""How each outlet frames a claim, and which outlet reported it first.

Each evidence row gets the stance of its excerpt (``articles.text.framing``):
stated as fact, attributed, or hedged. A claim's framing differs when one
outlet states as fact what another only attributes or hedges: a difference
of telling, shown beside the factual disagreements.

Stance is kept current without touching alignment: a single saved row
(the admin, a split) gets it in ``pre_save``; rows that alignment writes in
bulk get it from a receiver of ``import_finished`` that runs after claims
are drafted (see ``claims.apps``).
"""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models.signals import pre_save
from django.dispatch import receiver

from articles.services import touch_events
from articles.text.framing import ASSERTED, ATTRIBUTED, HEDGED, stance
from claims.models import Evidence

_BATCH = 500


def stance_of_evidence(evidence: Evidence) -> None:
    """Set ``evidence.stance`` and ``stance_cues`` from its excerpt (no save)."""
    evidence.stance, evidence.stance_cues = stance(evidence.excerpt or "")


@receiver(pre_save, sender=Evidence)
def evidence_stance(sender, instance, raw=False, **kwargs):
    if not raw:
        stance_of_evidence(instance)


def mark_stances(events) -> int:
    """Give every evidence row of ``events`` without a stance its stance.

    Returns how many rows were marked. Reads in batches, so memory holds a
    batch of excerpts whatever the events' size."""
    pending = Evidence.objects.filter(claim__event__in=events, stance="").only("id", "excerpt").order_by("id")
    marked, last = 0, 0
    while True:
        batch = list(pending.filter(id__gt=last)[:_BATCH])
        if not batch:
            break
        for evidence in batch:
            stance_of_evidence(evidence)
        Evidence.objects.bulk_update(batch, ["stance", "stance_cues"])
        marked += len(batch)
        last = batch[-1].id
    if marked:
        touch_events(events)
    return marked


def mark_imported_events(sender, events, **kwargs):
    """``import_finished`` receiver, connected after claims are drafted."""
    mark_stances([event.pk for event in events])


def stored_stance(evidence: Evidence) -> tuple[str, list[str]]:
    """(stance, cue words) of one evidence row: as stored, or read from its
    excerpt for a row stored before its event's stances were marked."""
    return (evidence.stance, evidence.stance_cues) if evidence.stance else stance(evidence.excerpt)


def outlet_framing(evidence) -> dict[str, tuple[str, list[str]]]:
    """Outlet name -> (how that outlet tells the claim, the cue words that
    show it). ``evidence`` rows need ``article__outlet`` loaded. An outlet
    that states it as fact anywhere asserts it; else one that hedges it
    anywhere hedges it."""
    seen: dict[str, dict[str, list[str]]] = {}
    for e in evidence:
        label, cues = stored_stance(e)
        found = seen.setdefault(e.article.outlet.name, {}).setdefault(label, [])
        found.extend(cue for cue in cues if cue not in found)
    order = (ASSERTED, HEDGED, ATTRIBUTED)
    framing = {}
    for outlet, stances in sorted(seen.items()):
        label = next(s for s in order if s in stances)
        framing[outlet] = (label, stances[label])
    return framing


def outlet_stances(evidence) -> dict[str, str]:
    """Outlet name -> how that outlet tells the claim (``outlet_framing``
    without the cues)."""
    return {outlet: label for outlet, (label, _) in outlet_framing(evidence).items()}


def framing_differs(evidence) -> bool:
    """One outlet states the claim as fact, another attributes or hedges it."""
    return _differs(outlet_stances(evidence).values())


def _differs(stances) -> bool:
    stances = set(stances)
    return ASSERTED in stances and bool(stances & {ATTRIBUTED, HEDGED})


def first_reported_by(evidence) -> str | None:
    """The outlet whose evidence article was published first, or None when
    no article has a date or the earliest cannot be told apart (same day
    and no printed time to separate them). ``evidence`` rows need
    ``article__outlet`` loaded."""
    dated = {}
    for e in evidence:
        article = e.article
        if article.published:
            dated[article.id] = article
    if not dated:
        return None
    day = min(a.published for a in dated.values())
    first = [a for a in dated.values() if a.published == day]
    if len({a.outlet_id for a in first}) == 1:
        return first[0].outlet.name
    if any(a.published_time is None for a in first):
        return None
    earliest = min(a.published_time for a in first)
    outlets = {a.outlet.name for a in first if a.published_time == earliest}
    return outlets.pop() if len(outlets) == 1 else None


@dataclass
class ClaimFraming:
    """How each outlet tells one claim, and who told it first."""

    outlets: dict[str, tuple[str, list[str]]]  # outlet_framing
    differs: bool
    first_reported_by: str | None


def framing_of(evidence) -> ClaimFraming:
    """How each outlet tells the claim of these evidence rows, whether that
    differs, and who told it first. Rows need ``article__outlet`` loaded."""
    outlets = outlet_framing(evidence)
    return ClaimFraming(outlets, _differs(label for label, _ in outlets.values()), first_reported_by(evidence))


def event_framing(event) -> dict[int, ClaimFraming]:
    """Claim id -> ClaimFraming for every claim of ``event`` with evidence,
    from the stored stances. One query."""
    rows = (
        Evidence.objects.filter(claim__event=event)
        .select_related("article__outlet")
        .only("claim_id", "excerpt", "stance", "stance_cues", "article__published", "article__published_time",
              "article__outlet_id", "article__outlet__name")
        .order_by("claim_id", "pk")
    )
    by_claim: dict[int, list[Evidence]] = {}
    for row in rows:
        by_claim.setdefault(row.claim_id, []).append(row)
    return {claim_id: framing_of(evidence) for claim_id, evidence in by_claim.items()}
