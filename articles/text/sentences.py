"""Split an article body into sentences with their character offsets.

Plain regular expressions, no spaCy: alignment runs over thousands of
stored bodies and must stay fast.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Words that end with a full stop without ending the sentence.
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "cpl",
    "gov", "sen", "rep", "rev", "st", "jr", "sr", "no", "vs", "etc", "inc", "corp",
    "co", "ltd", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec",
    "u.s", "u.n", "u.k", "e.u", "a.m", "p.m", "i.e", "e.g", "adm", "sgt", "hon", "fig",
}

# A candidate boundary: terminal punctuation, optional closing quotes or
# brackets, then whitespace and the start of the next sentence.
_BOUNDARY = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s+["'“‘(\[]*[A-Z0-9])""")
# Scraped pages fuse sentences ("in 27 years.US ambassador"): a full stop
# between a lower-case word and a capital with no space is a boundary too.
_FUSED = re.compile(r"(?<=[a-z]{2})\.(?=[A-Z][A-Za-z])")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def _is_abbreviation(text: str, dot: int) -> bool:
    m = _WORD_BEFORE.search(text, 0, dot)
    if not m:
        return False
    word = m.group(1).lower().strip(".")
    if word in ABBREVIATIONS:
        return True
    # Initials: "J. Smith", "U.S." (a single capital before the stop).
    return len(word) == 1 or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", word))


def _cuts(paragraph: str) -> list[int]:
    cuts = []
    for m in _BOUNDARY.finditer(paragraph):
        if paragraph[m.start()] == "." and _is_abbreviation(paragraph, m.start()):
            # "U.S. Embassy" is not a boundary, but "in the U.S. The" is; a
            # following function word that starts sentences decides.
            nxt = paragraph[m.end():].lstrip()[:5]
            if not re.match(r"(The|He|She|It|They|We|But|In|A|An)\b", nxt):
                continue
        cuts.append(m.end())
    for m in _FUSED.finditer(paragraph):
        cuts.append(m.end())
    return sorted(set(cuts))


def split_sentences(body: str) -> list[Sentence]:
    """The sentences of ``body``; ``body[s.start:s.end] == s.text``."""
    out: list[Sentence] = []
    for pm in re.finditer(r"[^\n]+", body):
        para = pm.group(0)
        prev = 0
        for cut in _cuts(para) + [len(para)]:
            chunk = para[prev:cut]
            lead = len(chunk) - len(chunk.lstrip())
            text = chunk.strip()
            if text:
                start = pm.start() + prev + lead
                out.append(Sentence(start, start + len(text), text))
            prev = cut
    return out
