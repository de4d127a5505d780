"""People and quotations of one article body: the NLP stage's entry point."""
from __future__ import annotations

import logging

from .attribution import attribute
from .people import People, find_people
from .quotes import classify, find_raw_quotes
from .types import Analysis, QuoteSpan

log = logging.getLogger(__name__)


def analyse(body: str, doc) -> Analysis:
    """Find the people an article names and the quotations it prints.

    ``doc`` is ``nlp(body)``. Never raises on odd input: a stage that fails
    on some pathological text is logged and its part of the result left
    empty, so that one article cannot stop an import.
    """
    try:
        people = find_people(body, doc)
    except Exception:  # pragma: no cover - defensive, see docstring
        log.exception("people extraction failed")
        people = People(clusters=[], info=[], mentions=[])
    try:
        cands = classify(body, doc, find_raw_quotes(body))
    except Exception:  # pragma: no cover
        log.exception("quotation extraction failed")
        return Analysis(people=people.clusters, quotes=[])
    quotes = [c for c in cands if c.kind]
    try:
        attributions = attribute(body, doc, people, cands)
    except Exception:  # pragma: no cover
        log.exception("attribution failed")
        attributions = [None] * len(quotes)
    spans = []
    for q, a in zip(quotes, attributions):
        span = QuoteSpan(start=q.start, end=q.end, text=body[q.start:q.end], kind=q.kind)
        if a is not None:
            span.speaker = a.speaker
            if a.cue is not None and a.cue[1] > a.cue[0]:
                span.cue_start, span.cue_end = a.cue
                span.cue = body[a.cue[0]:a.cue[1]]
        spans.append(span)
    return Analysis(people=people.clusters, quotes=spans)
