"""Attribution shifts: the same words, credited to different people.

A quote group holds one utterance as several outlets reported it. When the
outlets name different speakers for it, at least one of them moved the
words to someone else: readers should see that beside the quote.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from articles.models import Quote
from articles.text.names import surname_key


@dataclass
class Shift:
    """One quote group whose outlets credit its words to different people."""

    group_id: int
    label: str  # the group's fullest wording
    credits: list[tuple[str, str]]  # sorted (outlet, speaker) pairs


def shifted(credits) -> list[tuple[str, str]]:
    """The sorted (outlet, speaker) pairs of one quote group when they show a
    shift, else an empty list.

    A shift needs two outlets and two people. Quotes no one is credited
    with are not in ``credits``: an outlet that leaves a quotation
    unattributed has not moved it. Nor do two names with one surname count
    ("Trump", "Donald Trump"; "Dick Durbin", "Richard J. Durbin"): the
    outlets name one person two ways, which people curation merges."""
    pairs = set(credits)
    if len({surname_key(speaker) for _, speaker in pairs}) > 1 and len({outlet for outlet, _ in pairs}) > 1:
        return sorted(pairs)
    return []


def shifted_groups(event) -> list[Shift]:
    """The event's quote groups whose outlets name different speakers, by
    group id. One query."""
    credited = (
        Quote.objects.filter(article__event=event, group__isnull=False, speaker__isnull=False)
        .values_list("group_id", "group__label", "article__outlet__name", "speaker__name")
        .distinct()
    )
    labels: dict[int, str] = {}
    by_group: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for group_id, label, outlet, speaker in credited:
        labels[group_id] = label
        by_group[group_id].add((outlet, speaker))
    shifts = (Shift(group_id, labels[group_id], shifted(pairs)) for group_id, pairs in sorted(by_group.items()))
    return [shift for shift in shifts if shift.credits]


def attribution_shifts(event) -> dict[int, list[tuple[str, str]]]:
    """Group id -> sorted (outlet, speaker) pairs, for each of the event's
    quote groups whose quotes name more than one speaker across outlets
    (see ``shifted``). One query."""
    return {shift.group_id: shift.credits for shift in shifted_groups(event)}
