"""Attribution shifts: the same words, credited to different people.

A quote group holds one utterance as several outlets reported it. When the
outlets name different speakers for it, at least one of them moved the
words to someone else: readers should see that beside the quote.
"""
from __future__ import annotations

from collections import defaultdict

from articles.models import Quote
from articles.text.names import surname_key


def attribution_shifts(event) -> dict[int, list[tuple[str, str]]]:
    """Group id -> sorted (outlet, speaker) pairs, for each of the event's
    quote groups whose quotes name more than one speaker across outlets.

    Quotes no one is credited with do not count: an outlet that leaves a
    quotation unattributed has not moved it. Nor do two names with one
    surname ("Trump", "Donald Trump"; "Dick Durbin", "Richard J. Durbin"):
    the outlets name one person two ways, which people curation merges.
    One query."""
    credited = (
        Quote.objects.filter(article__event=event, group__isnull=False, speaker__isnull=False)
        .values_list("group_id", "article__outlet__name", "speaker__name")
        .distinct()
    )
    by_group: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for group_id, outlet, speaker in credited:
        by_group[group_id].add((outlet, speaker))
    return {
        group_id: sorted(pairs)
        for group_id, pairs in sorted(by_group.items())
        if len({surname_key(speaker) for _, speaker in pairs}) > 1 and len({outlet for outlet, _ in pairs}) > 1
    }
