"""Reusable reads for the public pages: search, counts, snippets, diffs.

Every function here runs a fixed number of queries whatever the data size,
so the pages that call them do too (the view tests pin the counts).
"""
from __future__ import annotations

import functools
import re

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Lower

from articles.models import Article, Event, Mention, Person, Quote
from articles.text.quote_groups import word_diff as diff_words
from claims.models import Claim
from coverage_site.pagination import Counted

# Full-text search configuration. Triggers (articles/migrations/0005) keep
# Article.search_vector and Quote.search_vector current, with GIN indexes.
SEARCH_CONFIG = "english"
ARTICLE_SEARCH_FIELDS = ("headline", "body")
QUOTE_SEARCH_FIELDS = ("text",)

# Ranking reads every match's stored words; for a common word that is
# thousands of rows, so the search page ranks the newest this many matches
# (found first, by id, in a query of their own so that the ranking query
# reads just those rows by primary key).
SEARCH_CANDIDATES = 300


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def _matches(qs, q, fields):
    """(rows of ``qs`` matching the words of ``q``, the SearchQuery or None)."""
    if uses_postgres():
        query = SearchQuery(q, config=SEARCH_CONFIG, search_type="websearch")
        return qs.filter(search_vector=query), query
    # SQLite: every word must appear somewhere in the searched fields.
    condition = Q()
    for word in q.split():
        word_q = Q()
        for name in fields:
            word_q |= Q(**{f"{name}__icontains": word})
        condition &= word_q
    return qs.filter(condition), None


def _search(qs, q, fields):
    q = (q or "").strip()
    return _matches(qs, q, fields)[0] if q else qs.none()


def _ranked(qs, q, fields) -> Counted:
    """The newest SEARCH_CANDIDATES matches, best first on PostgreSQL, with
    their number (so paging them needs no COUNT)."""
    q = (q or "").strip()
    if not q:
        return Counted(qs.none(), 0)
    matches, query = _matches(qs, q, fields)
    newest = list(matches.order_by("-pk").values_list("pk", flat=True)[:SEARCH_CANDIDATES])
    ranked = qs.filter(pk__in=newest)
    if query is not None:
        ranked = ranked.annotate(rank=SearchRank(F("search_vector"), query)).order_by("-rank", "pk")
    return Counted(ranked, len(newest))


def search_articles(q, qs=None):
    """Articles matching the words of ``q``, in no particular order."""
    return _search(Article.objects.all() if qs is None else qs, q, ARTICLE_SEARCH_FIELDS)


def search_quotes(q, qs=None):
    """Quotes whose words match ``q``, in no particular order."""
    return _search(Quote.objects.all() if qs is None else qs, q, QUOTE_SEARCH_FIELDS)


def ranked_articles(q, qs) -> Counted:
    return _ranked(qs, q, ARTICLE_SEARCH_FIELDS)


def ranked_quotes(q, qs) -> Counted:
    return _ranked(qs, q, QUOTE_SEARCH_FIELDS)


def snippet(text: str, q: str, width: int = 220) -> str:
    """A window of ``text`` around the first word of ``q`` found in it."""
    text = " ".join(text.split())
    lowered = text.casefold()
    at = -1
    for word in (q or "").split():
        stem = word.casefold()[:6]
        at = lowered.find(stem)
        if at >= 0:
            break
    if at < 0 or len(text) <= width:
        return text[:width] + ("…" if len(text) > width else "")
    start = max(0, at - width // 3)
    end = min(len(text), start + width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def _count(model_qs, by: str, counted: str = "pk", distinct: bool = False):
    """A correlated COUNT subquery (rows of ``model_qs`` whose ``by`` is the
    outer row), so several counts need no join fan-out."""
    return Coalesce(
        Subquery(
            model_qs.filter(**{by: OuterRef("pk")})
            .order_by()
            .values(by)
            .annotate(n=Count(counted, distinct=distinct))
            .values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def events_with_counts():
    """Events, newest first, each with its article, outlet, quote and claim counts."""
    return Event.objects.annotate(
        n_articles=_count(Article.objects.all(), "event"),
        n_outlets=_count(Article.objects.all(), "event", "outlet", distinct=True),
        n_quotes=_count(Quote.objects.all(), "article__event"),
        n_claims=_count(Claim.objects.public(), "event"),
    ).order_by("-date", "title")


def filter_events(qs, q: str = ""):
    """Events whose title or slug, or one of whose articles, matches ``q``."""
    q = (q or "").strip()
    if q:
        # EXISTS per event stops at its first matching article; "pk IN
        # (matching articles)" would test the words of every article.
        matching = search_articles(q, Article.objects.filter(event=OuterRef("pk")))
        qs = qs.filter(Q(title__icontains=q) | Q(slug__icontains=q) | Exists(matching))
    return qs


def people_with_counts():
    """Everyone quoted or named, most quoted first, with their numbers of
    quotes and of articles naming them (subqueries: no join fan-out)."""
    n_quotes = _count(Quote.objects.all(), "speaker")
    n_articles = _count(Mention.objects.all(), "person", "article", distinct=True)
    return (
        Person.objects.annotate(n_quotes=n_quotes, n_articles=n_articles)
        .filter(Q(n_quotes__gt=0) | Q(n_articles__gt=0))
        .order_by("-n_quotes", Lower("name"), "pk")
    )


# Quote lists diff the same wordings on every visit; the diff of two
# strings never changes, so each process keeps the recent ones.
@functools.lru_cache(maxsize=8192)
def _word_diff(a: str, b: str):
    return tuple(diff_words(a, b))


def word_diff(a: str, b: str):
    """Word-level differences from wording ``a`` to wording ``b``."""
    return list(_word_diff(a, b))


def paragraphs(body: str):
    """(start, end) offsets of each paragraph of a cleaned body."""
    spans = []
    for match in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]*)*", body or ""):
        if match.group().strip():
            spans.append((match.start(), match.end()))
    return spans
