"""The event page's downloads are the export command's output, byte for byte."""
import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from claims.exporting import CLAIMS_CSV_COLUMNS, write_claims_csv
from claims.models import Claim
from tests.e2e.factories import build_event, make_claim, make_evidence

pytestmark = pytest.mark.django_db

DOWNLOADS = [
    ("articles:download_json", ["--format", "json"], "summit.json"),
    ("articles:download_quotes", ["--format", "csv"], "summit-quotes.csv"),
    ("articles:download_claims", ["--format", "claims-csv"], "summit-claims.csv"),
]


@pytest.fixture(autouse=True)
def _static_root(settings, tmp_path_factory):
    settings.STATIC_ROOT = str(tmp_path_factory.mktemp("static"))


@pytest.fixture
def event():
    event, articles = build_event(3)
    hidden = make_claim(event, "A claim a curator rejected.", status=Claim.Status.REJECTED)
    make_evidence(hidden, articles[0], "The talks were held in the capital.")
    # A cell a spreadsheet would run.
    make_claim(event, "=HYPERLINK(\"http://example.com\")")
    return event


def command_output(tmp_path, *args):
    out = tmp_path / "out"
    call_command("export", "summit", "--public", "--output", str(out), *args, stdout=io.StringIO())
    return out.read_bytes()


@pytest.mark.parametrize("url_name, args, filename", DOWNLOADS)
def test_each_download_is_the_commands_output_byte_for_byte(client, tmp_path, event, url_name, args, filename):
    response = client.get(reverse(url_name, args=[event.slug]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response.content == command_output(tmp_path, *args)


def test_downloads_leave_out_the_claims_the_site_hides(client, event):
    body = client.get(reverse("articles:download_json", args=[event.slug])).content.decode()
    assert "A claim a curator rejected." not in body
    everything = io.StringIO()
    call_command("export", "summit", stdout=everything)
    assert "A claim a curator rejected." in everything.getvalue()


def test_claims_csv_has_a_row_per_evidence_and_never_a_formula(event):
    out = io.StringIO()
    write_claims_csv(event, out, public=True)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == CLAIMS_CSV_COLUMNS
    by_statement = {}
    for row in rows[1:]:
        by_statement.setdefault(row[2], []).append(row)
    assert len(by_statement["The meeting lasted four hours."]) == 3  # one per article
    assert {r[9] for r in by_statement["The meeting lasted four hours."]} == {"three hours", "four hours"}
    assert by_statement["The meeting lasted four hours."][0][3] == "true"
    assert by_statement["The meeting lasted four hours."][0][10] == "duration"
    formula = by_statement["'=HYPERLINK(\"http://example.com\")"]
    assert formula[0][5:] == ["", "", "", "", "", ""]  # no evidence: one row, evidence cells empty


def test_claims_csv_takes_a_fixed_number_of_queries(django_assert_num_queries, event):
    with django_assert_num_queries(2):
        write_claims_csv(event, io.StringIO(), public=True)


def test_the_event_page_offers_the_downloads(client, event):
    html = client.get(event.get_absolute_url()).content.decode()
    for url_name, _args, _filename in DOWNLOADS:
        assert f'href="{reverse(url_name, args=[event.slug])}" download' in html


def test_an_unknown_event_has_no_download(client, event):
    assert client.get(reverse("articles:download_json", args=["nope"])).status_code == 404
