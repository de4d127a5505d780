"""Server-rendered SVG charts of who an outlet quotes.

Pure functions from ``articles.voices.Voices`` to markup: readable without
JavaScript, with a ``<title>`` and ``<desc>`` for screen readers and a
plain-text summary to print beside the chart. Every piece of text from an
article (names, affiliations, outlet names) is escaped.
"""
from __future__ import annotations

from html import escape

from articles.voices import ANONYMOUS, NAMED, UNATTRIBUTED, Voices

WIDTH = 320
BAR_HEIGHT = 18
LABEL_HEIGHT = 16
MAX_SEGMENTS = 5  # the largest shares, the rest as "Others"
PALETTE = ("#1b6ca8", "#e07b22", "#2e9c5a", "#b03a48", "#7b5ea7", "#8c8c8c")
KIND_COLOURS = {NAMED: "#1b6ca8", ANONYMOUS: "#b03a48", UNATTRIBUTED: "#8c8c8c"}
KIND_LABELS = {NAMED: "named", ANONYMOUS: "unnamed sources", UNATTRIBUTED: "not attributed"}


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def _shares(voices: Voices) -> list[tuple[str, int]]:
    """(label, words) per affiliation or speaker, largest first, capped."""
    shares = [(label, words) for label, words in voices.by_affiliation() if words]
    if len(shares) > MAX_SEGMENTS:
        rest = sum(words for _, words in shares[MAX_SEGMENTS - 1:])
        shares = shares[:MAX_SEGMENTS - 1] + [("Others", rest)]
    return shares


def _kinds(voices: Voices) -> list[tuple[str, int]]:
    return [(kind, voices.words(kind)) for kind in (NAMED, ANONYMOUS, UNATTRIBUTED) if voices.words(kind)]


def voices_headline(voices: Voices) -> str:
    """The summary's first sentence: how many people, in how many words."""
    total = voices.total_words
    if not total:
        return f"{voices.outlet} quotes no one."
    people = voices.people_quoted
    noun = "person" if people == 1 else "people"
    return f"{voices.outlet} quotes {people} named {noun} in {total} quoted words."


def voices_summary(voices: Voices) -> str:
    """One paragraph saying what the chart shows, for screen readers and as
    the chart's text equivalent."""
    total = voices.total_words
    if not total:
        return voices_headline(voices)
    shares = ", ".join(f"{label} {_percent(words, total)}%" for label, words in _shares(voices))
    kinds = ", ".join(f"{KIND_LABELS[kind]} {_percent(words, total)}%" for kind, words in _kinds(voices))
    return f"{voices_headline(voices)} Share of quoted words: {shares}. By source: {kinds}."


def _bar(segments, y: int, total: int) -> list[str]:
    parts, x = [], 0.0
    for colour, label, words in segments:
        width = WIDTH * words / total
        parts.append(
            f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" fill="{colour}">'
            f"<title>{escape(label)}: {words} words ({_percent(words, total)}%)</title></rect>"
        )
        x += width
    return parts


def voices_bars(voices: Voices) -> list[tuple[str, list[tuple[str, str, int, int]]]]:
    """The chart's two bars, (caption, [(colour, label, words, percent)]):
    what the chart draws, for a key of its colours beside it."""
    total = voices.total_words
    if not total:
        return []
    shares = [(PALETTE[i % len(PALETTE)], label, words) for i, (label, words) in enumerate(_shares(voices))]
    kinds = [(KIND_COLOURS[kind], KIND_LABELS[kind], words) for kind, words in _kinds(voices)]
    return [
        (caption, [(colour, label, words, _percent(words, total)) for colour, label, words in segments])
        for caption, segments in (("By speaker or affiliation", shares), ("Named or unnamed", kinds))
    ]


def voices_chart(voices: Voices, *, chart_id: str = "voices") -> str:
    """An SVG of the outlet's quoted words: one bar by speaker or
    affiliation, one by named, unnamed and unattributed sources."""
    chart_id = escape(chart_id)
    total = voices.total_words
    height = 2 * (BAR_HEIGHT + LABEL_HEIGHT) + 4
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="voices-chart" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">Who {escape(voices.outlet)} quotes</title>',
        f'<desc id="{chart_id}-desc">{escape(voices_summary(voices))}</desc>',
    ]
    y = 0
    for caption, segments in voices_bars(voices):
        out.append(f'<text x="0" y="{y + 12}" font-size="11">{caption}</text>')
        out.extend(_bar([(colour, label, words) for colour, label, words, _ in segments], y + LABEL_HEIGHT, total))
        y += LABEL_HEIGHT + BAR_HEIGHT + 2
    out.append("</svg>")
    return "".join(out)
