"""Two to four articles of one event side by side: a summary of where they
disagree and what only one of them reports, then sentences that report the
same fact on one row, and what each says that no fact covers.

Everything is said of the chosen articles only: whether they disagree is
decided on their own values, not on the claim's note about all outlets."""
from collections import defaultdict

from django.shortcuts import get_object_or_404

from articles.models import Article, Event, Quote
from claims.models import Claim, Evidence
from coverage_site import page_cache, queries
from coverage_site.forms import CompareForm
from coverage_site.queries import word_diff
from coverage_site.templatetags.parallax import diff_html, highlight
from coverage_site.views.common import page, public_view, quote_spans, wants_fragment


@public_view
def compare(request, slug):
    event = get_object_or_404(Event, slug=slug)
    # The picker lists every article of the event: its rows are kept until
    # the event changes.
    rows = page_cache.for_event(
        event,
        "compare-rows",
        lambda: list(
            event.articles.order_by("outlet__name", "published", "pk").values("pk", "headline", "outlet__name")
        ),
    )
    form = CompareForm(
        request.GET if "a" in request.GET else None,
        articles=[(r["pk"], f"{r['outlet__name']}: {r['headline']}") for r in rows],
    )
    values, messages = form.filters()
    chosen_ids = values.get("a", [])
    by_pk = {a.pk: a for a in Article.objects.select_related("outlet").defer("raw_text", "search_vector").filter(pk__in=chosen_ids)}
    chosen = [by_pk[pk] for pk in chosen_ids if pk in by_pk]
    if "a" in request.GET and len(chosen) < CompareForm.MIN:
        messages.append("Choose at least two articles to compare.")
    context = {"event": event, "form": form, "messages_": messages, "chosen": chosen, "n_columns": len(chosen)}
    if not wants_fragment(request):
        checked = set(chosen_ids)
        context["picker_rows"] = [{**row, "checked": row["pk"] in checked} for row in rows]
    if len(chosen) >= CompareForm.MIN:
        context.update(comparison(chosen))
    return page(request, "articles/compare.html", "comparison", context)


def comparison(chosen):
    ids = [a.pk for a in chosen]
    evidence = list(
        Evidence.objects.filter(article_id__in=ids)
        .exclude(claim__status__in=Claim.HIDDEN_STATUSES)
        .select_related("claim")
        .order_by("claim_id", "article_id", "pk")
    )
    quotes = list(Quote.objects.filter(article_id__in=ids).select_related("speaker").order_by("start"))
    quotes_of = defaultdict(list)
    for quote in quotes:
        quotes_of[quote.article_id].append(quote)

    by_claim = defaultdict(dict)
    claims = {}
    for item in evidence:
        claims[item.claim_id] = item.claim
        by_claim[item.claim_id].setdefault(item.article_id, item)

    rows = []
    for claim_id, found in by_claim.items():
        cells = []
        for article in chosen:
            item = found.get(article.pk)
            if item is None:
                cells.append({"article": article, "evidence": None})
                continue
            if item.start is not None and item.end is not None:
                html = highlight(article.body[item.start : item.end], quote_spans(quotes_of[article.pk]), item.start)
            else:
                html = highlight(item.excerpt, [])
            cells.append({"article": article, "evidence": item, "html": html})
        reporters = [c["article"] for c in cells if c["evidence"]]
        values = {value_key(c["evidence"].value) for c in cells if c["evidence"] and c["evidence"].value}
        if len(values) > 1:
            mark_value_differences(cells)
        rows.append(
            {
                "claim": claims[claim_id],
                "cells": cells,
                "only": reporters[0] if len(reporters) == 1 else None,
                "n": len(reporters),
                "differs": len(reporters) > 1 and len(values) > 1,
            }
        )
    rows.sort(key=lambda r: (not r["differs"], -r["n"], r["claim"].pk))

    # What each article says that no aligned claim covers.
    covered = defaultdict(list)
    for item in evidence:
        if item.start is not None and item.end is not None:
            covered[item.article_id].append((item.start, item.end))
    rest = []
    for article in chosen:
        paras = []
        for start, end in queries.paragraphs(article.body):
            if any(s < end and e > start for s, e in covered[article.pk]):
                continue
            paras.append(highlight(article.body[start:end], quote_spans(quotes_of[article.pk]), start))
        rest.append({"article": article, "paragraphs": paras})
    single_rows = [r for r in rows if r["n"] == 1]
    return {
        "rows": rows,
        "differing_rows": [r for r in rows if r["differs"]],
        "agreed_rows": [r for r in rows if r["n"] > 1 and not r["differs"]],
        "single_rows": single_rows,
        "only_in": [
            {"article": article, "rows": [r for r in single_rows if r["only"] == article]} for article in chosen
        ],
        "rest": rest,
    }


def mark_value_differences(cells):
    """Give each cell's value a word diff against the first value in the row."""
    given = [c for c in cells if c["evidence"] and c["evidence"].value]
    first = given[0]["evidence"].value
    for cell in given[1:]:
        cell["value_diff"] = diff_html(word_diff(first, cell["evidence"].value))


def value_key(value):
    """A value as compared: case, spacing and punctuation aside."""
    return " ".join(word.strip(".,;:!?\"'()") for word in value.casefold().split())
