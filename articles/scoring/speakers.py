"""Score speakers and outlets against a development-set key.

The key (``devset/basil/key.json``) maps each article file to its ``outlet``
and ``url`` and lists ``quote_speakers``: a span annotators marked inside a
quotation, with the person they say is quoted. The span is found in the
exported body; the exported quotation overlapping it most must name that
person. Our name matches the key's when the folded names agree, or the
surnames agree and the given names are one name's forms ("Ray"/"Raymond"),
or the key's words are the start of ours (a key that lost an accent and
what followed it: "Calder" for "Calderón").
"""
from __future__ import annotations

import re

from articles.text.names import SUFFIXES, given_names_match, name_parts
from articles.text.outlets import canonical_name

from . import Section

_QUOTE_MARKS = "\"“”‘’'«»"
_SHOWN = 80


def score_speakers(key: dict, export: dict) -> Section:
    """Speaker accuracy over the key's ``quote_speakers`` and outlet accuracy
    over its ``articles``, every error listed."""
    section = Section("Speakers and outlets (development-set key)")
    _score_quotes(key, export, section)
    _score_outlets(key, export, section)
    return section


def _score_quotes(key: dict, export: dict, section: Section) -> None:
    by_source = _by_file(export)
    quotes_by_article: dict[object, list[dict]] = {}
    for quote in export.get("quotes", []):
        quotes_by_article.setdefault(quote.get("article"), []).append(quote)

    right = unattributed = unfound = 0
    entries = key.get("quote_speakers", [])
    for entry in entries:
        article = by_source.get(entry["file"])
        where = f"{entry['file']}: {_short(entry['text'])}"
        if article is None:
            unfound += 1
            section.lines.append(f"not imported: {where}")
            continue
        span = find_span(article.get("body") or "", entry["text"])
        quote = _overlapping(quotes_by_article.get(article.get("id"), []), span) if span else None
        if quote is None:
            unfound += 1
            section.lines.append(f"no quotation found (expected {entry['speaker']!r}): {where}")
            continue
        ours = quote.get("speaker")
        if ours and same_person(ours, entry["speaker"]):
            right += 1
        elif not ours:
            unattributed += 1
            section.lines.append(f"no speaker (expected {entry['speaker']!r}): {where}")
        else:
            section.lines.append(f"{ours!r} for {entry['speaker']!r}: {where}")
    total = len(entries)
    named = total - unattributed - unfound
    section.metrics["speaker_accuracy"] = right / total if total else 1.0
    # Of the key's quotations we gave a speaker, how many got the right one.
    section.metrics["speaker_precision"] = right / named if named else 1.0
    section.metrics["speakers_wrong"] = float(total - right - unattributed - unfound)
    section.metrics["speakers_missing"] = float(unattributed)
    section.metrics["quotes_not_found"] = float(unfound)
    section.lines.insert(0, f"{right} of {total} quotations attributed to the key's speaker")


def _score_outlets(key: dict, export: dict, section: Section) -> None:
    lines = []
    by_source = _by_file(export)
    right = total = 0
    for name, entry in key.get("articles", {}).items():
        expected = entry.get("outlet")
        if not expected:
            continue
        total += 1
        got = (by_source.get(name) or {}).get("outlet")
        if got and _fold(canonical_name(got)) == _fold(canonical_name(expected)):
            right += 1
        else:
            url = entry.get("url") or (by_source.get(name) or {}).get("url")
            lines.append(f"{name}: expected {expected!r}, got {got!r}" + (f" ({url})" if url else ""))
    section.metrics["outlet_accuracy"] = right / total if total else 1.0
    section.lines.append(f"{right} of {total} articles credited to the key's outlet")
    section.lines.extend(lines)


def _by_file(export: dict) -> dict[str, dict]:
    """Exported articles by file name: a JSON Lines file's article is stored
    as "name.jsonl#1"; a one-article file keeps the bare name too."""
    found: dict[str, dict] = {}
    for article in export.get("articles", []):
        source = article.get("source") or ""
        found[source] = article
        name, _, line = source.partition("#")
        if line == "1":
            found.setdefault(name, article)
    return found


def find_span(body: str, text: str) -> tuple[int, int] | None:
    """Where the key's span is in the body, whitespace and outer quotation
    marks aside; None when it is not there."""
    core = text.strip().strip(_QUOTE_MARKS).strip()
    if not core:
        return None
    pattern = r"\s+".join(re.escape(word) for word in core.split())
    found = re.search(pattern, body)
    if found is None:
        # Curly and straight marks differ between the key and the copy.
        loose = re.sub(r"\\[\"“”‘’']|[\"“”‘’']", "[\"“”‘’']", pattern)
        found = re.search(loose, body)
    return (found.start(), found.end()) if found else None


def _overlapping(quotes: list[dict], span: tuple[int, int]) -> dict | None:
    best, best_overlap = None, 0
    for quote in quotes:
        overlap = min(span[1], quote.get("end", 0)) - max(span[0], quote.get("start", 0))
        if overlap > best_overlap:
            best, best_overlap = quote, overlap
    return best


def same_person(ours: str, theirs: str) -> bool:
    a, b = _words(ours), _words(theirs)
    if not a or not b:
        return False
    if a == b:
        return True
    if len(a) > 1 and len(b) > 1 and a[-1] == b[-1] and given_names_match(a[0], b[0]):
        return True  # a middle name or initial may be left out
    if len(a) == len(b) and all(x.startswith(y) and len(y) >= 3 for x, y in zip(a, b)):
        return True
    return False


def _words(name: str) -> list[str]:
    """A name's words without honorifics, particles or a generational
    suffix (the key writes "Joe Biden" for "Joseph R. Biden Jr.")."""
    words, _ = name_parts(name)
    while len(words) > 2 and words[-1] in SUFFIXES:
        words = words[:-1]
    return words


def _fold(name: str | None) -> str:
    return " ".join((name or "").casefold().split())


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"
