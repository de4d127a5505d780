"""An event's export as downloads: the JSON, the quotes CSV and the claims
CSV, written by the same code as ``manage.py export SLUG --public``."""
from functools import partial

from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from articles.models import Event
from claims.exporting import write_claims_csv, write_event_json, write_quotes_csv
from coverage_site.views.common import public_view

# name in the address: (writer, content type, file name suffix)
DOWNLOADS = {
    "json": (partial(write_event_json, public=True), "application/json", ".json"),
    "quotes-csv": (write_quotes_csv, "text/csv", "-quotes.csv"),
    "claims-csv": (partial(write_claims_csv, public=True), "text/csv", "-claims.csv"),
}


@public_view
def event_download(request, slug, name):
    event = get_object_or_404(Event, slug=slug)
    write, content_type, suffix = DOWNLOADS[name]
    response = HttpResponse(content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}{suffix}"'
    write(event, response)
    return response
