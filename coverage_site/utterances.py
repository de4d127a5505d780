"""Quotes as utterances: each QuoteGroup (or quote in none) once, with every
outlet's wording of it diffed against the group's label.

The quote lists (an event's, by speaker; a person's, by event) show a page
of sections at a time, each with its first few utterances, in two queries
whatever the number of quotes.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import BigIntegerField, Count, F, Q, Window
from django.db.models.functions import Coalesce, Lower, RowNumber

from articles.models import Quote, QuoteGroup
from coverage_site.pagination import page_of, pager
from coverage_site.queries import word_diff
from coverage_site.templatetags.parallax import diff_html

# Quote lists show a page of utterances at a time, and a few wordings of
# each; the quote group page has every outlet's wording of one utterance.
UTTERANCES_PER_PAGE = 20
WORDINGS_SHOWN = 4
# Several sections (speakers, or a person's events): a page of sections,
# each with its first few utterances and a link to the rest. One section:
# a page of its utterances.
SECTIONS_PER_PAGE = 10
SECTION_UTTERANCES = 3
# A person's events are fuller sections (every outlet's wording of them).
EVENTS_PER_PAGE = 5


@dataclass
class Wording:
    quote: Quote
    diff: str = ""
    same: bool = False


@dataclass
class Utterance:
    """One QuoteGroup (or one ungrouped quote) and the wordings shown of it."""

    label: str
    group: QuoteGroup | None
    wordings: list = field(default_factory=list)
    n: int = 0  # wordings in all; the quote group page lists them all
    shift: str = ""  # which outlet credits the words to whom, when they differ

    @property
    def single(self):
        """Only one outlet reports it: nothing to compare."""
        return self.wordings[0] if self.n == 1 and self.wordings else None

    @property
    def n_more(self):
        return self.n - len(self.wordings)


def wordings_with_diffs(label, quotes):
    """Each quote as a Wording diffed against the group's label."""
    result = []
    for quote in sorted(quotes, key=lambda q: (q.article.outlet.name.casefold(), q.article_id, q.start)):
        ops = word_diff(label, quote.text)
        same = all(op == "equal" for op, _ in ops)
        result.append(Wording(quote, diff_html(ops), same))
    return result


# An utterance is a quote group, or a quote in none (negated so the two
# kinds of id cannot meet).
UTTERANCE = Coalesce(F("group_id"), -F("pk"), output_field=BigIntegerField())


def summarise_utterances(quotes, *section):
    """One row per (section, utterance) of ``quotes`` with its number of
    wordings, counted by the database (an index-only scan on
    quote_article_speaker_group for an event) rather than in Python."""
    return list(quotes.order_by().annotate(utterance=UTTERANCE).values(*section, "utterance").annotate(n=Count("pk")))


def utterance_order(row):
    """Most outlets first, then in order of first appearance."""
    return (-row["n"], row["utterance"] if row["utterance"] > 0 else 10**12, -row["utterance"])


WORDING_FIELDS = ("text", "kind", "start", "article_id", "speaker_id", "group_id", "article__event_id", "article__outlet_id")
RELATED_FIELDS = {
    "article__outlet": ("article__outlet__name", "article__outlet__slug"),
    "article__event": ("article__event__title", "article__event__slug", "article__event__date"),
    "speaker": ("speaker__name", "speaker__slug", "speaker__role"),
    "group": ("group__label", "group__event_id", "group__speaker_id"),
}


def shown_quotes(quotes, section, rows, related):
    """The first WORDINGS_SHOWN quotes (by outlet) of each utterance in
    ``rows``, keyed by (section value, utterance)."""
    groups = [r["utterance"] for r in rows if r["utterance"] > 0]
    lone = [-r["utterance"] for r in rows if r["utterance"] < 0]
    found = (
        quotes.filter(Q(group_id__in=groups) | Q(pk__in=lone))
        .annotate(
            utterance=UTTERANCE,
            section_value=F(section),
            position=Window(
                RowNumber(),
                partition_by=[F(section), UTTERANCE],
                order_by=[Lower("article__outlet__name"), F("article_id").asc(), F("start").asc()],
            ),
        )
        .filter(position__lte=WORDINGS_SHOWN)
        .select_related(*related)
        # Not the article's body and raw text: a quote list shows neither.
        .only(*WORDING_FIELDS, *(f for name in related for f in RELATED_FIELDS[name]))
        .order_by()
    )
    by_key = defaultdict(list)
    for quote in found:
        by_key[(quote.section_value, quote.utterance)].append(quote)
    return by_key


def utterances_of(rows, by_key):
    result = []
    for row in rows:
        members = by_key.get((row["section"], row["utterance"]), [])
        group = members[0].group if members and members[0].group_id else None
        label = group.label if group else members[0].text
        result.append(Utterance(label, group, wordings_with_diffs(label, members), row["n"]))
    return result


def page_of_sections(rows, number, per_page):
    """(the rows to show, the pager's context, {section: utterances not shown})
    for utterance rows sorted by section, each with its "section" key; 404
    for a page that does not exist."""
    sections = []
    for row in rows:
        if not sections or sections[-1][0] != row["section"]:
            sections.append((row["section"], []))
        sections[-1][1].append(row)
    if len(sections) <= 1:
        page = page_of(rows, number, UTTERANCES_PER_PAGE)
        return list(page), pager(page), {}
    page = page_of(sections, number, per_page)
    shown, hidden = [], {}
    for key, members in page:
        shown.extend(members[:SECTION_UTTERANCES])
        hidden[key] = max(0, len(members) - SECTION_UTTERANCES)
    return shown, pager(page), hidden


def group_utterances(quotes, number, names):
    """Speakers (most quoted first) → utterances (most outlets first), one
    page of them, with diffs. ``names`` maps speaker ids to names, for the order."""
    rows = summarise_utterances(quotes, "speaker_id")
    totals = defaultdict(int)
    for row in rows:
        row["section"] = row["speaker_id"]
        totals[row["speaker_id"]] += row["n"]
    rows.sort(
        key=lambda r: (
            r["speaker_id"] is None,
            -totals[r["speaker_id"]],
            names.get(r["speaker_id"], ""),
            r["speaker_id"] or 0,
            *utterance_order(r),
        )
    )
    page_rows, paging, hidden = page_of_sections(rows, number, SECTIONS_PER_PAGE)
    by_key = shown_quotes(quotes, "speaker_id", page_rows, ["article__outlet", "speaker", "group"])
    sections = []
    for row, utterance in zip(page_rows, utterances_of(page_rows, by_key)):
        if not sections or sections[-1]["speaker_id"] != row["speaker_id"]:
            speaker = utterance.wordings[0].quote.speaker if utterance.wordings else None
            sections.append(
                {
                    "speaker_id": row["speaker_id"],
                    "speaker": speaker,
                    "utterances": [],
                    "n_quotes": totals[row["speaker_id"]],
                    "n_more": hidden.get(row["speaker_id"], 0),
                }
            )
        sections[-1]["utterances"].append(utterance)
    return sections, {"n_quotes": sum(totals.values()), "n_utterances": len(rows), **paging}


def event_utterances(quotes, number):
    """One person's quotes: events (oldest first) → utterances (most outlets
    first), one page of them, with diffs."""
    rows = summarise_utterances(quotes, "article__event_id", "article__event__date", "article__event__title")
    for row in rows:
        row["section"] = row["article__event_id"]
    rows.sort(
        key=lambda r: (
            r["article__event__date"] is None,
            r["article__event__date"] or date.min,
            r["article__event__title"],
            r["article__event_id"],
            *utterance_order(r),
        )
    )
    page_rows, paging, hidden = page_of_sections(rows, number, EVENTS_PER_PAGE)
    by_key = shown_quotes(quotes, "article__event_id", page_rows, ["article__outlet", "article__event", "group"])
    sections = []
    for row, utterance in zip(page_rows, utterances_of(page_rows, by_key)):
        if not sections or sections[-1]["event"].pk != row["article__event_id"]:
            sections.append(
                {
                    "event": utterance.wordings[0].quote.article.event,
                    "utterances": [],
                    "n_more": hidden.get(row["article__event_id"], 0),
                }
            )
        sections[-1]["utterances"].append(utterance)
    return sections, {"n_quotes": sum(r["n"] for r in rows), "n_utterances": len(rows), **paging}
