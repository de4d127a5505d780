"""How the pages word framing: each outlet's stance on a claim, and quotes
whose outlets credit them to different people.

Plain text: the templates escape it like any other article text.
"""
from __future__ import annotations

from articles.text.framing import ASSERTED, ATTRIBUTED, HEDGED
from claims.models import Evidence

# How a stance shows: a letter in the matrix (explained by its legend), the
# words of its accessible label, and the verb of a sentence about outlets
# (singular, plural).
STANCE_LOOKS = {
    ASSERTED: {"css": "asserted", "symbol": "F", "verbs": ("states this as fact", "state this as fact")},
    ATTRIBUTED: {"css": "attributed", "symbol": "A", "verbs": ("attributes it", "attribute it")},
    HEDGED: {"css": "hedged", "symbol": "H", "verbs": ("hedges it", "hedge it")},
}
STANCE_ORDER = (ASSERTED, ATTRIBUTED, HEDGED)


def names(items) -> str:
    """"A", "A and B", "A, B and C"."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def cue_note(cues) -> str:
    """' (cue: “reportedly”)', or nothing when no word decided it."""
    if not cues:
        return ""
    return f" (cue{'s' if len(cues) > 1 else ''}: " + ", ".join(f"“{cue}”" for cue in cues) + ")"


def stance_look(label: str, cues) -> dict:
    """What a template shows of one stance: css, symbol, label, the note of
    its cue words, and the two as a title."""
    look = STANCE_LOOKS[label]
    text, note = Evidence.Stance(label).label, cue_note(cues)
    return {"css": look["css"], "symbol": look["symbol"], "label": text, "note": note, "title": text + note}


def stance_sentence(outlets: dict[str, tuple[str, list[str]]]) -> str:
    """"Herald states this as fact; Courier hedges it (cue: “reportedly”)."
    from ``claims.framing.outlet_framing``."""
    clauses = []
    for label in STANCE_ORDER:
        members = [(outlet, cues) for outlet, (stance, cues) in outlets.items() if stance == label]
        if not members:
            continue
        cues = list(dict.fromkeys(cue for _, outlet_cues in members for cue in outlet_cues))
        verb = STANCE_LOOKS[label]["verbs"][len(members) > 1]
        clauses.append(f"{names(o for o, _ in members)} {verb}{cue_note(cues if label != ASSERTED else [])}")
    return "; ".join(clauses) + "." if clauses else ""


def credit_line(credits) -> str:
    """"Herald credits these words to Dana Cole; Courier to Eli Park." from
    a shift's sorted (outlet, speaker) pairs (``articles.shifts``)."""
    by_speaker: dict[str, list[str]] = {}
    for outlet, speaker in credits:
        by_speaker.setdefault(speaker, []).append(outlet)
    clauses = []
    for speaker, outlets in by_speaker.items():
        if not clauses:
            verb = "credits" if len(outlets) == 1 else "credit"
            clauses.append(f"{names(outlets)} {verb} these words to {speaker}")
        else:
            clauses.append(f"{names(outlets)} to {speaker}")
    return "; ".join(clauses) + "."
