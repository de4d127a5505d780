"""Quotation spans in an article body, and whether each is a quote at all.

Scraped news copy is typographically messy: straight and curly marks mix,
an opening mark is sometimes typed the wrong way round, an apostrophe is
typed as a left single mark ("Egypt‘s"), and a quote that runs over several
paragraphs re-opens each paragraph but closes only in the last. Marks are
therefore read by their surroundings (a mark after a space and before a
word opens, a mark after a word and before a space or punctuation closes),
and the glyph only breaks ties. Pairing never crosses a paragraph, so one
stray mark cannot derail the rest of the article.

Kinds follow the usual convention of news style guides:

* direct: one or more whole sentences of the speaker (capitalised), standing
  alone or set off from the attribution by a comma or colon;
* partial: words built into the narrator's own sentence.

Quotation marks also enclose scare quotes, titles and terms (a "surge", the
film "Casablanca"); such spans are only kept when a reporting verb governs
them or they are long enough to be someone's words.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .lexicon import SPEECH_VERBS, TOPIC_PREPOSITIONS, TOPIC_VERBS

DOUBLE = frozenset('"“”„‟«»')
SINGLE = frozenset("'‘’‛")
QUOTE_CHARS = DOUBLE | SINGLE
_DOUBLE_OPEN_GLYPHS = frozenset("“„‟«")
_DOUBLE_CLOSE_GLYPHS = frozenset("”»")
_OPEN_PREV = frozenset("([{<—–-/")
_CLOSE_NEXT = frozenset(".,;:!?)]}>—–-…/")
_SENTENCE_END = frozenset(".!?…")
# A subheading has at most ten words; past this length it is prose.
CROSSHEAD_MAX_CHARS = 250

# Words before a quoted span that make it a name, title or term.
_TERM_CUES = re.compile(
    r"(?:so-called|so called|dubbed|nicknamed|known as|termed|titled|entitled|"
    r"branded|labelled|labeled|"
    r"the (?:word|words|term|phrase|slogan|motto|hashtag|film|movie|book|song|"
    r"album|novel|show|series|programme|program|play|poem|headline|"
    r"documentary|campaign|operation|codename|code name|nickname|label|"
    r"brand|title|exhibition|single|painting|musical|opera|column|blog|"
    r"podcast|newsletter|report|study|paper|essay|chapter|episode))"
    r"(?:\s+\w+){0,2}\s*$",
    re.IGNORECASE,
)


@dataclass
class RawQuote:
    open: int  # index of the opening mark
    close: int | None  # index of the closing mark; None: runs to paragraph end
    start: int  # quoted text, marks and outer spaces excluded
    end: int
    para: int  # paragraph number
    style: str  # "double" | "single"
    continues: bool = False  # the next paragraph re-opens the same quote


@dataclass
class QuoteCandidate:
    raw: RawQuote
    start: int
    end: int
    kind: str | None  # "direct" | "partial" | None: not a quotation
    reason: str = ""
    governor: int | None = None  # token index of a governing reporting verb
    chain: int | None = None  # id shared by the paragraphs of one long quote


def paragraphs(body: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line; a quote never spans two lines."""
    out = []
    pos = 0
    for line in body.split("\n"):
        end = pos + len(line)
        s, e = pos, end
        while s < e and body[s].isspace():
            s += 1
        while e > s and body[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
        pos = end + 1
    return out


def _ctx(body: str, i: int, lo: int, hi: int) -> tuple[bool, bool]:
    prev = body[i - 1] if i > lo else None
    nxt = body[i + 1] if i + 1 < hi else None
    opening = (prev is None or prev.isspace() or prev in _OPEN_PREV
               or prev in QUOTE_CHARS) and nxt is not None and not nxt.isspace()
    closing = (prev is not None and not prev.isspace()) and (
        nxt is None or nxt.isspace() or nxt in _CLOSE_NEXT or nxt in QUOTE_CHARS)
    return opening, closing


def _scan_double(body, lo, hi, marks):
    spans, unclosed = [], None
    open_at = None
    for i in marks:
        ch = body[i]
        oc, cc = _ctx(body, i, lo, hi)
        if oc and cc:
            if ch in _DOUBLE_OPEN_GLYPHS:
                role = "open"
            elif ch in _DOUBLE_CLOSE_GLYPHS:
                role = "close"
            else:
                role = "close" if open_at is not None else "open"
        elif oc:
            role = "open"
        elif cc:
            role = "close"
        else:
            prev = body[i - 1] if i > lo else " "
            nxt = body[i + 1] if i + 1 < hi else " "
            if prev.isspace() or nxt.isspace():
                continue  # a mark standing alone between spaces
            if ch in _DOUBLE_OPEN_GLYPHS and open_at is None:
                role = "open"  # said“We: a missing space
            elif ch in _DOUBLE_CLOSE_GLYPHS and open_at is not None:
                role = "close"
            else:
                continue  # 5"6: inches, not a quote
        if role == "open":
            open_at = i  # an earlier unclosed opener was a stray mark
        elif open_at is not None:
            spans.append((open_at, i))
            open_at = None
    if open_at is not None:
        unclosed = open_at
    return spans, unclosed


def _scan_single(body, lo, hi, marks):
    spans, unclosed = [], None
    open_at = None
    fallback = None
    for i in marks:
        ch = body[i]
        prev = body[i - 1] if i > lo else None
        nxt = body[i + 1] if i + 1 < hi else None
        if prev is not None and nxt is not None and prev.isalnum() and nxt.isalnum():
            continue  # an apostrophe inside a word: don’t, Egypt‘s
        oc, cc = _ctx(body, i, lo, hi)
        if open_at is None:
            if oc and ch in "‘'‛" and nxt is not None and (nxt.isalnum() or nxt in "[(…"):
                open_at, fallback = i, None
            continue
        if cc and ch in "’'":
            after = body[i + 2] if i + 2 < hi else ""
            # "the countries’ help": a plural possessive, not the closing mark,
            # unless nothing better turns up in the paragraph.
            if prev in "sS" and nxt == " " and after.islower():
                if fallback is None:
                    fallback = i
                continue
            spans.append((open_at, i))
            open_at, fallback = None, None
    if open_at is not None:
        if fallback is not None:
            spans.append((open_at, fallback))
        else:
            unclosed = open_at
    return spans, unclosed


def find_raw_quotes(body: str) -> list[RawQuote]:
    """Every pair of quotation marks, paragraph by paragraph."""
    paras = paragraphs(body)
    found: list[RawQuote] = []
    pending: list[tuple[int, RawQuote]] = []  # unclosed, to be kept or dropped
    for p, (lo, hi) in enumerate(paras):
        dmarks = [i for i in range(lo, hi) if body[i] in DOUBLE]
        smarks = [i for i in range(lo, hi) if body[i] in SINGLE]
        spans = []
        for style, marks, scan in (("double", dmarks, _scan_double),
                                   ("single", smarks, _scan_single)):
            if not marks:
                continue
            pairs, unclosed = scan(body, lo, hi, marks)
            spans += [(a, b, style) for a, b in pairs]
            if unclosed is not None:
                spans.append((unclosed, None, style))
        spans = _outermost(spans, hi)
        for a, b, style in spans:
            s, e = a + 1, (b if b is not None else hi)
            s, e = _trim(body, s, e)
            if e <= s:
                continue
            rq = RawQuote(open=a, close=b, start=s, end=e, para=p, style=style)
            if b is None:
                pending.append((p, rq))
            found.append(rq)
    blocks = _block_quotes(body, paras)
    if blocks:
        # Marks inside a block quotation are the speaker's own quoting.
        in_block = {rq.para for rq in blocks}
        found = sorted([rq for rq in found if rq.para not in in_block] + blocks, key=lambda rq: rq.open)
    # An unclosed quote is kept when it opens its paragraph and the quote goes
    # on in the next paragraph (which re-opens it), or when it fills its
    # paragraph; a mark opened mid-paragraph and never closed is stray.
    opens_para = {}
    for rq in found:
        lo = paras[rq.para][0]
        if rq.open == lo:
            opens_para[rq.para] = rq
    keep = []
    for rq in found:
        if rq.close is not None or rq.style == "block":
            keep.append(rq)
            continue
        at_start = rq.open == paras[rq.para][0]
        nxt = opens_para.get(rq.para + 1)
        if at_start and nxt is not None and nxt.style == rq.style:
            rq.continues = True
            keep.append(rq)
        elif at_start and rq.style == "double":
            keep.append(rq)
        elif rq.style == "double" and _opens_last_sentences(body, paras[rq.para][0], rq):
            keep.append(rq)
    return keep


# A paragraph ending "..., saying:" or "Read the full letter:" introduces a
# block quotation: the next paragraph is the speaker's words, printed without
# quotation marks (a tweet, a letter, a statement set off from the story).
_BLOCK_CUE = re.compile(
    r"\b(?:said|says|saying|say|wrote|writes|writing|tweeted|tweets|tweeting|posted|posting|"
    r"added|adding|stated|statement|letter|post|tweet|message|rant|reads|read|follows|via)\b"
    r"[^.!?\"“”]{0,80}:\s*$",
    re.IGNORECASE,
)
_BLOCK_MIN_CHARS = 40  # shorter paragraphs are headings or labels


def _opens_last_sentences(body: str, lo: int, rq: RawQuote) -> bool:
    """'... ," Bloomberg said. "Trump says ... God help us.' with no closing
    mark: a quotation opened after a full stop that runs to the paragraph's
    end in whole sentences lost its closing mark (or goes on in the next
    paragraph), rather than being a stray mark."""
    before = body[lo:rq.open].rstrip(" \u00a0")
    return (before[-1:] in _SENTENCE_END and body[rq.end - 1:rq.end] in _SENTENCE_END | {"?", "!"}
            and _first_alpha_upper(body[rq.start:rq.end]))


def _block_quotes(body: str, paras) -> list[RawQuote]:
    blocks = []
    for p in range(1, len(paras)):
        lo, hi = paras[p]
        plo, phi = paras[p - 1]
        if hi - lo < _BLOCK_MIN_CHARS or any(body[i] in DOUBLE for i in range(lo, hi)):
            continue
        if not _BLOCK_CUE.search(body[max(plo, phi - 120):phi]):
            continue
        blocks.append(RawQuote(open=lo, close=None, start=lo, end=hi, para=p, style="block"))
    return blocks


def _outermost(spans, hi):
    """Drop spans nested inside another (a quote within a quote stays part of
    the outer text) and spans that cross one already kept.

    Kept spans never overlap, so in order of start only the furthest end kept
    so far can clash with the next span: one pass, not all pairs.
    """
    def key(s):
        a, b, style = s
        return (a, -(b if b is not None else hi))
    kept = []
    last_end = None
    for a, b, style in sorted(spans, key=key):
        e = b if b is not None else hi
        if last_end is not None and (a < last_end or e <= last_end):
            continue  # nested in, or crossing, a kept span
        kept.append((a, b, style))
        last_end = e
    return kept


def _trim(body, s, e):
    while s < e and body[s].isspace():
        s += 1
    while e > s and body[e - 1].isspace():
        e -= 1
    return s, e


def is_crosshead(body: str, lo: int, hi: int) -> bool:
    """A subheading inside the body: short and with no closing punctuation."""
    end = hi
    while end > lo and (body[end - 1] in QUOTE_CHARS or body[end - 1] in " \u00a0"):
        end -= 1
    if end == lo:
        return True
    if body[end - 1] in ".!?:;…,":
        return False
    if end - lo > CROSSHEAD_MAX_CHARS:
        return False
    return len(body[lo:end].split()) <= 10


def _first_alpha_upper(text: str) -> bool:
    i = 0
    # Skip an editorial insertion's bracket, an ellipsis and spaces.
    while i < len(text) and (text[i] in "[(…. \u00a0'‘\"“" or text[i] == "-"):
        i += 1
    return i < len(text) and (text[i].isupper() or text[i].isdigit())


class Mask:
    """Which character ranges of the body are inside quotation marks."""

    def __init__(self, ranges):
        self.ranges = sorted(ranges)
        self.starts = [a for a, _ in self.ranges]

    def covers(self, pos: int) -> bool:
        k = bisect.bisect_right(self.starts, pos) - 1
        return k >= 0 and self.ranges[k][0] <= pos < self.ranges[k][1]


def governing_verb(doc, span_start: int, span_end: int, mask: Mask):
    """The reporting verb whose clause contains the span, or None.

    Climbs the dependency tree from the span; a verb inside some other
    quotation is the quoted speaker's, not the narrator's, and is skipped.
    Returns (token, blocked): blocked is True when the span is only the topic
    of talk ("spoke of the 'surge'").
    """
    span = doc.char_span(span_start, span_end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None, False
    tok = span.root
    child = tok
    steps = 0
    while steps < 40:
        steps += 1
        head = tok.head
        if head.i == tok.i:
            break
        child, tok = tok, head
        if span_start <= tok.idx < span_end:
            continue
        if mask.covers(tok.idx):
            continue
        if tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX", "NOUN"):
            if tok.pos_ == "NOUN":
                continue
            if (tok.lemma_.lower() in TOPIC_VERBS and child.dep_ == "prep"
                    and child.lower_ in TOPIC_PREPOSITIONS):
                return None, True
            return tok, False
    return None, False


def classify(body: str, doc, raws: list[RawQuote]) -> list[QuoteCandidate]:
    """Decide for each span whether it is a quotation, and its kind."""
    paras = paragraphs(body)
    mask = Mask([(r.start, r.end) for r in raws])
    out: list[QuoteCandidate] = []
    chain_id = 0
    prev_cont = False
    for rq in raws:
        lo, hi = paras[rq.para]
        s, e = rq.start, rq.end
        after = body[rq.close + 1:hi] if rq.close is not None else ""
        # A comma inside the closing mark before the attribution is the
        # narrator's punctuation, not the speaker's.
        if rq.close is not None and e > s and body[e - 1] == "," and after.strip():
            e -= 1
            s, e = _trim(body, s, e)
        cand = QuoteCandidate(raw=rq, start=s, end=e, kind=None)
        if rq.style == "block":
            out.append(cand)
            cand.kind = "direct"
            cand.governor = _last_speech_verb(doc, *paras[rq.para - 1])
            continue
        # Paragraphs of a long quote: each re-opens, the last one closes.
        if prev_cont and rq.open == lo:
            cand.chain = chain_id
        if rq.continues:
            if not (prev_cont and rq.open == lo):
                chain_id += 1
            cand.chain = chain_id
        prev_cont = rq.continues
        out.append(cand)
        text = body[s:e]
        if e <= s or not any(c.isalnum() for c in text):
            cand.reason = "empty"
            continue
        if is_crosshead(body, lo, hi) and cand.chain is None:
            cand.reason = "crosshead"
            continue
        before = body[lo:rq.open].rstrip(" \u00a0")
        prev_char = before[-1] if before else None
        if prev_char in QUOTE_CHARS and len(before) > 1:
            prev_char = before.rstrip("".join(QUOTE_CHARS) + " ")[-1:] or None
            if prev_char and prev_char not in _SENTENCE_END:
                prev_char = "x"
        words = len(text.split())
        upper = _first_alpha_upper(text)
        standalone = prev_char is None or prev_char in _SENTENCE_END
        set_off = prev_char in (",", ":")
        ends_sentence = text.rstrip("”\"’' ")[-1:] in _SENTENCE_END or after.lstrip()[:1] in (
            ".", "!", "?") and not after.strip()[1:].strip()
        verb, blocked = governing_verb(doc, s, e, mask)
        cand.governor = verb.i if verb is not None else None
        term = _TERM_CUES.search(before[-60:]) is not None
        if term and words <= 6 and not (upper and standalone):
            cand.reason = "term"
            continue
        if upper and (standalone or set_off) and (
                words >= 3 or ends_sentence or verb is not None or _cue_follows(after)):
            cand.kind = "direct"
            continue
        if blocked:
            cand.reason = "topic"
            continue
        if cand.chain is not None:
            cand.kind = "direct" if upper else "partial"
            continue
        if verb is not None:
            if _is_title_like(text) and words <= 6 and not standalone:
                cand.reason = "title"
                continue
            cand.kind = "partial"
            continue
        if words >= 8 and not _is_title_like(text):
            cand.kind = "partial"  # a long fragment is someone's words
            continue
        if _cue_follows(after) and words >= 3:
            cand.kind = "partial"
            continue
        cand.reason = "scare" if words <= 3 else "unattributed"
    return out


_CUE_AFTER = re.compile(
    r"^[,:]?\s*(?:[\w.’'-]+\s+){0,4}?(?:" + "|".join(
        sorted({"said", "says", "told", "added", "asked", "stressed", "explained",
                "insisted", "noted", "warned", "wrote", "replied", "according"}))
    + r")\b", re.IGNORECASE)


def _last_speech_verb(doc, lo: int, hi: int) -> int | None:
    """The last reporting verb of a paragraph, as a token index."""
    found = None
    for tok in doc:
        if tok.idx >= hi:
            break
        if tok.idx >= lo and tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in SPEECH_VERBS:
            found = tok.i
    return found


def _cue_follows(after: str) -> bool:
    return bool(_CUE_AFTER.match(after.strip()))


def _is_title_like(text: str) -> bool:
    """Title Case words ("Gone With the Wind"): a name, not speech."""
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", text)]
    if len(words) < 2:
        return False
    small = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for",
             "with", "by", "from", "de", "la", "le"}
    return all(w[0].isupper() or w.lower() in small for w in words) and words[0][0].isupper()
