"""The five seed articles against the answer key, as the import would see them."""

import pytest

from articles.scoring.quotes import score_people, score_quotes
from articles.text.analyse import analyse
from articles.text.names import match_person, name_keys
from articles.text.reader import read_text
from tests.conftest import SEEDS


def build_export(nlp, files):
    """Analyse each seed and store people the way the database does: every
    cluster is looked up by its name keys among the people stored so far and
    matched with match_person, article by article in order."""
    people = []  # [id, canonical, aliases, keys]
    articles, quotes = [], []
    for n, path in enumerate(files, start=1):
        body = read_text(path.read_text(encoding="utf-8")).body
        analysis = analyse(body, nlp(body))
        ids = []
        for cluster in analysis.people:
            keys = {k for a in [cluster.name, *cluster.aliases] for k in name_keys(a)}
            cands = [(p[0], p[1], p[2]) for p in people if p[3] & keys]
            pid = match_person(cluster, cands)
            if pid is None:
                pid = len(people) + 1
                people.append([pid, cluster.name, [], set()])
            person = people[pid - 1]
            for alias in [cluster.name, *cluster.aliases]:
                if alias not in person[2]:
                    person[2].append(alias)
            person[3] |= keys
            ids.append(pid)
        articles.append({"id": n, "source": path.name, "body": body})
        for q in analysis.quotes:
            assert body[q.start:q.end] == q.text
            speaker = people[ids[q.speaker] - 1][1] if q.speaker is not None else None
            quotes.append({"article": n, "speaker": speaker, "text": q.text, "kind": q.kind,
                           "start": q.start, "end": q.end})
    return {"articles": articles, "quotes": quotes,
            "people": [{"name": p[1], "aliases": p[2]} for p in people]}


@pytest.fixture(scope="module")
def seed_export(nlp, gold):
    return build_export(nlp, [SEEDS / a["file"] for a in gold["articles"]])


@pytest.fixture(scope="module")
def section(gold, seed_export):
    return score_quotes(gold, seed_export)


def test_direct_quotes_are_found_precisely(section):
    assert section.metrics["direct_precision"] >= 0.95, section.lines
    assert section.metrics["direct_recall"] >= 0.95, section.lines


def test_partial_quotes_are_found(section):
    assert section.metrics["partial_recall"] >= 0.80, section.lines


def test_speakers_are_the_right_people(section):
    assert section.metrics["speaker_accuracy"] == 1.0, section.lines


def test_every_name_variant_group_is_one_person_and_no_two_are_merged(gold, seed_export):
    people = score_people(gold, seed_export)
    assert people.metrics["people_split_errors"] == 0, people.lines
    assert people.metrics["people_merge_errors"] == 0, people.lines


def test_it_finds_roles_from_the_text(nlp):
    body = read_text((SEEDS / "000_d86480170fb53910.txt").read_text()).body
    people = {p.name: p for p in analyse(body, nlp(body)).people}
    assert people["Ryan Crocker"].role == "US ambassador to Iraq"
    assert "Crocker" in people["Ryan Crocker"].aliases
