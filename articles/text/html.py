"""The main text and metadata of an HTML page, through trafilatura.

trafilatura drops navigation, scripts and styles and returns the article's
paragraphs one per line, with the page's title, author, date and site name
from its meta tags. When it finds nothing, the page's visible text (tags,
scripts and styles stripped) is read instead, so the text rules still apply.
"""
from __future__ import annotations

import html as html_module
import logging
import re
from dataclasses import dataclass, field
from datetime import date

import trafilatura

from articles.text.dates import parse_date

log = logging.getLogger(__name__)

_MAX_HTML = 5_000_000  # characters; larger pages are not articles


@dataclass
class Page:
    text: str
    title: str | None = None
    byline: list[str] = field(default_factory=list)
    published: date | None = None
    sitename: str | None = None
    url: str | None = None


def extract(markup: str, *, url: str | None = None) -> Page:
    markup = markup[:_MAX_HTML]
    document = None
    try:
        document = trafilatura.bare_extraction(
            markup,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            # Only dates the page states; no guessing from the URL or text.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # a parser failure on a broken page: fall back below
        log.warning("trafilatura could not parse a page; reading its visible text instead", exc_info=True)
        document = None
    text = getattr(document, "text", None) or ""
    if not text.strip():
        log.info("trafilatura found no main text; reading the page's visible text instead")
        text = visible_text(markup)
    if document is None:
        return Page(text=text, title=_title_tag(markup))
    sitename = _clean(getattr(document, "sitename", None))
    return Page(
        text=text,
        title=without_site_name(_clean(getattr(document, "title", None)), sitename, markup),
        byline=_authors(getattr(document, "author", None)),
        published=parse_date(getattr(document, "date", None) or ""),
        sitename=sitename,
        url=_clean(getattr(document, "url", None)),
    )


# "Headline | Site", "Headline - Site", "Headline — Site": the <title> form of
# a headline. Some releases of trafilatura return it instead of og:title.
_SITE_SUFFIX = re.compile(r"\s+[|\-–—:·]\s+([^|\-–—:·]{2,60})$")


def without_site_name(title: str | None, sitename: str | None, markup: str = "") -> str | None:
    """The headline without a trailing site name that the page's <title> appends.

    The tail goes when it is the page's site name, or when the rest is the
    page's own headline elsewhere (its <h1> or og:title repeat it)."""
    if not title:
        return title
    found = _SITE_SUFFIX.search(title)
    if not found:
        return title
    head = title[: found.start()].strip()
    tail = found.group(1).strip().casefold().removeprefix("the ")
    if sitename and tail == sitename.casefold().removeprefix("the "):
        return head
    return head if _occurrences(head, markup) >= 2 else title  # <title> plus one more


def _occurrences(text: str, markup: str) -> int:
    escaped = html_module.escape(text, quote=False)
    return markup.count(text) + (markup.count(escaped) if escaped != text else 0)


def _clean(value) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _authors(value) -> list[str]:
    value = _clean(value)
    if not value:
        return []
    return [name.strip() for name in re.split(r"\s*(?:;|\band\b|&)\s*", value) if name.strip()]


_INVISIBLE_OPEN = re.compile(r"<(script|style|noscript|template|svg|iframe|head)\b[^<>]{0,2000}>", re.IGNORECASE)
_BLOCK = re.compile(r"</?(?:p|div|br|h[1-6]|li|ul|ol|tr|table|article|section|header|footer|blockquote|figure|figcaption|title)\b[^>]{0,2000}>", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]{0,2000}>")
_TITLE_OPEN = re.compile(r"<title\b[^<>]{0,2000}>", re.IGNORECASE)
_TITLE_CLOSE = re.compile(r"</title", re.IGNORECASE)

# Each cut below scans forward with str.find and never looks back, so an
# unclosed "<!--" or "<script>" repeated a million times costs one pass, not
# one pass per opening (what a lazy ".*?" regex costs).


def _without_comments(markup: str) -> str:
    out, at = [], 0
    while (start := markup.find("<!--", at)) >= 0:
        out.append(markup[at:start])
        end = markup.find("-->", start + 4)
        if end < 0:
            return " ".join(out)  # an unclosed comment hides the rest, as in a browser
        out.append(" ")
        at = end + 3
    out.append(markup[at:])
    return "".join(out)


def _without_invisible(markup: str) -> str:
    out, at = [], 0
    while found := _INVISIBLE_OPEN.search(markup, at):
        out.append(markup[at:found.start()])
        closing = re.compile(rf"</{found.group(1)}", re.IGNORECASE).search(markup, found.end())
        if closing is None:
            return "\n".join(out)
        close = markup.find(">", closing.end())
        out.append("\n")
        at = len(markup) if close < 0 else close + 1
    out.append(markup[at:])
    return "".join(out)


def visible_text(markup: str) -> str:
    """The page's text with tags removed; scripts and styles never show."""
    text = _without_comments(markup)
    text = _without_invisible(text)
    text = _BLOCK.sub("\n", text)
    text = _TAG.sub(" ", text)
    text = html_module.unescape(text)
    return "\n".join(" ".join(line.split()) for line in text.split("\n"))


def _title_tag(markup: str) -> str | None:
    found = _TITLE_OPEN.search(markup, 0, 200_000)
    if not found:
        return None
    end = _TITLE_CLOSE.search(markup, found.end(), found.end() + 2000)
    if end is None:
        return None
    return _clean(html_module.unescape(_TAG.sub(" ", markup[found.end():end.start()])))
