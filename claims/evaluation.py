"""Score what Parallax extracts against an answer key (the ``evaluate`` command).

Three shapes of key are read (docs/evaluation.md describes each):

- an article key (``seeds.json``): ``articles`` is a list of objects with a
  ``file``, plus ``quotes``, ``people``, ``facts`` and metadata;
- a development-set key (``devset/basil/key.json``): ``articles`` maps each
  file to its ``event``, ``outlet``, ``published`` and ``title``, and
  ``quote_speakers`` lists quotations with the speaker annotators marked;
- an exhaustive fact key (``seeds-facts.json``): ``{"facts": [...]}`` or
  ``{"<event folder>": {"facts": [...]}}``, whose ``reported_by`` names the files.

The key's articles are imported into a throw-away database (the real one is
never touched), exported, and handed to each scorer that applies to the key.
"""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connections

from articles.scoring import Section
from articles.scoring.events import score_events
from articles.scoring.metadata import score_metadata
from articles.scoring.quotes import score_people, score_quotes
from articles.scoring.speakers import score_speakers
from articles.sources import JSONL_SUFFIXES
from claims.scoring import score_claim_pairs, score_claims


class KeyFormatError(ValueError):
    """A key that cannot be read; the message names the file, entry and field."""


@dataclass
class Key:
    path: Path
    data: dict
    files: list[str]  # article files the key covers, in key order
    facts: list[dict] = field(default_factory=list)  # every event's facts, one list

    @property
    def has_article_list(self) -> bool:
        return isinstance(self.data.get("articles"), list)

    @property
    def has_article_map(self) -> bool:
        return isinstance(self.data.get("articles"), dict)


def load_key(path: str | Path) -> Key:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise KeyFormatError(f"cannot read {path}: {exc.strerror}") from None
    except ValueError as exc:
        raise KeyFormatError(f"{path} is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise KeyFormatError(f"{path}: the key must be a JSON object")
    facts = _facts(path, data)
    articles = data.get("articles")
    if isinstance(articles, list):
        for i, entry in enumerate(articles):
            _need(path, f"articles[{i}]", entry, "file", str)
            for j, quote in enumerate(entry.get("quotes") or []):
                for name in ("text", "kind"):
                    _need(path, f"articles[{i}].quotes[{j}]", quote, name, str)
        files = [a["file"] for a in articles]
    elif isinstance(articles, dict):
        for name, entry in articles.items():
            _need(path, f"articles[{name!r}]", entry, "event", str)
        files = list(articles)
    elif facts:
        files = list(dict.fromkeys(f for fact in facts for f in fact["reported_by"]))
    else:
        raise KeyFormatError(f"{path}: no 'articles' and no 'facts': not an answer key")
    for i, quote in enumerate(data.get("quote_speakers", []) or []):
        for name in ("file", "text", "speaker"):
            _need(path, f"quote_speakers[{i}]", quote, name, str)
    return Key(path=path, data=data, files=files, facts=facts)


def _facts(path: Path, data: dict) -> list[dict]:
    if isinstance(data.get("facts"), list):
        groups = {"": data}
    elif "articles" not in data and data and all(isinstance(v, dict) and "facts" in v for v in data.values()):
        groups = data
    else:
        return []
    facts = []
    for event, group in groups.items():
        where = f"{event}." if event else ""
        for i, fact in enumerate(group["facts"]):
            entry = f"{where}facts[{i}]"
            _need(path, entry, fact, "id", str)
            _need(path, entry, fact, "statement", str)
            _need(path, entry, fact, "reported_by", dict)
            facts.append(fact)
    return facts


def _need(path: Path, entry: str, value, name: str, kind: type) -> None:
    if not isinstance(value, dict):
        raise KeyFormatError(f"{path}: {entry} is not an object")
    if not isinstance(value.get(name), kind):
        raise KeyFormatError(f"{path}: {entry} has no {kind.__name__} {name!r}")


def find_articles(key: Key, given: str | Path | None, project_seeds: Path) -> tuple[Path, list[Path]]:
    """The folder holding the key's files: the one given, else beside the key."""
    if given:
        places = [Path(given)]
    else:
        here = key.path.resolve().parent
        places = [here / "articles", here, here.parent / "seeds", project_seeds]
    for place in places:
        paths = [place / name for name in key.files]
        if paths and all(p.is_file() for p in paths):
            return place, paths
    raise KeyFormatError(
        f"the key's article files are not in {' or '.join(map(str, places))} (use --articles DIR)"
    )


@dataclass
class Scorer:
    """One section of the report, for keys that carry what it needs."""

    name: str
    score: Callable[..., Section]
    applies: Callable[[Key], bool]


@contextmanager
def throwaway_database():
    """Point the default connection at a new, migrated database, then drop it."""
    connection = connections["default"]
    test_settings = connection.settings_dict.setdefault("TEST", {})
    saved_test_name, saved_name = test_settings.get("NAME"), connection.settings_dict["NAME"]
    scratch = None
    if connection.vendor == "sqlite":
        scratch = tempfile.NamedTemporaryFile(prefix="parallax-eval-", suffix=".sqlite3", delete=False)
        scratch.close()
        test_settings["NAME"] = scratch.name
    else:
        test_settings["NAME"] = f"parallax_eval_{os.getpid()}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(saved_name, verbosity=0)
        test_settings["NAME"] = saved_test_name
        if scratch is not None and os.path.exists(scratch.name):
            os.unlink(scratch.name)


def plain_copies(paths: list[Path], folder: Path) -> list[Path]:
    """Each JSON Lines article of ``paths`` as a plain text file in ``folder``:
    its title, a blank line and its text, with no date or other field, the
    way an article copied from a page arrives. Other files are used as they are.
    """
    copies = []
    for path in paths:
        if path.suffix.lower() not in JSONL_SUFFIXES:
            copies.append(path)
            continue
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        if len(lines) != 1:
            raise KeyFormatError(f"{path}: --plain needs one article per JSON Lines file, not {len(lines)}")
        try:
            record = json.loads(lines[0])
            text = record["text"]
        except (ValueError, TypeError, KeyError):
            raise KeyFormatError(f"{path}: not a JSON Lines article with a \"text\"") from None
        copy = folder / f"{path.stem}.txt"
        title = (record.get("title") or "").strip() if isinstance(record.get("title"), str) else ""
        copy.write_text(f"{title}\n\n{text}" if title else text, encoding="utf-8")
        copies.append(copy)
    return copies


def _article_key(key: Key) -> bool:
    return key.has_article_list


# Each report section, and which keys it applies to. A new measure is one row.
SCORERS = [
    Scorer("metadata", lambda key, export, raw: score_metadata(key.data, export, raw_files=raw), _article_key),
    Scorer("quotes", lambda key, export, raw: score_quotes(key.data, export), _article_key),
    Scorer("people", lambda key, export, raw: score_people(key.data, export), _article_key),
    Scorer("claims", lambda key, export, raw: score_claims(key.data, export),
           lambda key: _article_key(key) and bool(key.data.get("facts"))),
    Scorer("speakers", lambda key, export, raw: score_speakers(key.data, export), lambda key: key.has_article_map),
    Scorer("events", lambda key, export, raw: score_events(key.data, export), lambda key: key.has_article_map),
    Scorer("pairs", lambda key, export, raw: score_claim_pairs(key.facts, export),
           lambda key: bool(key.facts) and not key.has_article_list),
]
