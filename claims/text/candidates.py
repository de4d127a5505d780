"""From article bodies to candidate claims: alignment plus value comparison.

Plain data in, plain data out; ``claims.services`` stores the result.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Hashable, Sequence

from .align import align, statement_of
from .values import Conflict, compare, extract


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

    def note(self, name: Callable[[Hashable], str] = str) -> str:
        """What differs, in words: "killed: at least 21 (AFP) vs 19 (Reuters)"."""
        parts = []
        for c in self.conflicts:
            label = {"quantity": c.label, "date": "year", "role": f"role ({c.label})", "venue": "venue"}[c.kind]
            shown = " vs ".join(f"“{text}” ({name(doc)})" for doc, text in c.values.items())
            parts.append(f"{label}: {shown}")
        return "; ".join(parts)


def draft_claims(docs: Sequence[tuple[Hashable, str]]) -> list[ClaimDraft]:
    """Candidate claims for one event's documents, (key, body) pairs."""
    drafts = []
    for group in align(docs):
        units = group.units
        comparison = compare({u.doc: extract(u.text) for u in units})
        evidence = [
            EvidenceDraft(u.doc, u.start, u.end, u.text, comparison.shown.get(u.doc) or None)
            for u in units
        ]
        drafts.append(ClaimDraft(statement_of(group), evidence, comparison.conflicts))
    return drafts
