"""The evaluate command reads all three shapes of key and names what is wrong with a bad one."""
import json
import os
import shutil
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from claims.evaluation import KeyFormatError, load_key
from tests.conftest import FACTS, GOLD, ROOT_DIR


def test_it_reads_an_article_key_and_a_fact_key():
    assert load_key(GOLD).has_article_list
    facts = load_key(FACTS)
    assert facts.facts and not facts.has_article_list
    assert set(facts.files) <= {a["file"] for a in load_key(GOLD).data["articles"]}


def test_it_reads_a_fact_key_grouped_by_event(tmp_path):
    key = tmp_path / "k.json"
    fact = {"id": "f", "statement": "s", "reported_by": {"a.jsonl": ["x"], "b.jsonl": ["y"]}}
    key.write_text(json.dumps({"ev1": {"facts": [fact]}, "ev2": {"facts": [dict(fact, id="g")]}}))
    loaded = load_key(key)
    assert [f["id"] for f in loaded.facts] == ["f", "g"] and loaded.files == ["a.jsonl", "b.jsonl"]


@pytest.mark.parametrize("key, message", [
    ({"articles": [{"file": "a.txt", "quotes": [{"text": "x"}]}]}, "articles[0].quotes[0] has no str 'kind'"),
    ({"facts": [{"id": "f", "reported_by": {}}]}, "facts[0] has no str 'statement'"),
    ({"articles": {"a.jsonl": {"outlet": "X"}}}, "articles['a.jsonl'] has no str 'event'"),
    ({"title": "nothing"}, "not an answer key"),
])
def test_a_malformed_key_is_one_line_naming_the_entry_and_field(tmp_path, key, message):
    path = tmp_path / "key.json"
    path.write_text(json.dumps(key))
    with pytest.raises(KeyFormatError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_key(path)
    with pytest.raises(CommandError) as raised:
        call_command("evaluate", str(path))
    assert raised.value.returncode == 2 and "\n" not in str(raised.value)


def test_an_html_article_is_compared_after_cleaning(tmp_path):
    """Run as a user would, in its own process: evaluate makes its own database."""
    page = ROOT_DIR / "tests" / "articles" / "text" / "samples" / "page.html"
    shutil.copy(page, tmp_path / "page.html")
    key = tmp_path / "key.json"
    key.write_text(json.dumps({"articles": [{"file": "page.html", "outlet": "The Guardian",
                                             "headline": "Port strike spreads to southern docks"}]}))
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/unused.sqlite3"}
    done = subprocess.run([sys.executable, "manage.py", "evaluate", str(key), "--only", "metadata"],
                          cwd=ROOT_DIR, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "sentences_lost: 0" in done.stdout and "headline_accuracy: 1.000" in done.stdout


def test_plain_copies_keep_only_title_and_text(tmp_path):
    from claims.evaluation import plain_copies

    source = tmp_path / "a.jsonl"
    source.write_text(json.dumps({"title": "Quake hits", "text": "One.\n\nTwo.", "published": "2020-01-02",
                                  "url": "https://example.org/a"}) + "\n")
    out = tmp_path / "plain"
    out.mkdir()
    [copy] = plain_copies([source], out)
    assert copy.name == "a.txt" and copy.read_text() == "Quake hits\n\nOne.\n\nTwo."
    source.write_text(source.read_text() * 2)
    with pytest.raises(KeyFormatError, match="one article per JSON Lines file, not 2"):
        plain_copies([source], out)
