import csv
import io
import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Event
from articles.services import forward_slugs
from claims.text.values import KINDS

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def export(*args):
    out = StringIO()
    call_command("export", *args, stdout=out)
    return out.getvalue()


def test_json_export_has_every_key_of_the_contract(seeded):
    data = json.loads(export("talks"))
    assert set(data) >= {"event", "outlets", "people", "articles", "quotes", "claims"}
    assert set(data["event"]) >= {"slug", "title", "date"}
    assert len(data["articles"]) == 5
    for article in data["articles"]:
        assert set(article) >= {"id", "source", "outlet", "headline", "byline", "published", "dateline", "body"}
    for person in data["people"]:
        assert set(person) >= {"name", "aliases"}
    for quote in data["quotes"]:
        assert set(quote) >= {"article", "speaker", "text", "kind", "start", "end"}
        assert quote["kind"] in ("direct", "partial")
    for claim in data["claims"]:
        assert set(claim) >= {"id", "statement", "status", "discrepancy", "discrepancy_note", "evidence"}
        for item in claim["evidence"]:
            assert set(item) >= {"article", "excerpt", "value"}
    assert {o["name"] for o in data["outlets"]} == {a["outlet"] for a in data["articles"]}


def test_each_claim_names_the_kind_of_value_its_outlets_give_differently(seeded):
    claims = json.loads(export("talks"))["claims"]
    kinds = [claim["discrepancy_kind"] for claim in claims]
    assert set(kinds) <= {None, *KINDS}
    assert "victims" in kinds  # the two tolls of the Baghdad bombing
    assert all((claim["discrepancy_kind"] is None) or claim["discrepancy"] for claim in claims)


def test_quote_offsets_point_at_the_quote_in_the_body(seeded):
    data = json.loads(export("talks"))
    bodies = {a["id"]: a["body"] for a in data["articles"]}
    assert len(data["quotes"]) > 20
    for quote in data["quotes"]:
        assert bodies[quote["article"]][quote["start"] : quote["end"]] == quote["text"]


def test_evidence_excerpts_are_sentences_of_the_body(seeded):
    data = json.loads(export("talks"))
    bodies = {a["id"]: a["body"] for a in data["articles"]}
    for claim in data["claims"]:
        for item in claim["evidence"]:
            assert item["excerpt"] in bodies[item["article"]]


def test_csv_export_is_the_quotes_table(seeded, tmp_path):
    target = tmp_path / "quotes.csv"
    call_command("export", "talks", "--format", "csv", "--output", str(target))
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    data = json.loads(export("talks"))
    assert len(rows) == len(data["quotes"])
    assert {"outlet", "headline", "speaker", "text"} <= set(rows[0])


def test_list_prints_slug_count_and_title(seeded):
    line = export("--list").strip()
    slug, count, title = line.split("\t")
    assert (slug, count) == ("talks", "5")


def test_an_unknown_slug_is_a_usage_error():
    with pytest.raises(CommandError, match="no event with slug 'nope'") as error:
        export("nope")
    assert error.value.returncode == 2


def test_a_former_slug_exports_the_event_it_leads_to(seeded):
    forward_slugs({"baghdad-talks": seeded.pk})  # as a rename or a merge leaves it
    out, err = StringIO(), StringIO()
    call_command("export", "baghdad-talks", stdout=out, stderr=err)
    assert out.getvalue() == export("talks")
    assert json.loads(out.getvalue())["event"]["slug"] == "talks"
    assert "baghdad-talks is now talks" in err.getvalue()


def test_a_slug_a_live_event_holds_exports_that_event_not_its_forwarding(seeded):
    other = Event.objects.create(slug="other", title="Other")
    forward_slugs({"talks": other.pk})  # stale: the live event wins
    assert json.loads(export("talks"))["event"]["slug"] == "talks"


def test_an_unknown_slug_exits_2_from_the_shell(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    run = dict(cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], check=True, **run)
    result = subprocess.run([sys.executable, "manage.py", "export", "no-such-event"], **run)
    assert result.returncode == 2
    assert "no event with slug 'no-such-event'" in result.stderr
    assert "Traceback" not in result.stderr


def test_list_takes_no_slug():
    with pytest.raises(CommandError, match="--list takes no event slug") as raised:
        export("--list", "extra-arg")
    assert raised.value.returncode == 2


@pytest.mark.parametrize("command", [["export", "one", "--format", "csv"], ["ingest", "{seeds}"]])
def test_a_closed_pipe_ends_the_command_quietly(tmp_path, command):
    """`manage.py export SLUG | head` and `manage.py ingest DIR | head`: no traceback."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3", "PYTHONUNBUFFERED": "1"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "ingest", str(ROOT / "seeds"), "--event", "one"], cwd=ROOT, env=env,
                   check=True, capture_output=True)
    args = [a.format(seeds=ROOT / "seeds") for a in command]
    process = subprocess.Popen([*manage, *args], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.readline()
    process.stdout.close()  # the reader goes away after one line
    err = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait(timeout=300) == 0, err
    assert "Traceback" not in err and "BrokenPipe" not in err


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\")", "+cmd|' /C calc'!A0", "@SUM(A1)", "-2+3", "\tx", "\rx"])
def test_csv_cells_never_start_a_formula(text):
    from claims.exporting import SafeWriter

    out = io.StringIO()
    SafeWriter(out).writerow([text, 7, "plain"])
    cell = next(csv.reader(io.StringIO(out.getvalue())))
    assert cell == ["'" + text, "7", "plain"]
