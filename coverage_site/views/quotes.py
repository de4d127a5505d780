"""An event's quotes: speakers, each with their utterances and every
outlet's wording of them, filtered by speaker, outlet and words."""
import functools

from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string

from articles.models import Event, Quote
from articles.shifts import attribution_shifts
from coverage_site import page_cache, queries
from coverage_site.framing import credit_line
from coverage_site.forms import QuoteFilterForm
from coverage_site.pagination import page_number
from coverage_site.utterances import group_utterances
from coverage_site.views.common import list_response, public_view


@public_view
def event_quotes(request, slug):
    event = get_object_or_404(Event, slug=slug)
    number = page_number(request)
    all_quotes = Quote.objects.filter(article__event=event)
    speaker_rows = page_cache.for_event(
        event,
        "quote-speakers",
        lambda: list(
            all_quotes.filter(speaker__isnull=False)
            .values("speaker_id", "speaker__slug", "speaker__name")
            .annotate(n=Count("pk"))
            .order_by("speaker__name")
        ),
    )
    outlet_rows = page_cache.for_event(
        event,
        "quote-outlets",
        lambda: list(
            event.articles.values("outlet__slug", "outlet__name").annotate(n=Count("pk")).order_by("outlet__name")
        ),
    )
    form = QuoteFilterForm(
        request.GET,
        speakers=[(r["speaker__slug"], f"{r['speaker__name']} ({r['n']})") for r in speaker_rows],
        outlets=[(r["outlet__slug"], r["outlet__name"]) for r in outlet_rows],
    )
    values, messages = form.filters()
    quotes = all_quotes
    speaker = values.get("speaker")
    if speaker == QuoteFilterForm.UNATTRIBUTED:
        quotes = quotes.filter(speaker__isnull=True)
    elif speaker:
        quotes = quotes.filter(speaker__slug=speaker)
    if values.get("outlet"):
        quotes = quotes.filter(article__outlet__slug=values["outlet"])
    if values.get("q"):
        quotes = queries.search_quotes(values["q"], quotes)
    names = {r["speaker_id"]: r["speaker__name"] for r in speaker_rows}

    def quote_list():
        sections, counts = group_utterances(quotes, number, names)
        # A shift is between all the event's outlets, whatever the filters show.
        shifts = attribution_shifts(event)
        for section in sections:
            for utterance in section["utterances"]:
                if utterance.group and utterance.group.pk in shifts:
                    utterance.shift = credit_line(shifts[utterance.group.pk])
        context = {"event": event, "messages_": messages, "sections": sections, "filtered": bool(values), **counts}
        return render_to_string("articles/event_quotes.html#quote-list", context, request)

    return list_response(
        request,
        "articles/event_quotes.html",
        "quote-list",
        quote_list,
        {"event": event, "form": form},
        functools.partial(page_cache.for_event, event),
        list(form.fields),
    )
