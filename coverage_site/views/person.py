"""One person: every name they go by, and what they said, event by event."""
import hashlib

from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string

from articles.models import Person, PersonAlias, Quote
from coverage_site import page_cache, queries
from coverage_site.forms import PersonQuoteFilterForm
from coverage_site.pagination import page_number
from coverage_site.utterances import event_utterances
from coverage_site.views.common import list_response, public_view


@public_view
def person_detail(request, slug):
    person = get_object_or_404(Person.objects.prefetch_related(Prefetch("aliases", PersonAlias.objects.order_by("name"))), slug=slug)
    number = page_number(request)
    all_quotes = Quote.objects.filter(speaker=person)
    outlet_rows = list(
        all_quotes.values("article__outlet__slug", "article__outlet__name").annotate(n=Count("pk")).order_by("article__outlet__name")
    )
    form = PersonQuoteFilterForm(
        request.GET, outlets=[(r["article__outlet__slug"], f"{r['article__outlet__name']} ({r['n']})") for r in outlet_rows]
    )
    values, messages = form.filters()
    quotes = all_quotes
    if values.get("outlet"):
        quotes = quotes.filter(article__outlet__slug=values["outlet"])
    if values.get("q"):
        quotes = queries.search_quotes(values["q"], quotes)

    def person_quotes():
        sections, counts = event_utterances(quotes, number)
        context = {"person": person, "messages_": messages, "sections": sections, **counts}
        return render_to_string("articles/person_detail.html#person-quotes", context, request)

    def keep(name, compute):
        # Their quotes span events: kept until any event changes. The list
        # shows the person's name and slug, which are in the key, so a
        # person quoted nowhere yet still shows a new name at once.
        shown = hashlib.sha256(f"{person.slug}\0{person.name}".encode()).hexdigest()[:16]
        return page_cache.for_site(f"person:{person.pk}:{shown}:{name}", compute)

    context = {
        "person": person,
        "aliases": sorted({a.name for a in person.aliases.all()} - {person.name}),
        "form": form,
        "n_total": sum(r["n"] for r in outlet_rows),
        "outlet_rows": outlet_rows,
    }
    return list_response(
        request, "articles/person_detail.html", "person-quotes", person_quotes, context, keep, list(form.fields)
    )
