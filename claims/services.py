"""Writes and reads on claims: analysis, curation and the coverage matrix.

Called by the ingest command, the admin and the tests alike.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import transaction

from articles.models import Article, Outlet
from articles.services import touch_events
from claims.models import Claim, Evidence
from claims.text.candidates import ClaimDraft, draft_claims
from claims.text.values import compare, extract

REPORTED, NOT_REPORTED, DIFFERS = "reported", "not reported", "differs"


def event_documents(event) -> list[tuple[int, str, str]]:
    """The (article id, body, printed headline) an event's claims are drafted
    from; a headline made from the text is left out, it repeats the text."""
    rows = _documents(event).values_list("id", "body", "headline", "headline_derived")
    return [(pk, body, "" if derived else headline) for pk, body, headline, derived in rows]


def document_ids(event) -> list[int]:
    """The ids of the articles ``event_documents`` gives, in its order."""
    return list(_documents(event).values_list("id", flat=True))


def _documents(event):
    # In an order of their own, not of storing: the same articles give the
    # same claims whichever import, worker or order stored them.
    return Article.objects.filter(event=event).exclude(body="").order_by("source", "content_hash")


@transaction.atomic
def analyse_event(event, drafts: list[ClaimDraft] | None = None) -> None:
    """(Re)build the event's candidate claims from its articles' bodies.

    Curated claims (any status but candidate, or marked curated by an edit,
    merge or split) and their evidence are left exactly as they are; a
    candidate whose evidence is mostly already in curated claims is not
    created again, so a rejected or merged claim does not come back.
    ``drafts`` are the event's ``draft_claims`` when they were made
    elsewhere (ingest makes them in worker processes).
    """
    if drafts is None:
        drafts = draft_claims(event_documents(event))
    outlet_of = dict(Article.objects.filter(event=event).values_list("id", "outlet__name"))
    Claim.objects.filter(event=event).uncurated().delete()
    curated_spans = set(
        Evidence.objects.filter(claim__event=event).values_list("article_id", "start", "end")
    )

    claims, evidence = [], []
    for draft in drafts:
        spans = [(e.doc, e.start, e.end) for e in draft.evidence]
        if sum(s in curated_spans for s in spans) * 2 >= len(spans):
            continue
        claim = Claim(
            event=event,
            statement=draft.statement,
            discrepancy=bool(draft.conflicts),
            discrepancy_note=draft.note(outlet_of.get),
            discrepancy_kind=draft.kind,
        )
        claims.append(claim)
        evidence.append(
            [
                Evidence(article_id=e.doc, excerpt=e.excerpt, value=_clip(e.value), start=e.start, end=e.end)
                for e in draft.evidence
            ]
        )
    Claim.objects.bulk_create(claims)
    rows = []
    for claim, items in zip(claims, evidence):
        for item in items:
            item.claim = claim
            rows.append(item)
    Evidence.objects.bulk_create(rows, batch_size=500)
    # bulk_create sends no signal: the event's cached overview must go.
    touch_events([event.pk])


def _clip(value):
    return value[:300] if value else value


def refresh_values(claim: Claim) -> None:
    """Recompute the claim's evidence values and discrepancy from its evidence."""
    items = list(claim.evidence.select_related("article__outlet"))
    comparison = compare({item.pk: extract(item.excerpt) for item in items})
    names = {item.pk: item.article.outlet.name for item in items}
    for item in items:
        item.value = _clip(comparison.shown.get(item.pk) or None)
    Evidence.objects.bulk_update(items, ["value"])
    note = ClaimDraft("", [], comparison.conflicts).note(names.get)
    claim.discrepancy = bool(comparison.conflicts)
    claim.discrepancy_note = note
    claim.discrepancy_kind = comparison.kind
    claim.save(update_fields=["discrepancy", "discrepancy_note", "discrepancy_kind", "updated_at"])



@dataclass
class Cell:
    """What one outlet says of one claim."""

    state: str  # REPORTED, NOT_REPORTED or DIFFERS
    values: list = field(default_factory=list)  # the values it gives, as worded
    evidence_ids: list = field(default_factory=list)


def _normal(value: str | None) -> str:
    return " ".join((value or "").casefold().split())


def outlet_cells(claim: Claim, evidence, outlet_ids) -> dict:
    """Each outlet's cell for ``claim``: the one definition of "differs".

    ``evidence`` is (outlet id, value, evidence id) rows of the claim. On a
    claim flagged as a discrepancy an outlet differs when its value is not
    the one most outlets give; with no majority every outlet that gives a
    value differs. Outlets that give no value, or a claim not flagged, are
    simply reported.
    """
    given: dict = defaultdict(list)
    ids: dict = defaultdict(list)
    for outlet_id, value, evidence_id in evidence:
        if value and value not in given[outlet_id]:
            given[outlet_id].append(value)
        ids[outlet_id].append(evidence_id)
    modal = None
    if claim.discrepancy:
        counts = Counter(_normal(v[0]) for v in given.values() if v)
        ranked = counts.most_common(2)
        if ranked and ranked[0][1] > 1 and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
            modal = ranked[0][0]
    cells = {}
    for outlet_id in outlet_ids:
        if outlet_id not in ids:
            state = NOT_REPORTED
        elif claim.discrepancy and given[outlet_id] and _normal(given[outlet_id][0]) != modal:
            state = DIFFERS
        else:
            state = REPORTED
        cells[outlet_id] = Cell(state, list(given.get(outlet_id, [])), sorted(ids.get(outlet_id, [])))
    return cells


def claim_cells(claim: Claim) -> dict:
    """Outlet id -> Cell for the outlets of the claim's event (the claim page)."""
    outlets = Outlet.objects.filter(articles__event_id=claim.event_id).distinct().values_list("pk", flat=True)
    rows = claim.evidence.values_list("article__outlet_id", "value", "pk")
    return outlet_cells(claim, rows, list(outlets))


def coverage_matrix(event, outlets=None):
    """(claims, outlets, cells) for the event, in three queries.

    ``cells[(claim.pk, outlet.pk)]`` is a ``Cell`` (state, values, evidence
    ids) as ``outlet_cells`` defines it. An outlet reports a fact only
    through a claim's evidence. ``outlets`` defaults to the event's.
    """
    claims = list(Claim.objects.filter(event=event).exclude(status=Claim.Status.REJECTED))
    if outlets is None:
        outlets = list(Outlet.objects.filter(articles__event=event).distinct().order_by("name"))
    rows: dict = defaultdict(list)
    for claim_id, outlet_id, value, pk in Evidence.objects.filter(claim__event=event).values_list(
        "claim_id", "article__outlet_id", "value", "pk"
    ):
        rows[claim_id].append((outlet_id, value, pk))
    ids = [o.pk for o in outlets]
    cells = {}
    for claim in claims:
        for outlet_id, cell in outlet_cells(claim, rows.get(claim.pk, []), ids).items():
            cells[(claim.pk, outlet_id)] = cell
    return claims, outlets, cells
