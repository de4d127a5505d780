"""Draft and store an event's claims once an import has stored its articles.

Connected to ``articles.importing.import_finished``: the import run knows
nothing of claims, and claims are drafted for every event that received
articles. With several workers, events are drafted in parallel, one per
worker and one more queued, so memory holds a few events' sentences, not
all of them.

The drafting workers start as fresh interpreters ("spawn"), not as forks:
drafting needs only the text layer (about 115 MB with its word vectors),
while a fork of the importing process at the end of a large run is charged
with a copy of all that process holds, once per worker.
"""
from __future__ import annotations

import multiprocessing

from django.db import transaction

from articles.services import lock_event
from articles.pipeline import ahead
from claims.models import Claim
from claims.services import analyse_event, document_ids, event_documents
from claims.text.candidates import draft_claims


def draft_events(events, *, workers: int, documents=event_documents):
    """Yield (event, its ``draft_claims``) for each event, in order.

    ``documents(event)`` gives an event's (key, body) pairs and runs in this
    process (it queries the database); only the drafting, which touches no
    database, runs in the workers."""
    if workers < 2 or len(events) < 2:
        for event in events:
            yield event, draft_claims(documents(event))
        return
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        submitted = ((event, pool.apply_async(draft_claims, (documents(event),))) for event in events)
        for event, result in ahead(submitted, workers):
            yield event, result.get()


def analyse_imported_events(sender, events, workers=1, **kwargs):
    drafted_from = {}

    def documents(event):
        found = event_documents(event)
        drafted_from[event.pk] = [pk for pk, _, _ in found]
        return found

    for event, drafts in draft_events(events, workers=workers, documents=documents):
        with transaction.atomic():
            # Two imports finishing one event store its claims one after the
            # other, each from the articles the event holds by then: drafts
            # made before another import filed more are made again.
            if not lock_event(event.pk):
                continue  # another import merged it into one of its events
            if document_ids(event) != drafted_from.pop(event.pk):
                drafts = None
            analyse_event(event, drafts)


def reanalyse_regrouped(sender, events, merged, **kwargs):
    """After a curator merged events or moved an article: a merged event's
    claims (curated ones included) go with its articles, then each event's
    candidates are drafted again from its articles."""
    for old, new in merged.items():
        Claim.objects.filter(event_id=old).update(event_id=new)
    for event in events:
        analyse_event(event)
