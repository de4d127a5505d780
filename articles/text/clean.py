"""Split scraped text into paragraphs and tell page clutter from the article.

A scraped page is the article plus everything around it: navigation,
promotions, teasers for other stories, share and comment widgets, reader
comments, copyright and tag lines, image captions. Each paragraph ("unit")
is classified by what it says (``noise_reason``) and by where it stands
(``mark_context``): a teaser heading makes the headlines after it teasers,
a comment box runs from its heading to its "send us your views" line.

The rules know web-page vocabulary, never a particular article. Article
text always wins a tie: a line that could be either is kept.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

TEXT, NOISE, META = "text", "noise", "meta"


@dataclass
class Unit:
    """One paragraph of the input, with the stripped lines it came from."""

    text: str
    lines: list[str] = field(default_factory=list)
    kind: str = TEXT
    reason: str = ""
    data: object = None  # what a furniture line says (names, a date)

    def mark(self, kind: str, reason: str, data: object = None) -> None:
        self.kind, self.reason, self.data = kind, reason, data


# --- characters and lines ---------------------------------------------------

# C0/C1 controls (tab and newline excepted) and lone surrogates cannot be
# stored or shown; a NUL in a scraped string is never article text.
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ud800-\udfff]")
# Image-file residue fused onto a line by the scraper: "153.jpgBAGHDAD (AFP) —".
_RESIDUE = re.compile(r"^[\w~%+-]*(?:[./][\w~%+-]+)*\.(?:jpe?g|png|gif|webp|bmp|tiff?|svg|JPE?G|PNG|GIF)(?![a-z])\s*")


def normalise(raw: str) -> str:
    """CRLF and CR to LF; drop characters no article contains."""
    return _UNSTORABLE.sub("", raw.replace("\r\n", "\n").replace("\r", "\n"))


def strip_residue(line: str) -> str:
    return _RESIDUE.sub("", line, count=1) if "." in line[:200] else line


def split_units(text: str) -> list[Unit]:
    """Paragraphs: a line each, unless a block of lines was hard-wrapped."""
    units: list[Unit] = []
    block: list[str] = []
    for line in text.split("\n") + [""]:
        line = line.strip()
        if line:
            residue_free = strip_residue(line)
            if residue_free:
                block.append(residue_free)
            continue
        if block:
            if _hard_wrapped(block):
                units.append(Unit(" ".join(block), list(block)))
            else:
                units.extend(Unit(item, [item]) for item in block)
            block = []
    return units


_FINAL = tuple(".!?:;\"”’)]…")


def _hard_wrapped(block: list[str]) -> bool:
    """Lines cut at a fixed width (mail-style text): one paragraph.

    Every line but the last fills most of the width, and some of them stop
    mid-sentence; captions and lists of short lines do not look like this.
    """
    if len(block) < 2 or len(block) > 200 or any(a == b for a, b in zip(block, block[1:])):
        return False  # a line printed twice is a caption pair, not a wrapped paragraph
    head = block[:-1]
    longest = max(len(line) for line in block)
    if longest > 100 or any(len(line) < 0.7 * longest or len(line) < 40 for line in head):
        return False
    return any(not line.endswith(_FINAL) for line in head)


# --- what a line is ---------------------------------------------------------

_QUOTE_OPEN = "\"“‘'«„”"
_QUOTE_CLOSE = "\"”’'»“"
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def words(text: str) -> list[str]:
    return _WORD.findall(text[:2000])


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w&' ]+", " ", text.casefold().replace("’", "'")).split())


def is_title_like(text: str) -> bool:
    """Headline-shaped: short, no sentence ending, one sentence at most."""
    if len(text) > 200 or not text[:1].strip():
        return False
    if text.rstrip(_QUOTE_CLOSE + ")").endswith((".", ";", ",", ":")) and not text.endswith("..."):
        return False
    return not re.search(r"[a-z0-9][.!?][\"”’]?\s+[A-Z“\"]", text)


def opens_unclosed_quote(text: str) -> bool:
    """A paragraph of a multi-paragraph quotation: it opens and never closes."""
    if not text or text[0] not in _QUOTE_OPEN:
        return False
    return not any(mark in text[1:] for mark in "\"”»")


_EN_FUNCTION = frozenset(
    "the a an and of to in is was for on that with as by at from it he she they said his her has have "
    "be are were not but or this which will would who its their we i you after over had been".split()
)
_OTHER_FUNCTION = frozenset(
    "le la les et des du de est une un que qui dans pour pas ni sur au aux el los las y del por con una "
    "der die das und ist nicht mit den ein eine il di che per della sono não os em".split()
)


def is_foreign(text: str) -> bool:
    """Plainly not English: other languages' function words, none of ours."""
    tokens = [w.casefold().strip(".'’") for w in words(text)]
    if len(tokens) < 3:
        return False
    ours = sum(t in _EN_FUNCTION for t in tokens)
    theirs = sum(t in _OTHER_FUNCTION or "'" in t[:3] or "’" in t[:3] for t in tokens)
    return theirs >= 2 and ours * 3 < theirs


# Whole lines that are navigation, widgets or page chrome (normalised form).
_CHROME = frozenset(
    """
    back to top | top | home | menu | search | skip to content | skip to main content | skip navigation
    advertisement | advertising | sponsored | sponsored content | ad | story continues below advertisement
    continue reading | continue reading the main story | read more | read full article | see more | show more
    share | share this | share this article | share this story | share on facebook | share on twitter
    tweet | email | e mail | print | print this page | print this article | email this article | whatsapp
    facebook | twitter | linkedin | pinterest | reddit | copy link | link copied | save | save article
    comments | comment | show comments | hide comments | view comments | leave a comment | leave a reply
    post a comment | add a comment | add your comment | no comments | comments are closed | load more comments
    click to hide | click to show | click to expand | close | open | expand | collapse | loading | loading comments
    sign up | sign in | log in | login | register | subscribe | subscribe now | newsletter | sign up for our newsletter
    follow us | follow | like us on facebook | follow us on twitter | get the app | download the app
    next | previous | prev | next article | previous article | next story | previous story | older | newer
    tags | topics | related topics | categories | filed under | posted in | permalink | report abuse
    photo | photos | image | video | watch | listen | play video | watch video | gallery | view gallery
    key events | show key events only | live | live updates | pinned post | refresh | auto update
    font size | text size | a a a | reprints | permissions | reprints & permissions | feedback | contact us
    about us | privacy policy | terms of use | terms of service | cookie policy | cookies | accept cookies
    your views | send us your views | send us your comments | have your say | your comments
    supported by | reuse this content | printable version | print version | e mail this to a friend
    email this to a friend | send to a friend | most popular now | story highlights
    adjust font size | e mail to a friend | email to a friend | enditem | end item | ends
    """.replace("\n", "|").split("|")
)
_CHROME = frozenset(_norm(item) for item in _CHROME if item.strip())

# Headings that announce teasers for other stories.
_TEASER_HEADING = re.compile(
    r"(?:check also|see also|also read|read also|read more|read next|up next|further reading|"
    r"related(?: articles| stories| content| news| coverage| posts| links| reading)?|"
    r"more (?:stories|news|headlines|coverage|videos)|more (?:from|on|in|about) .{1,40}|"
    r"most (?:read|popular|viewed|shared|commented|watched|emailed|recent)|popular(?: now| stories)?|"
    r"trending(?: now| stories)?|top stories|latest(?: news| stories| headlines)?|editor'?s picks|"
    r"you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|recommended(?: for you| stories| reading)?|"
    r"what to read next|in other news|around the web|from the web|(?:sponsored|promoted|partner) stories|"
    r"other stories|more on this (?:story|topic)|related (?:internet )?links|in case you missed it|don'?t miss|"
    r"topics|tags|explore more|explore (?:topics|more topics)|more (?:about|on) this)"
)

_PATTERNS = (
    ("tag line", re.compile(r"^(?:labels?|tags?|topics?|categor(?:y|ies)|filed under|posted in|keywords|related topics|subjects?)\s*:\s*\S", re.I)),
    # "Copyright © 2018 …", "© Example 2007", "(c) 2007 …"; not "Copyright law was …"
    ("copyright", re.compile(r"^(?:copyright\s*(?:©|\(c\)|(?:19|20)\d\d)|©|\(c\)\s*(?:19|20)\d\d)", re.I)),
    ("copyright", re.compile(r"\ball rights reserved\b|\breprint permission|\bmay not be (?:published|reproduced|reprinted),? (?:broadcast|rewritten|redistributed|or redistributed|in whole)", re.I)),
    ("comment widget", re.compile(r"\bcomment(?:s|ing)? policy\b|\bwelcomes? your comments\b|^(?:click to )?(?:view|read|post|show|load|add|hide)(?: \w+){0,3} comments\b|\bcomments? (?:are|is) (?:now )?(?:closed|moderated)\b|\b(?:log|sign) in to (?:post a )?comment\b|^join the (?:conversation|discussion|debate)\b|\bour third-party (?:comment )?provider\b", re.I)),
    ("promo", re.compile(r"^(?:check out|don'?t miss|sign up|subscribe (?:to|now|for)|download (?:our|the)|follow (?:us|our)|like us on|get (?:the latest|our|breaking)|read (?:our|the full|more:?)|listen to (?:our|the)|watch (?:our|now|live)|click (?:here|to|for)|tap (?:here|to)|join us\b|become a (?:member|subscriber)|already a subscriber|have a news tip|send us (?:your|a) )", re.I)),
    ("caption", re.compile(r"^(?:image|media|photo|video) (?:caption|copyright|source)\b|^(?:photo(?:graph)?|picture|image|credit|caption|file photo)\s*:", re.I)),
    ("caption", re.compile(r"\bphotograph(?:er)?:\s*[\w .'-]{2,60}(?:/[\w .'-]{2,40}){0,3}$|\s\((?:AP|AFP|Reuters|EPA|Getty|Xinhua) ?Photo\b[^()]{0,60}\)$", re.I)),
    ("live timestamp", re.compile(r"^(?:(?:updated|posted|published|last updated)\s*(?:at\s*)?)?(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?|\d+\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)\s+ago|just now)$", re.I)),
    ("symbols", re.compile(r"^[\W_]+$")),
    ("page notice", re.compile(r"\b(?:not responsible for the content of external|turn on javascript|enable javascript|javascript is (?:disabled|required)|a version of this article appears in print)", re.I)),
    ("post footer", re.compile(r"^posted by\b.{0,80}$", re.I)),
    ("promo", re.compile(r"^follow\b.{0,60}(?::|\bon (?:twitter|facebook|instagram|x|linkedin|youtube|tiktok|telegram|whatsapp|threads|bluesky))$", re.I)),
)

# A caption credit in brackets at the end of a line: "… in Baghdad [AFP]",
# "(AP Photo/Hadi Mizban)", "[Getty Images]", "(Reuters/File)".
_CREDIT = re.compile(r"[\[(](?P<credit>[^\[\]()]{1,50})[\])]$")
_CREDIT_WORDS = re.compile(
    r"\b(?:photo|photograph|pic|picture|image|images|file|pool|handout|courtesy|getty|afp|ap|reuters|epa|"
    r"ansa|xinhua|anadolu|sipa|shutterstock|alamy|pa|efe|dpa|tass|bloomberg|ap images|via)\b",
    re.I,
)


def noise_reason(text: str) -> str | None:
    """Why a paragraph is page clutter on its own, or None."""
    if len(text) > 600:
        return None  # clutter is short; long paragraphs are prose
    norm = _norm(text)
    if not norm:
        return "symbols" if not re.search(r"\w", text) else None
    if len(text) <= 80 and _TEASER_HEADING.fullmatch(norm):
        return "teaser heading"
    if norm in _CHROME:
        return "navigation"
    if _widget_line(norm):
        return "share bar"
    for reason, pattern in _PATTERNS:
        if pattern.search(text):
            if reason == "promo" and len(text) > 160:
                continue
            return reason
    if _is_caption(text):
        return "caption"
    if _is_category_line(text):
        return "category line"
    return None


# Words of share bars and pager links ("Share this story", "Newer Post Older Post Home").
_WIDGET_WORDS = frozenset(
    "share sharing tweet email e-mail facebook twitter whatsapp linkedin print reddit pinterest messenger "
    "copy link comments comment save this story article page about newer older post posts home next "
    "previous prev top back to more".split()
)


def _widget_line(norm: str) -> bool:
    tokens = norm.split()
    return 1 < len(tokens) <= 12 and all(t in _WIDGET_WORDS or t.isdigit() for t in tokens)


def _is_caption(text: str) -> bool:
    found = _CREDIT.search(text)
    if not found or len(text) > 400 or opens_unclosed_quote(text):
        return False
    credit = found.group("credit").strip()
    if text.startswith(("(", "[")) and found.start() == 0:
        return False  # "(Reuters) -" and "[Updated]" are not captions
    if not _CREDIT_WORDS.search(credit):
        return False
    # The credit is a name or agency, not a clause: capitalised words and "/".
    return bool(re.fullmatch(r"(?:[A-Z][\w.&'’-]*|via|for|and|of|/|:|-|,)(?:[\s/]*(?:[A-Z][\w.&'’-]*|via|for|and|of|/|:|-|,))*", credit))


def _is_category_line(text: str) -> bool:
    """'Regional, Security, Politics' or 'Home > World > Middle East'."""
    if len(text) > 120 or text.endswith((".", "!", "?")):
        return False
    parts = [p.strip() for p in re.split(r"\s*(?:[|»›>•·/]|,)\s*", text) if p.strip()]
    separators = re.findall(r"[|»›>•·/]", text)
    enough = len(parts) >= 3 or (len(parts) == 2 and separators)
    return enough and all(
        re.fullmatch(r"(?:[A-Z][\w&'’.-]*)(?: (?:[A-Z][\w&'’.-]*|&|and|of)){0,2}", part) for part in parts
    ) and not any(part.casefold() in {"and", "but"} for part in parts)


# --- context ----------------------------------------------------------------

_COMMENT_HEADINGS = frozenset(_norm(x) for x in (
    "your views", "your comments", "reader comments", "readers' comments", "readers comments",
    "have your say", "your say", "reader views", "readers' views", "what you think", "what do you think?",
    "talkback", "reader reaction", "readers respond", "comments", "what readers say",
))
_COMMENT_CLOSERS = re.compile(
    r"^(?:send us your (?:views|comments)|send your (?:views|comments)|have your say|add your (?:comment|views)|"
    r"post (?:a |your )?comment|leave a (?:comment|reply)|submit(?: your)? (?:comment|views)|tell us what you think|"
    r"share your (?:views|thoughts)|write a comment)\b",
)
_COMMENT_WINDOW = 14


def mark_context(units: list[Unit]) -> None:
    """Rules that need a paragraph's neighbours."""
    _comment_boxes(units)
    _teasers(units)
    _repeated_captions(units)
    _foreign_tail(units)


def _comment_boxes(units):
    """A reader-comment box: heading, comments and signatures, closing line."""
    for i, unit in enumerate(units):
        if unit.kind == META or _norm(unit.text) not in _COMMENT_HEADINGS:
            continue
        for j in range(i + 1, min(len(units), i + _COMMENT_WINDOW)):
            if _COMMENT_CLOSERS.match(_norm(units[j].text)):
                for item in units[i : j + 1]:
                    item.mark(NOISE, "reader comments")
                break


def _teasers(units):
    """After 'Related' / 'Most read' / 'Check also' come other stories' teasers.

    They are headlines, snippets cut off with an ellipsis, dates, or text in
    another language; the first ordinary English paragraph ends the run.
    """
    in_run = started = False
    for unit in units:
        if unit.kind == NOISE:
            # Above the article, "Top stories" is a menu item, not a list.
            in_run = in_run or (started and unit.reason == "teaser heading")
            continue
        started = started or (unit.kind == TEXT and not is_title_like(unit.text))
        if not in_run:
            continue
        text = unit.text
        if unit.kind == META and unit.reason != "date line":
            in_run = False  # the article's own credits and source line
            continue
        teaser = (
            unit.kind == META
            or (is_title_like(text) and not opens_unclosed_quote(text))
            or text.endswith(("…", "...", "[…]", "[...]"))
            or is_foreign(text)
        )
        if not teaser:
            in_run = False
            continue
        unit.mark(NOISE, "teaser")


def _repeated_captions(units):
    """A picture's alt text and caption, printed twice in a row."""
    for prev, unit in zip(units, units[1:]):
        if (
            unit.text == prev.text
            and unit.kind == prev.kind == TEXT
            and is_title_like(unit.text)
            and not unit.text.rstrip(_QUOTE_CLOSE).endswith((".", "!", "?", ":"))
            and not opens_unclosed_quote(unit.text)
            and len(words(unit.text)) >= 4
        ):
            prev.mark(NOISE, "caption")
            unit.mark(NOISE, "caption")


def _foreign_tail(units):
    """Text in another language after the article and the clutter that ends it."""
    tail = []
    for unit in reversed(units):
        if unit.kind == TEXT and is_foreign(unit.text) and not opens_unclosed_quote(unit.text):
            tail.append(unit)
            continue
        if unit.kind == NOISE and tail:
            for item in tail:
                item.mark(NOISE, "other-language teaser")
        break


def dedupe(units: list[Unit]) -> None:
    """A paragraph printed again later in the page is kept once, the first time."""
    seen = set()
    for unit in units:
        if unit.kind != TEXT:
            continue
        key = " ".join(unit.text.split())
        if key in seen:
            unit.mark(NOISE, "repeated paragraph")
        else:
            seen.add(key)
