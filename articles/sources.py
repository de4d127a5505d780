"""Find the inputs an ``ingest`` run names and turn each into decoded text.

A path is a file or a folder (walked recursively, hidden entries skipped).
Plain text and HTML files are one article each; a JSON Lines file holds one
article per line. Nothing here touches the database.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from articles.text.decode import decode_bytes
from articles.text.errors import InputError

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
HINT_FIELDS = ("title", "outlet", "url", "published", "byline")


@dataclass
class Source:
    """One article's worth of decoded input."""

    path: str  # shown in messages: the file, plus "#line" for JSON Lines
    source: str  # stored on the article: base name (+ "#line")
    text: str
    html: bool = False
    url: str | None = None
    hints: dict = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        """Same article text, same hash, whatever the line endings or edges."""
        normal = self.text.replace("\r\n", "\n").replace("\r", "\n").strip()
        return hashlib.sha256(normal.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class Failure:
    path: str
    reason: str


def missing_paths(paths: list[str]) -> list[str]:
    return [p for p in paths if not os.path.exists(p)]


def walk(paths: list[str]):
    """Yield every file below the given paths, in a stable order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield Path(root) / name
        else:
            yield path


def read_sources(paths: list[str], *, max_bytes: int, hints: dict | None = None):
    """Yield a Source or a Failure for every article the paths hold.

    ``hints`` (``{"outlet": ...}`` from the command line) apply to every
    article; a JSON Lines record's own fields win over them.
    """
    for path in walk(paths):
        yield from _read_file(path, max_bytes, hints or {})


def _read_file(path: Path, max_bytes: int, defaults: dict):
    shown = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield Failure(shown, f"file too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.1f} MB)")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Failure(shown, f"cannot be read ({exc.strerror or exc})")
        return
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _read_jsonl(path, data, defaults)
        return
    try:
        text = decode_bytes(data)
    except InputError as exc:
        yield Failure(shown, str(exc))
        return
    from articles.text.reader import looks_like_html

    html = path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text)
    yield Source(path=shown, source=path.name, text=text, html=html, hints=dict(defaults))


def _read_jsonl(path: Path, data: bytes, defaults: dict):
    try:
        text = decode_bytes(data)
    except InputError as exc:
        yield Failure(str(path), str(exc))
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        shown = f"{path}#{number}"
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):  # RecursionError: nesting too deep
            yield Failure(shown, "line is not valid JSON")
            continue
        problem = _record_problem(record)
        if problem:
            yield Failure(shown, problem)
            continue
        hints = {**defaults, **{key: record[key] for key in HINT_FIELDS if record.get(key) not in (None, "", [])}}
        url = hints.pop("url", None)
        body = record["text"]
        from articles.text.reader import looks_like_html

        yield Source(
            path=shown,
            source=f"{path.name}#{number}",
            text=body,
            html=looks_like_html(body),
            url=url,
            hints=hints,
        )


def _record_problem(record) -> str | None:
    if not isinstance(record, dict):
        return "line is not a JSON object"
    if not isinstance(record.get("text"), str):
        return 'line has no "text" string'
    if not record["text"].strip():
        return 'line has an empty "text"'
    for key in HINT_FIELDS:
        value = record.get(key)
        if key == "byline" and isinstance(value, list):
            if all(isinstance(item, str) for item in value):
                continue
            return '"byline" must be a string or a list of strings'
        if value is not None and not isinstance(value, str):
            return f'"{key}" must be a string'
    strings = [record["text"], *(v for k in HINT_FIELDS for v in _strings(record.get(k)))]
    if any(LONE_SURROGATE.search(value) for value in strings):
        return "line holds an unpaired \\u surrogate escape, which is not text"
    return None


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    return value if isinstance(value, list) else []
