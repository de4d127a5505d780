"""Score the reading stage: metadata fields, clutter left, article text lost."""
from __future__ import annotations

import re
from collections import Counter

from articles.scoring import Section
from articles.text.clean import strip_residue
from articles.text.html import extract
from articles.text.reader import looks_like_html
from articles.text.outlets import KNOWN_OUTLETS, canonical_name

FIELDS = ("outlet", "headline", "byline", "date", "dateline")
_SENTENCE = re.compile(r"(?<=[.!?…])[\"”’)]?\s+(?=[\"“‘(\[A-Z0-9])")
_SHOWN = 70


def score_metadata(gold: dict, export: dict, raw_files: dict[str, str]) -> Section:
    section = Section("Reading: metadata, clutter, lost text")
    by_source = {a.get("source"): a for a in export.get("articles", [])}
    right = Counter()
    counted = Counter()
    noise_left = sentences_lost = duplicates_kept = missing = 0

    for key in gold.get("articles", []):
        name = key["file"]
        got = by_source.get(name)
        if got is None:
            missing += 1
            section.lines.append(f"{name}: not imported")
            for field in FIELDS:
                counted[field] += 1
            continue
        body = got.get("body") or ""
        problems = []
        for field, expected, actual in _fields(key, got):
            counted[field] += 1
            if _same(field, expected, actual):
                right[field] += 1
            else:
                problems.append(f"{field}: expected {expected!r}, got {actual!r}")

        left = _noise_left(key.get("noise_lines", []), body)
        noise_left += len(left)
        problems += [f"noise left: {_short(line)}" for line in left]

        lost = _lost_sentences(key, raw_files.get(name, ""), body)
        sentences_lost += len(lost)
        problems += [f"sentence lost: {_short(s)}" for s in lost]

        paragraphs = [p.strip() for p in body.split("\n\n")]
        for prefix in key.get("duplicate_paragraphs", []):
            copies = sum(p.startswith(prefix) for p in paragraphs)
            if copies > 1:
                duplicates_kept += copies - 1
                problems.append(f"paragraph kept {copies} times: {_short(prefix)}")

        section.lines.append(f"{name}: " + ("all right" if not problems else f"{len(problems)} problem(s)"))
        section.lines.extend("  " + p for p in problems)

    for field in FIELDS:
        if counted[field]:
            section.metrics[f"{field}_accuracy"] = right[field] / counted[field]
    section.metrics["noise_lines_left"] = noise_left
    section.metrics["sentences_lost"] = sentences_lost
    section.metrics["duplicates_kept"] = duplicates_kept
    section.metrics["articles_missing"] = missing
    return section


def _fields(key, got):
    yield "outlet", key.get("outlet"), got.get("outlet")
    if key.get("headline"):
        yield "headline", key["headline"], got.get("headline")
    elif "headline_derived" in got:
        # No headline printed: the article must say its title was made up.
        yield "headline", "(derived)", "(derived)" if got["headline_derived"] else got.get("headline")
    yield "byline", key.get("byline") or [], got.get("byline") or []
    yield "date", key.get("published"), got.get("published")
    yield "dateline", key.get("dateline"), got.get("dateline")


def _same(field, expected, actual) -> bool:
    if field == "outlet":
        return _outlet(expected) == _outlet(actual)
    if field == "byline":
        return [_fold(n) for n in expected] == [_fold(n) for n in actual or []]
    if expected is None or actual is None:
        return expected is None and actual is None
    return _fold(str(expected)) == _fold(str(actual))


def _outlet(name):
    return _fold(canonical_name(name, KNOWN_OUTLETS)) if name else None


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _noise_left(noise_lines, body):
    """Key noise lines still in the body (a line listed twice can be left twice)."""
    units = Counter(p.strip() for p in re.split(r"\n", body) if p.strip())
    left = []
    for line, wanted in Counter(n.strip() for n in noise_lines).items():
        present = units[line] or (1 if len(line) >= 40 and line in body else 0)
        left += [line] * min(wanted, present)
    return left


def _lost_sentences(key, raw, body):
    """Sentences of article lines (neither noise nor furniture) not in the body.

    An HTML page's lines are its main text as the HTML reader extracts it,
    not its markup."""
    if looks_like_html(raw):
        raw = extract(raw).text
    furniture = {line.strip() for line in key.get("noise_lines", []) + key.get("metadata_lines", [])}
    flat = " ".join(body.split())
    lost = []
    for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.strip()
        if not line or line in furniture:
            continue
        line = strip_residue(line)
        for sentence in _SENTENCE.split(line):
            sentence = " ".join(sentence.split())
            if sentence and sentence not in flat:
                lost.append(sentence)
    return lost


def _short(text: str) -> str:
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"
