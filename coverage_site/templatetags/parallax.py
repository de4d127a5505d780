"""Safe HTML for article text with highlights, and wording differences.

Content is data: every piece of article text, quote or name is escaped
here (format_html/escape); only the tags this module writes are markup.
"""
from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.utils.dateformat import format as date_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@dataclass(frozen=True)
class Span:
    """A highlighted stretch of a body: [start, end) with a CSS kind."""

    start: int
    end: int
    kind: str  # "quote" or "evidence"
    title: str = ""
    anchor: str = ""


def highlight(text: str, spans, offset: int = 0) -> SafeString:
    """``text`` (which starts at ``offset`` in its body) with ``spans`` marked.

    Overlapping spans (a quote inside a claim's sentence) are split at every
    boundary, and each piece carries the classes of all spans over it. Every
    span's anchor is rendered where it starts, even when several spans start
    together (one sentence supporting several claims); a span with no kind
    is an anchor only, so a link can reach text that is not highlighted.
    """
    end_of_text = offset + len(text)
    inside = [s for s in spans if s.start < end_of_text and s.end > offset and s.end > s.start]
    cuts = {offset, end_of_text}
    for s in inside:
        cuts.add(max(s.start, offset))
        cuts.add(min(s.end, end_of_text))
    cuts = sorted(cuts)
    pieces, anchored = [], set()
    for a, b in zip(cuts, cuts[1:]):
        piece = text[a - offset : b - offset]
        active = [s for s in inside if s.start <= a and s.end >= b]
        starting = [s.anchor for s in active if s.anchor and s.start == a and s.anchor not in anchored]
        anchors = list(dict.fromkeys(starting))
        anchored.update(anchors)
        marked = [s for s in active if s.kind]
        # Anchors beyond the first are empty markers just before the text.
        pieces.extend(format_html('<span class="anchor" id="{}"></span>', anchor) for anchor in anchors[1:])
        anchor = anchors[0] if anchors else ""
        if not marked:
            pieces.append(format_html('<span class="anchor" id="{}">{}</span>', anchor, piece) if anchor else escape(piece))
            continue
        kinds = " ".join(sorted({f"hl-{s.kind}" for s in marked}))
        title = "; ".join(dict.fromkeys(s.title for s in marked if s.title))
        attrs = format_html(' id="{}"', anchor) if anchor else ""
        if title:
            attrs += format_html(' title="{}"', title)
        pieces.append(format_html('<mark class="hl {}"{}>{}</mark>', kinds, attrs, piece))
    return mark_safe("".join(pieces))


def diff_html(ops) -> SafeString:
    """Render word_diff output: words only in the other wording struck out,
    words only in this one underlined; each labelled for screen readers."""
    parts = []
    for op, text in ops:
        text = str(text).strip()
        if not text:
            continue
        if op == "equal":
            parts.append(escape(text))
        elif op == "insert":
            parts.append(format_html('<ins><span class="vh">added: </span>{}</ins>', text))
        elif op == "delete":
            parts.append(format_html('<del><span class="vh">left out: </span>{}</del>', text))
    return mark_safe(" ".join(parts))


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current address with its filters kept and ``page`` set: a More
    link that works as a plain link and as an hx-get."""
    request = context["request"]
    params = request.GET.copy()
    params["page"] = number
    return f"{request.path}?{params.urlencode()}"


@register.filter
def published_at(article, style="j M Y") -> SafeString:
    """An article's publication as a <time>, with the hour and minute its
    outlet printed ("28 May 2007, 14:46"), or "Date unknown"."""
    if not article.published:
        return mark_safe("Date unknown")
    stamp, text = article.published.isoformat(), date_format(article.published, style)
    if article.published_time is not None:
        stamp += "T" + article.published_time.strftime("%H:%M")
        text += ", " + article.published_time.strftime("%H:%M")
    return format_html('<time datetime="{}">{}</time>', stamp, text)
