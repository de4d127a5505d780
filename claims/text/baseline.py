"""The plain baseline alignment is measured against: every pair of sentences
from different articles whose mean word vectors have a cosine of at least
0.5 is a claim of its own. No blocking, no model, no clustering."""
from __future__ import annotations

from typing import Sequence

from .embedding import embed
from .units import units_of

COSINE = 0.5


def baseline_pairs(docs: Sequence[tuple]) -> list[list]:
    """Two-unit claims, as lists of units; ``docs`` as for ``align``. Like
    claims, pairs hold body sentences only (headlines are no evidence)."""
    units = [u for doc, body, *_ in docs for u in units_of(doc, body)]
    vectors = embed([u.text for u in units])
    similar = vectors @ vectors.T
    return [
        [units[i], units[j]]
        for i in range(len(units))
        for j in range(i + 1, len(units))
        if units[i].doc != units[j].doc and similar[i, j] >= COSINE
    ]
