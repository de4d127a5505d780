"""Reusable reads for the public pages.

Every function here runs a fixed number of queries whatever the data size,
so the pages that call them do too (the view tests pin the counts).
"""
from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Exists, F, IntegerField, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Lower

from articles.models import Article, Event, Quote

# Full-text search configuration. Triggers (articles/migrations/0005) keep
# Article.search_vector and Quote.search_vector equal to these expressions,
# and GIN indexes are built on those columns; the expressions themselves
# serve migrations 0002 and 0005.
SEARCH_CONFIG = "english"
ARTICLE_SEARCH_FIELDS = ("headline", "body")
QUOTE_SEARCH_FIELDS = ("text",)


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def article_search_vector():
    from django.contrib.postgres.search import SearchVector

    return SearchVector(*ARTICLE_SEARCH_FIELDS, config=SEARCH_CONFIG)


def quote_search_vector():
    from django.contrib.postgres.search import SearchVector

    return SearchVector(*QUOTE_SEARCH_FIELDS, config=SEARCH_CONFIG)


# Ranking reads every match's stored words; for a common word that is
# thousands of rows, so the search page ranks the newest this many matches
# (found first, by id, in a query of their own so that the ranking query
# reads just those rows by primary key).
SEARCH_CANDIDATES = 300


def _search(qs, q, vector, fields, ranked=True):
    q = (q or "").strip()
    if not q:
        return qs.none()
    if uses_postgres():
        from django.contrib.postgres.search import SearchQuery, SearchRank

        query = SearchQuery(q, config=SEARCH_CONFIG, search_type="websearch")
        matches = qs.annotate(search=vector).filter(search=query)
    else:
        # SQLite: every word must appear somewhere in the searched fields.
        condition = Q()
        for word in q.split():
            word_q = Q()
            for name in fields:
                word_q |= Q(**{f"{name}__icontains": word})
            condition &= word_q
        matches = qs.filter(condition)
    if not ranked:
        return matches
    newest = list(matches.order_by("-pk").values_list("pk", flat=True)[:SEARCH_CANDIDATES])
    if uses_postgres():
        return qs.filter(pk__in=newest).annotate(rank=SearchRank(vector, query)).order_by("-rank", "pk")
    return qs.filter(pk__in=newest)


def search_articles(q, qs=None, ranked=True):
    """Articles matching the words of ``q`` (PostgreSQL: ranked full-text
    search over the stored Article.search_vector, which a trigger keeps equal
    to article_search_vector())."""
    qs = Article.objects.all() if qs is None else qs
    return _search(qs, q, F("search_vector") if uses_postgres() else None, ARTICLE_SEARCH_FIELDS, ranked)


def search_quotes(q, qs=None, ranked=True):
    """Quotes whose words match ``q`` (PostgreSQL: ranked full-text search
    over the stored Quote.search_vector;
    ``ranked=False`` for every match, in no particular order)."""
    qs = Quote.objects.all() if qs is None else qs
    return _search(qs, q, F("search_vector") if uses_postgres() else None, QUOTE_SEARCH_FIELDS, ranked)


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


def events_with_counts(q: str = ""):
    """Events, newest first, each with its article, outlet, quote and claim counts."""
    from claims.models import Claim

    qs = Event.objects.annotate(
        n_articles=_count(Article.objects.all(), "event"),
        n_outlets=_count(Article.objects.all(), "event", "outlet", distinct=True),
        n_quotes=_count(Quote.objects.all(), "article__event"),
        n_claims=_count(Claim.objects.all(), "event"),
    )
    return filter_events(qs, q).order_by("-date", "title")


def filter_events(qs, q: str = ""):
    """Events whose title or slug, or one of whose articles, matches ``q``."""
    q = (q or "").strip()
    if q:
        # EXISTS per event stops at its first matching article; "pk IN
        # (matching articles)" would test the words of every article.
        matching = search_articles(q, Article.objects.filter(event=OuterRef("pk")), ranked=False)
        qs = qs.filter(Q(title__icontains=q) | Q(slug__icontains=q) | Exists(matching))
    return qs


def site_version() -> str:
    """Changes whenever any event does (or one is added or deleted): the key
    for cached site-wide lists whose rows all belong to events."""
    found = Event.objects.aggregate(last=Max("changed_at"), n=Count("pk"))
    return f"{found['n']}:{found['last'].isoformat() if found['last'] else ''}"


def people_with_counts():
    """Everyone quoted or named, most quoted first, with their numbers of
    quotes and of articles naming them (subqueries: no join fan-out)."""
    from articles.models import Mention, Person

    n_quotes = _count(Quote.objects.all(), "speaker")
    n_articles = _count(Mention.objects.all(), "person", "article", distinct=True)
    return (
        Person.objects.annotate(n_quotes=n_quotes, n_articles=n_articles)
        .filter(Q(n_quotes__gt=0) | Q(n_articles__gt=0))
        .order_by("-n_quotes", Lower("name"), "pk")
    )


# --- coverage ---------------------------------------------------------------

REPORTED, MISSING, DIFFERS = "reported", "missing", "differs"
STATE_LABELS = {REPORTED: "Reported", MISSING: "Not reported", DIFFERS: "Reports a different value"}


@dataclass
class Cell:
    state: str
    values: list = field(default_factory=list)

    @property
    def label(self):
        return STATE_LABELS[self.state]


def _normal(value):
    return " ".join((value or "").casefold().split())


def own_coverage(claims, outlets, evidence):
    """Claim × outlet cells from evidence rows (claim_id, outlet_id, value).

    An outlet "differs" on a claim marked as a discrepancy when its value is
    not the one most outlets give (with no majority, every reporter differs).
    """
    by_pair: dict[tuple[int, int], list] = {}
    for claim_id, outlet_id, value in evidence:
        by_pair.setdefault((claim_id, outlet_id), []).append(value)
    cells = {}
    for claim in claims:
        reporters = {o.pk: by_pair[(claim.pk, o.pk)] for o in outlets if (claim.pk, o.pk) in by_pair}
        modal = None
        if claim.discrepancy:
            counts = Counter(_normal(v[0]) for v in reporters.values() if v and v[0])
            if counts:
                (top, n), *rest = counts.most_common()
                if n > 1 and (not rest or rest[0][1] < n):
                    modal = top
        for outlet in outlets:
            values = reporters.get(outlet.pk)
            if values is None:
                state = MISSING
            elif claim.discrepancy and (modal is None or _normal(values[0]) != modal):
                state = DIFFERS
            else:
                state = REPORTED
            cells[(claim.pk, outlet.pk)] = Cell(state, [v for v in values or [] if v])
    return cells


def _state_of(raw) -> str:
    """Read a state from whatever shape claims.services gives a cell."""
    for attr in ("state", "status", "kind"):
        if hasattr(raw, attr):
            raw = getattr(raw, attr)
            break
    if isinstance(raw, dict):
        raw = raw.get("state") or raw.get("status") or ""
    text = str(raw or "").casefold()
    if "differ" in text:
        return DIFFERS
    if not text or "not" in text or "missing" in text or "absent" in text or text == "none":
        return MISSING
    return REPORTED


def coverage_matrix(event, outlets):
    """(claims, cells) for the claims × outlets matrix; cells keyed by
    (claim pk, outlet pk).

    claims.services.coverage_matrix holds the one definition of "differs"
    for the whole project; own_coverage stands in where it is missing.
    """
    try:
        from claims.services import coverage_matrix as service
    except ImportError:
        from claims.models import Claim, Evidence

        claims = list(Claim.objects.filter(event=event).exclude(status=Claim.Status.REJECTED))
        evidence = Evidence.objects.filter(claim__event=event).values_list("claim_id", "article__outlet_id", "value")
        return claims, own_coverage(claims, outlets, evidence)
    claims, _outlets, cells = service(event)
    if isinstance(cells, dict):
        lookup = {tuple(getattr(k, "pk", k) for k in key): raw for key, raw in cells.items()}
    else:
        ids = [getattr(o, "pk", o) for o in _outlets]
        lookup = {
            (claim.pk, outlet_id): raw for claim, row in zip(claims, cells) for outlet_id, raw in zip(ids, row)
        }
    result = {
        (claim.pk, outlet.pk): Cell(_state_of(lookup.get((claim.pk, outlet.pk)))) for claim in claims for outlet in outlets
    }
    return list(claims), result


# --- wording differences ------------------------------------------------------


def _fallback_word_diff(a: str, b: str):
    wa, wb = a.split(), b.split()
    ops = []
    matcher = difflib.SequenceMatcher(None, [w.casefold() for w in wa], [w.casefold() for w in wb], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("equal", " ".join(wb[j1:j2])))
        else:
            if i2 > i1:
                ops.append(("delete", " ".join(wa[i1:i2])))
            if j2 > j1:
                ops.append(("insert", " ".join(wb[j1:j2])))
    return ops


def word_diff(a: str, b: str):
    """Word-level differences from wording ``a`` to wording ``b``."""
    return list(_word_diff(a, b))


# Quote lists diff the same wordings on every visit; the diff of two
# strings never changes, so each process keeps the recent ones.
@functools.lru_cache(maxsize=8192)
def _word_diff(a: str, b: str):
    try:
        from articles.text.quote_groups import word_diff as service
    except ImportError:
        return tuple(_fallback_word_diff(a, b))
    return tuple(service(a, b))


def paragraphs(body: str):
    """(start, end) offsets of each paragraph of a cleaned body."""
    spans = []
    for match in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]*)*", body or ""):
        if match.group().strip():
            spans.append((match.start(), match.end()))
    return spans
