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
import stat
from dataclasses import dataclass, field
from pathlib import Path

from articles.terminal import shown
from articles.text.decode import decode_bytes
from articles.text.errors import InputError
from articles.text.reader import looks_like_html

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
HINT_FIELDS = ("title", "outlet", "url", "published", "byline")
MAX_OUTLET_NAME = 200  # Outlet.name


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
    return [p for p in paths if not os.path.lexists(p)]


def walk(paths: list[str], *, follow_links: bool = False):
    """Yield every file below the given paths, in a stable order, or a
    Failure for what cannot be walked (an unreadable folder, a name that is
    not UTF-8, a link that leaves the folder being imported)."""
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            yield path  # named on the command line: taken as given
            continue
        root_real = os.path.realpath(path)
        failures: list[Failure] = []

        def unreadable(error: OSError):
            failures.append(Failure(shown(error.filename), f"folder cannot be read ({error.strerror})"))

        for root, dirs, files in os.walk(path, onerror=unreadable):
            yield from failures
            failures.clear()
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                file = Path(root) / name
                if file.is_symlink() and not follow_links and not _inside(file, root_real):
                    yield Failure(shown(file), "link leads outside the folder being imported (use --follow-links)")
                else:
                    yield file
        yield from failures


def _not_utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _inside(link: Path, root_real: str) -> bool:
    target = os.path.realpath(link)
    return target == root_real or target.startswith(root_real + os.sep)


def read_sources(paths: list[str], *, max_bytes: int, follow_links: bool = False, hints: dict | None = None):
    """Yield a Source or a Failure for every article the paths hold.

    ``hints`` (``{"outlet": ...}`` from the command line) apply to every
    article; a JSON Lines record's own fields win over them.
    """
    for path in walk(paths, follow_links=follow_links):
        if isinstance(path, Failure):
            yield path
        else:
            yield from _read_file(path, max_bytes, hints or {})


def read_capped(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, read from the open file: only a regular file is
    read (a pipe, device or socket would hang or never end), and never more
    than ``max_bytes``, whatever its size said."""
    # O_NONBLOCK: opening a named pipe with no writer must not wait.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError("not a regular file")
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        size = max(os.path.getsize(path), len(data))
        raise InputError(f"file too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.1f} MB)")
    return data


def _read_file(path: Path, max_bytes: int, defaults: dict):
    name = shown(path)
    if _not_utf8(path.name):
        yield Failure(name, "file name is not valid UTF-8; rename the file")
        return
    try:
        data = read_capped(path, max_bytes)
    except InputError as exc:
        yield Failure(name, str(exc))
        return
    except OSError as exc:
        yield Failure(name, f"cannot be read ({exc.strerror or exc})")
        return
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _read_jsonl(path, data, defaults)
        return
    try:
        text = decode_bytes(data)
    except InputError as exc:
        yield Failure(name, str(exc))
        return
    html = path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text)
    yield Source(path=name, source=path.name, text=text, html=html, hints=dict(defaults))


def _read_jsonl(path: Path, data: bytes, defaults: dict):
    try:
        text = decode_bytes(data)
    except InputError as exc:
        yield Failure(shown(path), str(exc))
        return
    # JSON Lines ends a record at "\n" only: U+2028 or U+0085 inside a
    # string is text, which str.splitlines() would cut.
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{shown(path)}#{number}"
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):  # RecursionError: nesting too deep
            yield Failure(where, "line is not valid JSON")
            continue
        problem = _record_problem(record)
        if problem:
            yield Failure(where, problem)
            continue
        hints = {**defaults, **{key: record[key] for key in HINT_FIELDS if record.get(key) not in (None, "", [])}}
        url = hints.pop("url", None)
        body = record["text"]
        yield Source(
            path=where,
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
    if len(record.get("outlet") or "") > MAX_OUTLET_NAME:
        return f'"outlet" is longer than {MAX_OUTLET_NAME} characters'
    strings = [record["text"], *(v for k in HINT_FIELDS for v in _strings(record.get(k)))]
    if any(LONE_SURROGATE.search(value) for value in strings):
        return "line holds an unpaired \\u surrogate escape, which is not text"
    return None


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    return value if isinstance(value, list) else []
