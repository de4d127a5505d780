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


def outlet_stances(evidence) -> dict[str, str]:
    """Outlet name -> how that outlet tells the claim. ``evidence`` rows need
    ``article__outlet`` loaded. An outlet that states it as fact anywhere
    asserts it; else one that hedges it anywhere hedges it."""
    seen: dict[str, set[str]] = {}
    for e in evidence:
        seen.setdefault(e.article.outlet.name, set()).add(e.stance or stance(e.excerpt)[0])
    order = (ASSERTED, HEDGED, ATTRIBUTED)
    return {outlet: next(s for s in order if s in stances) for outlet, stances in sorted(seen.items())}


def framing_differs(evidence) -> bool:
    """One outlet states the claim as fact, another attributes or hedges it."""
    stances = set(outlet_stances(evidence).values())
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
