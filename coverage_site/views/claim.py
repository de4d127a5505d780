"""One claim: every outlet's sentence in its paragraph and how it tells it,
the values they give compared word by word, which outlet reported it first
and the outlets that do not report it."""
from collections import Counter

from django.http import Http404
from django.shortcuts import redirect, render

from claims.framing import framing_of, stored_stance
from claims.models import Claim
from coverage_site.framing import stance_look, stance_sentence
from coverage_site.queries import word_diff
from coverage_site.templatetags.parallax import Span, diff_html, highlight
from coverage_site.views.common import event_outlets, paragraph_around, public_view


@public_view
def claim_detail(request, pk):
    claim = Claim.objects.select_related("event").resolve(pk)
    if claim is None:
        raise Http404("No such claim")
    if claim.pk != pk:  # merged into another claim: its address moved for good
        return redirect(claim, permanent=True)
    outlets = event_outlets(claim.event)
    evidence = list(
        claim.evidence.select_related("article__outlet")
        # The body gives each sentence its paragraph; the raw text is not shown.
        .defer("article__raw_text", "article__signature", "article__search_vector")
        .order_by("article__outlet__name", "pk")
    )
    values = Counter(" ".join((e.value or "").split()) for e in evidence if e.value)
    # The value most outlets give is the one the others are compared with.
    common = values.most_common(1)[0][0] if values else ""
    items = []
    for item in evidence:
        body = item.article.body
        if item.start is not None and item.end is not None:
            start, end = paragraph_around(body, item.start, item.end)
            context = highlight(body[start:end], [Span(item.start, item.end, "evidence", "This claim")], start)
        else:
            context = highlight(item.excerpt, [])
        items.append(
            {
                "evidence": item,
                "context": context,
                "wording_diff": diff_html(word_diff(claim.statement, item.excerpt)),
                "stance": stance_look(*stored_stance(item)),
            }
        )
    reporting = {item.article.outlet_id for item in evidence}
    framing = framing_of(evidence)
    return render(
        request,
        "claims/claim_detail.html",
        {
            "claim": claim,
            "event": claim.event,
            "items": items,
            "missing": [o for o in outlets if o.pk not in reporting],
            "values": values.most_common(),
            "value_rows": value_rows(evidence, common) if len(values) > 1 else [],
            "common_value": common,
            "stance_line": stance_sentence(framing.outlets),
            "framing_differs": framing.differs,
            "first_reported_by": framing.first_reported_by,
        },
    )


def value_rows(evidence, common):
    """Each outlet's value word by word against the commonest value."""
    rows = []
    for item in evidence:
        value = " ".join((item.value or "").split())
        if value:
            rows.append({"outlet": item.article.outlet, "diff": diff_html(word_diff(common, value)), "same": value == common})
    return rows
