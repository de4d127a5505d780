"""Reusable reads for the public pages: search, counts, snippets, diffs.

Every function here runs a fixed number of queries whatever the data size,
so the pages that call them do too (the view tests pin the counts).
"""
from __future__ import annotations

import functools
import re

import snowballstemmer

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Lower
from django.utils.html import format_html
from django.utils.safestring import SafeString

from articles.models import Article, Event, Mention, Person, PersonAlias, Quote
from articles.text.quote_groups import word_diff as diff_words
from claims.models import Claim, Evidence
from coverage_site.pagination import Counted
from coverage_site.templatetags.parallax import Span, highlight

# Full-text search. PostgreSQL: the ``english`` configuration, with
# Article.search_vector and Quote.search_vector kept by triggers
# (articles/migrations/0005) and claims' text parsed at query time (an
# event has dozens of claims, not thousands). SQLite: FTS5 tables with the
# porter tokenizer, kept by triggers (articles 0010, claims 0006). Both
# stem, so "detainees" finds "detained".
SEARCH_CONFIG = "english"
ARTICLE_SEARCH_FIELDS = ("headline", "body")
QUOTE_SEARCH_FIELDS = ("text",)

# Ranking reads every match's stored words; for a common word that is
# thousands of rows, so the search page ranks the newest this many matches
# (found first, by id, in a query of their own so that the ranking query
# reads just those rows by primary key).
SEARCH_CANDIDATES = 300

# A search is words and "quoted phrases"; every one must match.
_TERM = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+")


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def search_terms(q: str) -> list[str]:
    """The words and quoted phrases of ``q`` that contain a letter or digit."""
    found = (phrase or word for phrase, word in _TERM.findall(q or ""))
    return list(dict.fromkeys(t.strip() for t in found if _WORD.search(t)))


@functools.cache
def _stemmer(algorithm: str):
    return snowballstemmer.stemmer(algorithm)


def stem_word(word: str) -> str:
    """``word`` as the database's search stems it: Snowball ``english`` on
    PostgreSQL, the FTS5 ``porter`` tokenizer on SQLite."""
    return _stemmer("english" if uses_postgres() else "porter").stemWord(word.casefold())


# The stemmers keep the final e of "-ee" nouns: "detainees" stems to
# "detaine", "detained" to "detain". A one-word term whose stem ends in e is
# searched as a prefix without it ("detain*": detained, detainee, detainees),
# when that leaves at least this many letters ("state" stays "state", not
# "stat*", which would find "station"). benchmarks/search_words.py, devset
# vocabulary, inflections as the key: stems alone precision 0.794 recall
# 0.939; with the rule at 4 letters 0.783/0.940, at 5 0.793/0.939.
MIN_PREFIX = 5


def stem_prefix(term: str) -> str | None:
    """The prefix a one-word ``term`` is searched by, or None (its stem is)."""
    words = _WORD.findall(term)
    if len(words) != 1:
        return None
    stem = stem_word(words[0])
    return stem[:-1] if stem.endswith("e") and len(stem) - 1 >= MIN_PREFIX else None


def _pg_query(term) -> SearchQuery:
    prefix = stem_prefix(term)
    if prefix:
        return SearchQuery(f"'{prefix}':*", config=SEARCH_CONFIG, search_type="raw")
    return SearchQuery(term, config=SEARCH_CONFIG, search_type="phrase")


def _text_match(field_or_table, term):
    """A Q for rows whose stemmed text has ``term`` (a word or phrase).

    ``field_or_table`` is ("vector", field) for a stored search vector,
    ("text", field) for a text column parsed at query time, and the table
    behind either on SQLite, whose FTS5 table is "<table>_fts".
    """
    (how, field), table = field_or_table
    if uses_postgres():
        query = _pg_query(term)
        return Q(**{field: query}) if how == "vector" else Q(**{f"{field}__search": query})
    fts = f"{table}_fts"
    prefix = stem_prefix(term)
    phrase = f'"{prefix}"*' if prefix else '"' + term.replace('"', '""') + '"'
    return Q(pk__in=RawSQL(f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s", [phrase]))


ARTICLE_TEXT = (("vector", "search_vector"), "articles_article")
QUOTE_TEXT = (("vector", "search_vector"), "articles_quote")
CLAIM_TEXT = (("text", "statement"), "claims_claim")
EVIDENCE_TEXT = (("text", "excerpt"), "claims_evidence")


def _name_match(term, prefix=""):
    """A Q for people (or rows whose ``prefix`` leads to a person) one of
    whose names or aliases has a word starting with ``term``."""
    def starts_word(field):
        return Q(**{f"{field}__istartswith": term}) | Q(**{f"{field}__icontains": " " + term})

    aliases = PersonAlias.objects.filter(starts_word("name")).values("person")
    return starts_word(f"{prefix}name") | Q(**{f"{prefix}pk__in": aliases})


def _all_terms(q, match):
    """Rows for which ``match(term)`` holds for every term of ``q``, or None
    when ``q`` has no term."""
    terms = search_terms(q)
    if not terms:
        return None
    return functools.reduce(lambda a, b: a & b, (match(t) for t in terms))


def _rank_query(q):
    return functools.reduce(lambda a, b: a & b, map(_pg_query, search_terms(q)))


def article_condition(q):
    return _all_terms(q, lambda t: _text_match(ARTICLE_TEXT, t))


def quote_condition(q, by_speaker=False):
    """Quotes with every term of ``q`` in their words or, with ``by_speaker``,
    in their speaker's names ("Crocker troops": his quotes about troops)."""
    if by_speaker:
        return _all_terms(q, lambda t: _text_match(QUOTE_TEXT, t) | _name_match(t, "speaker__"))
    return _all_terms(q, lambda t: _text_match(QUOTE_TEXT, t))


def claim_condition(q):
    """Claims with every term of ``q`` in the statement or in one piece of evidence."""
    def match(term):
        evidence = Evidence.objects.filter(_text_match(EVIDENCE_TEXT, term)).values("claim")
        return _text_match(CLAIM_TEXT, term) | Q(pk__in=evidence)

    return _all_terms(q, match)


def person_condition(q):
    return _all_terms(q, _name_match)


def _search(qs, condition):
    return qs.none() if condition is None else qs.filter(condition)


def _ranked(qs, condition, q, rank_field=None) -> Counted:
    """The newest SEARCH_CANDIDATES rows of ``qs`` that meet ``condition``,
    with their number (so paging them needs no COUNT); on PostgreSQL, with a
    ``rank_field`` search vector, best first."""
    if condition is None:
        return Counted(qs.none(), 0)
    newest = list(qs.filter(condition).order_by("-pk").values_list("pk", flat=True)[:SEARCH_CANDIDATES])
    ranked = qs.filter(pk__in=newest)
    if not ranked.ordered:
        ranked = ranked.order_by("-pk")
    if newest and rank_field and uses_postgres():
        ranked = ranked.annotate(rank=SearchRank(F(rank_field), _rank_query(q))).order_by("-rank", "-pk")
    return Counted(ranked, len(newest))


def search_articles(q, qs=None):
    """Articles matching the words of ``q``, in no particular order."""
    return _search(Article.objects.all() if qs is None else qs, article_condition(q))


def search_quotes(q, qs=None):
    """Quotes whose words match ``q``, in no particular order."""
    return _search(Quote.objects.all() if qs is None else qs, quote_condition(q))


def ranked_articles(q, qs) -> Counted:
    return _ranked(qs, article_condition(q), q, "search_vector")


def ranked_quotes(q, qs) -> Counted:
    """Quotes by their words or their speaker's names, best first."""
    return _ranked(qs, quote_condition(q, by_speaker=True), q, "search_vector")


def ranked_claims(q, qs) -> Counted:
    return _ranked(qs, claim_condition(q), q)


def ranked_people(q, qs) -> Counted:
    return _ranked(qs, person_condition(q), q)


def word_spans(text: str, q: str) -> list[Span]:
    """Where the words of ``q`` are in ``text``, compared stem to stem as the
    database compares them (a phrase's words are marked one by one)."""
    terms = search_terms(q)
    stems = {stem_word(w) for term in terms for w in _WORD.findall(term)}
    prefixes = tuple(p for p in map(stem_prefix, terms) if p)
    spans = []
    for m in _WORD.finditer(text or ""):
        stem = stem_word(m.group())
        if stem in stems or (prefixes and stem.startswith(prefixes)):
            spans.append(Span(m.start(), m.end(), "match"))
    return spans


def name_spans(name: str, q: str) -> list[Span]:
    """The words of ``name`` that a term of ``q`` starts (as _name_match finds them)."""
    terms = [t.casefold() for t in search_terms(q)]
    return [
        Span(m.start(), m.end(), "match")
        for m in re.finditer(r"\S+", name or "")
        if any(m.group().casefold().startswith(t) for t in terms)
    ]


def marked(text: str, spans) -> SafeString:
    """``text`` escaped, with ``spans`` marked."""
    return highlight(text or "", spans)


def snippet(text: str, q: str, width: int = 220) -> SafeString:
    """A window of ``text`` around the first word of ``q`` in it, escaped,
    with every word of ``q`` in the window marked."""
    spans = word_spans(text, q)
    at = spans[0].start if spans else 0
    start = max(0, at - width // 3) if len(text) > width else 0
    end = min(len(text), start + width)
    window = highlight(text[start:end], spans, offset=start)
    return format_html("{}{}{}", "…" if start else "", window, "…" if end < len(text) else "")


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
