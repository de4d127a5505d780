"""The ``export`` command's JSON and CSV, in the shape of docs/interfaces.md.

Each function runs a fixed number of queries whatever the event's size.
"""
from __future__ import annotations

import csv
import json
from collections import defaultdict

from django.db.models import Prefetch

from articles.models import Article, Event, Person, PersonAlias, Quote, QuoteGroup
from articles.shifts import attribution_shifts
from articles.voices import article_voices
from claims.framing import framing_of, stored_stance
from claims.models import Claim, Evidence

CSV_COLUMNS = [
    "article", "source", "outlet", "headline", "published",
    "speaker", "kind", "text", "start", "end",
]

# The claims table: one row per piece of evidence (a claim without any has
# one row with the evidence cells empty).
CLAIMS_CSV_COLUMNS = [
    "claim", "status", "statement", "discrepancy", "discrepancy_note",
    "article", "source", "outlet", "excerpt", "value",
    # Added after the first release: last, so that columns keep their places.
    "discrepancy_kind",
]


def exported_claims(event: Event, public: bool = False):
    """The event's claims as the export shows them: never a merged one (its
    evidence lives on in the claim it was merged into) and, when ``public``,
    none the public site hides (rejected too), with their evidence in order."""
    claims = Claim.objects.public() if public else Claim.objects.exclude(status=Claim.Status.MERGED)
    return claims.filter(event=event).order_by("id").prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.select_related("article__outlet").order_by("article_id", "start", "id"))
    )


def _day(value):
    return value.isoformat() if value else None


def _stance(evidence) -> dict:
    label, cues = stored_stance(evidence)
    return {"stance": label, "stance_cues": cues}


def _framing(evidence) -> dict:
    framing = framing_of(evidence)
    return {"framing_differs": framing.differs, "first_reported_by": framing.first_reported_by}


def _minute(value):
    return value.strftime("%H:%M") if value else None


def event_export(event: Event, public: bool = False) -> dict:
    """The whole event; ``public`` leaves out the claims the site hides."""
    articles = list(
        Article.objects.filter(event=event).select_related("outlet").order_by("id")
    )
    quotes = list(
        Quote.objects.filter(article__event=event)
        .select_related("speaker")
        .order_by("article_id", "start")
    )
    people_ids = set(
        Person.objects.filter(mentions__article__event=event).values_list("id", flat=True)
    ) | {q.speaker_id for q in quotes if q.speaker_id}
    people = list(
        Person.objects.filter(id__in=people_ids).prefetch_related(
            Prefetch("aliases", queryset=PersonAlias.objects.order_by("name"))
        )
    )
    claims = list(exported_claims(event, public))
    voices = article_voices(event)
    shifts = attribution_shifts(event)
    groups = list(QuoteGroup.objects.filter(event=event).select_related("speaker").order_by("id"))
    outlets = sorted({a.outlet for a in articles}, key=lambda o: o.name)
    return {
        "event": {"slug": event.slug, "title": event.title, "date": _day(event.date)},
        "outlets": [{"name": o.name, "slug": o.slug} for o in outlets],
        "people": [
            {
                "name": p.name,
                "aliases": sorted({a.name for a in p.aliases.all()} - {p.name}),
                "role": p.role,
                "affiliation": p.affiliation or None,
            }
            for p in people
        ],
        "articles": [
            {
                "id": a.id,
                "source": a.source,
                "outlet": a.outlet.name,
                "headline": a.headline,
                "headline_derived": a.headline_derived,
                "byline": a.byline,
                "published": _day(a.published),
                "published_time": _minute(a.published_time),
                "dateline": a.dateline or None,
                "url": a.url or None,
                "body": a.body,
                "voices": voices[a.id].as_dict(),
            }
            for a in articles
        ],
        "quotes": [
            {
                "article": q.article_id,
                "speaker": q.speaker.name if q.speaker else None,
                "text": q.text,
                "kind": q.kind,
                "start": q.start,
                "end": q.end,
                "cue": q.cue or None,
                "group": q.group_id,
            }
            for q in quotes
        ],
        "quote_groups": [
            {
                "id": g.id,
                "label": g.label,
                "speaker": g.speaker.name if g.speaker else None,
                "attribution_shift": g.id in shifts,
                "speakers": [{"outlet": outlet, "speaker": speaker} for outlet, speaker in shifts.get(g.id, [])],
            }
            for g in groups
        ],
        "claims": [
            {
                "id": c.id,
                "statement": c.statement,
                "status": c.status,
                "discrepancy": c.discrepancy,
                "discrepancy_note": c.discrepancy_note,
                # A key of claims.text.values.KINDS, or null.
                "discrepancy_kind": c.discrepancy_kind or None,
                **_framing(c.evidence.all()),
                "evidence": [
                    {"article": e.article_id, "excerpt": e.excerpt, "value": e.value,
                     **_stance(e)}
                    for e in c.evidence.all()
                ],
            }
            for c in claims
        ],
    }


# A spreadsheet runs a cell that starts with one of these as a formula
# (OWASP, "CSV injection"); scraped text must never run.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """``value`` as a CSV cell that a spreadsheet shows as text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """A ``csv.writer`` whose string cells are neutralised."""

    def __init__(self, out):
        self._writer = csv.writer(out)

    def writerow(self, row):
        self._writer.writerow([safe_cell(cell) for cell in row])


def write_quotes_csv(event: Event, out) -> None:
    writer = SafeWriter(out)
    writer.writerow(CSV_COLUMNS)
    quotes = (
        Quote.objects.filter(article__event=event)
        .select_related("article__outlet", "speaker")
        .order_by("article_id", "start")
    )
    for q in quotes.iterator(chunk_size=2000):
        a = q.article
        writer.writerow([
            a.id, a.source, a.outlet.name, a.headline, _day(a.published),
            q.speaker.name if q.speaker else "", q.kind, q.text, q.start, q.end,
        ])


def write_event_json(event: Event, out, public: bool = False) -> None:
    out.write(json.dumps(event_export(event, public), ensure_ascii=False, indent=2) + "\n")


def write_claims_csv(event: Event, out, public: bool = False) -> None:
    writer = SafeWriter(out)
    writer.writerow(CLAIMS_CSV_COLUMNS)
    for c in exported_claims(event, public):
        claim = [c.id, c.status, c.statement, "true" if c.discrepancy else "false", c.discrepancy_note]
        evidence = list(c.evidence.all())
        if not evidence:
            writer.writerow(claim + ["", "", "", "", "", c.discrepancy_kind])
        for e in evidence:
            a = e.article
            writer.writerow(claim + [a.id, a.source, a.outlet.name, e.excerpt, e.value or "", c.discrepancy_kind])


def merged_export(events) -> dict:
    """Several events' exports as one (the evaluate command's view of a run).

    Each article also names its event's slug, so that scorers can compare
    how articles were grouped into events."""
    merged = defaultdict(list)
    for event in events:
        for key, value in event_export(event).items():
            if key == "articles":
                value = [{**article, "event": event.slug} for article in value]
            if isinstance(value, list):
                merged[key].extend(value)
    return dict(merged)
