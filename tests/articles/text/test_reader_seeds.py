"""The five seed articles read against the hand-made answer key."""
import json

import pytest

from articles.text.reader import read_text
from tests.conftest import GOLD as KEY, SEEDS


def _key_articles():
    if not KEY.is_file():
        return []
    return json.loads(KEY.read_text(encoding="utf-8"))["articles"]


ARTICLES = _key_articles()
pytestmark = pytest.mark.skipif(not ARTICLES, reason=f"answer key {KEY} is absent")


@pytest.fixture(scope="module")
def parsed():
    return {a["file"]: read_text((SEEDS / a["file"]).read_text(encoding="utf-8")) for a in ARTICLES}


@pytest.mark.parametrize("key", ARTICLES, ids=[a["file"][:3] for a in ARTICLES])
def test_it_reads_the_metadata_the_key_gives(parsed, key):
    article = parsed[key["file"]]
    assert article.outlet == key["outlet"]
    if key["headline"] is None:
        assert article.headline_derived and article.headline
    else:
        assert (article.headline, article.headline_derived) == (key["headline"], False)
    assert article.byline == key["byline"]
    assert (article.published.isoformat() if article.published else None) == key["published"]
    assert article.dateline == key["dateline"]


@pytest.mark.parametrize("key", ARTICLES, ids=[a["file"][:3] for a in ARTICLES])
def test_it_leaves_no_clutter_or_furniture_in_the_body(parsed, key):
    paragraphs = parsed[key["file"]].body.split("\n\n")
    for line in key["noise_lines"] + key["metadata_lines"]:
        assert line.strip() not in paragraphs


@pytest.mark.parametrize("key", ARTICLES, ids=[a["file"][:3] for a in ARTICLES])
def test_it_keeps_every_article_line_once(parsed, key):
    article = parsed[key["file"]]
    paragraphs = article.body.split("\n\n")
    furniture = {line.strip() for line in key["noise_lines"] + key["metadata_lines"]}
    raw_lines = [line.strip() for line in article.raw.splitlines() if line.strip()]
    for line in raw_lines:
        if line not in furniture:
            # the only change allowed to article text: image-file residue at a line start
            assert line in paragraphs or line.split(".jpg", 1)[-1] in paragraphs
    assert len(paragraphs) == len(set(paragraphs))
    for prefix in key["duplicate_paragraphs"]:
        assert sum(p.startswith(prefix) for p in paragraphs) <= 1


def test_it_keeps_the_raw_text_verbatim(parsed):
    for name, article in parsed.items():
        assert article.raw == (SEEDS / name).read_text(encoding="utf-8")
