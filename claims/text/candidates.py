"""From article bodies to candidate claims: alignment plus value comparison.

Plain data in, plain data out; ``claims.services`` stores the result.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Hashable, Sequence

from .align import align
from .values import KINDS, Conflict, compare, extract, first_kind


@dataclass
class EvidenceDraft:
    doc: Hashable
    start: int
    end: int
    excerpt: str
    value: str | None


@dataclass
class ClaimDraft:
    statement: str
    evidence: list[EvidenceDraft]
    conflicts: list[Conflict]

    @property
    def kind(self) -> str:
        return first_kind(self.conflicts)

    def note(self, name: Callable[[Hashable], str] = str) -> str:
        """What differs, in words: "count of victims (killed): “at least 21” (AFP) vs “19” (Reuters)"."""
        parts = []
        for c in self.conflicts:
            label = KINDS[c.kind].label + (f" ({c.label})" if c.label else "")
            shown = " vs ".join(f"“{text}” ({name(doc)})" for doc, text in c.values.items())
            parts.append(f"{label}: {shown}")
        return "; ".join(parts)


def draft_claims(docs: Sequence[tuple]) -> list[ClaimDraft]:
    """Candidate claims for one event's documents, (key, body) or (key,
    body, printed headline) tuples.

    The documents are aligned under their positions, not their keys: the
    same documents in the same order give the same claims whatever keys
    (database ids) they carry."""
    keys = [doc[0] for doc in docs]
    drafts = _draft([(i, *doc[1:]) for i, doc in enumerate(docs)])
    for draft in drafts:
        for evidence in draft.evidence:
            evidence.doc = keys[evidence.doc]
        for conflict in draft.conflicts:
            conflict.values = {keys[doc]: value for doc, value in conflict.values.items()}
    return drafts


def _draft(docs: Sequence[tuple]) -> list[ClaimDraft]:
    drafts = []
    for group in align(docs):
        # Headlines help align but are not evidence: the export contract
        # gives every excerpt as a sentence of the body.
        units = [u for u in group.units if not u.headline]
        if len({u.doc for u in units}) < 2:
            continue
        # One value per article: an article that repeats a fact is compared
        # through its first statement of it.
        first = {}
        for u in units:
            first.setdefault(u.doc, u)
        comparison = compare({doc: extract(u.text) for doc, u in first.items()})
        evidence = [
            EvidenceDraft(u.doc, u.start, u.end, u.text, comparison.shown.get(u.doc) or None)
            for u in units
        ]
        drafts.append(ClaimDraft(group.statement, evidence, comparison.conflicts))
    return drafts
