"""How an outlet tells a statement, and whether a source has a name.

``stance(sentence)`` says whether the outlet states something in its own
voice ("asserted"), gives it as what someone said or wrote ("attributed"),
or reports it without standing behind it ("hedged": "reportedly",
"allegedly", "is believed to", "according to", "may have"). The words that
decided it come back with the label, so a reader can check them.

Rules of English news style, in the order they decide:

1. Quoted words are the speaker's, not the outlet's: a hedge inside
   quotation marks does not hedge the outlet's statement.
2. A hedge of the outlet's own (an adverb such as "reportedly", a passive
   "is believed to", "appeared to", "according to") outranks an
   attribution: "X said, according to excerpts" is still second-hand.
3. A reporting clause ("X said", "told reporters", "insisted that",
   "accused Y of") or a quotation of several words makes it attributed.
4. A modal perfect or possibility in the narration ("may have", "could
   have") hedges a sentence that attributes nothing; inside a reported
   statement the modal belongs to the speaker.
"""
from __future__ import annotations

import re

from articles.text.dates import MONTHS, WEEKDAYS
from articles.text.lexicon import (
    HEDGE_ADVERBS, HEDGE_APPEARANCE, HEDGE_MODALS, HEDGE_PASSIVES, INDEFINITE_WORDS,
    IRREGULAR_FORMS, NATIONALITY, ORG_WORDS, REPORTING_CORE, ROLE_NOUNS, SOURCE_NOUNS,
    SPEECH_VERBS, TITLE_WORDS,
)

ASSERTED, ATTRIBUTED, HEDGED = "asserted", "attributed", "hedged"
STANCES = (ASSERTED, ATTRIBUTED, HEDGED)

# A quotation of this many words reports speech even with no verb beside
# it; fewer may be scare quotes ("the “occupying” US military").
QUOTATION_WORDS = 3

_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*[A-Za-z]|[A-Za-z]")
_BE = frozenset("is are was were be been being".split())


def verb_forms(lemma: str) -> set[str]:
    """The inflected forms of a regular or listed irregular verb."""
    forms = {lemma, *IRREGULAR_FORMS.get(lemma, "").split()}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in ("a", "e", "o", "u"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    else:
        doubled = lemma + lemma[-1]
        forms |= {lemma + "s", lemma + "es", lemma + "ed", lemma + "ing", doubled + "ed", doubled + "ing"}
    return forms


SPEECH_FORMS = {form: lemma for lemma in SPEECH_VERBS for form in verb_forms(lemma)}
CORE_FORMS = frozenset(form for lemma in REPORTING_CORE for form in verb_forms(lemma))
# What follows a reporting verb other than "say": the complement that
# makes it report speech ("warned that", "accused Iran of", "urged Iran to",
# "described the talks as"), searched within a few words.
COMPLEMENTS = {
    "that": SPEECH_VERBS,
    "of": frozenset("accuse".split()),
    "to": frozenset("urge warn ask appeal".split()),
    "as": frozenset("describe characterise characterize label brand portray".split()),
}
_COMPLEMENT_REACH = 6
_DETERMINERS = frozenset("a an the this that his her its their our my your any no every each".split())
_NOUN_LIKE = frozenset(SPEECH_VERBS) | {lemma + "s" for lemma in SPEECH_VERBS}


def quoted_spans(sentence: str) -> list[tuple[int, int]]:
    """Character spans inside quotation marks, marks included.

    A sentence may start inside a quotation that opened in an earlier one
    (it then holds a closing mark first) or end inside one still open."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for m in re.finditer(r"[“”\"]", sentence):
        pos, mark = m.start(), m.group()
        closes_word = pos > 0 and not sentence[pos - 1].isspace() and (
            pos + 1 == len(sentence) or sentence[pos + 1] in " ,.;:?!)—–-")
        if opened is None:
            if mark == "”" or (mark == '"' and closes_word):
                if not spans:
                    spans.append((0, pos + 1))
            else:
                opened = pos
        elif mark != "“":
            spans.append((opened, pos + 1))
            opened = None
    if opened is not None:
        spans.append((opened, len(sentence)))
    return spans


def _narration(sentence: str, spans) -> str:
    """The sentence with quoted words blanked out, offsets kept."""
    chars = list(sentence)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def _outlet_hedges(words: list[str]) -> list[str]:
    cues = []
    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if word in HEDGE_ADVERBS:
            cues.append(word)
        elif word == "according" and nxt == "to":
            cues.append("according to")
        elif word in HEDGE_PASSIVES and nxt == "to" and i and words[i - 1] in _BE:
            cues.append(f"{words[i - 1]} {word} to")
        elif word in HEDGE_APPEARANCE and (nxt == "to" or (i and words[i - 1] == "there")):
            cues.append(f"{word} to" if nxt == "to" else f"there {word}")
    return cues


def _modal_hedges(words: list[str]) -> list[str]:
    return [
        f"{word} {words[i + 1]}" for i, word in enumerate(words[:-1])
        if word in HEDGE_MODALS and words[i + 1] in ("have", "be", "well")
    ]


def _reporting_cues(words: list[str]) -> list[str]:
    cues = []
    for i, word in enumerate(words):
        if word in CORE_FORMS:
            cues.append(word)
            continue
        lemma = SPEECH_FORMS.get(word)
        if lemma is None or (
                word in _NOUN_LIKE and i and (words[i - 1] in _DETERMINERS or words[i - 1].endswith("'s"))):
            continue  # "the comment that", "a report that": a noun, not a verb
        ahead = words[i + 1:i + 1 + _COMPLEMENT_REACH]
        for complement, verbs in COMPLEMENTS.items():
            if lemma in verbs and complement in ahead:
                cues.append(f"{word} … {complement}" if ahead[0] != complement else f"{word} {complement}")
                break
    return cues


def _colon_or_quote_after_verb(narration: str, spans) -> list[str]:
    """'Mr. Kazemi said: “…”', 'called the atmosphere “businesslike”': a
    speech verb shortly before a quotation reports it."""
    cues = []
    for start, _ in spans:
        before = _words(narration[max(0, start - 60):start])[-4:]
        verbs = [w for w in before if w in SPEECH_FORMS]
        if verbs:
            cues.append(verbs[-1])
    return cues


def stance(sentence: str) -> tuple[str, list[str]]:
    """(label, cue words) for one sentence; label is one of ``STANCES``."""
    spans = quoted_spans(sentence)
    narration = _narration(sentence, spans)
    words = _words(narration)
    hedges = _outlet_hedges(words)
    if hedges:
        return HEDGED, hedges
    reporting = _reporting_cues(words) or _colon_or_quote_after_verb(narration, spans)
    if reporting:
        return ATTRIBUTED, reporting
    modals = _modal_hedges(words)
    if modals:
        return HEDGED, modals
    quoted = sum(len(_words(sentence[s:e])) for s, e in spans)
    if quoted >= QUOTATION_WORDS:
        return ATTRIBUTED, ["quotation"]
    return ASSERTED, []


# --- unnamed sources ----------------------------------------------------------

# Phrases that say outright that a source is kept unnamed.
_ANONYMITY = re.compile(
    r"\b(?:on (?:the )?condition (?:of|that (?:he|she|they) not be (?:named|identified))"
    r"|anonymous(?:ly)?|anonymity|unnamed|unidentified"
    r"|(?:asked|declined|requested) not to be (?:named|identified)"
    r"|declined to be (?:named|identified)"
    r"|not authori[sz]ed to (?:speak|discuss|comment|talk))\b",
    re.IGNORECASE,
)
# "people familiar with the matter", "a person close to the talks".
_PROXIMITY = re.compile(
    r"\b(?:" + "|".join(sorted(SOURCE_NOUNS)) + r"|officials?|aides?)\s+"
    r"(?:familiar with|close to|briefed on|with (?:direct )?knowledge of|involved in|who (?:was|were) (?:in|at))\b",
    re.IGNORECASE,
)
_SOURCE = re.compile(r"\bsources?\b", re.IGNORECASE)
_COURTESY = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen)\.?\s+[A-Z]")
_NOT_NAME_WORDS = (
    set(ORG_WORDS) | set(TITLE_WORDS) | set(ROLE_NOUNS) | set(NATIONALITY) | set(MONTHS) | set(WEEKDAYS)
)
_ROLE_PLURALS = frozenset({noun + "s" for noun in ROLE_NOUNS} | {"spokesmen", "spokeswomen", "chairmen"})


def names_someone(text: str) -> bool:
    """Whether ``text`` holds a person's name: "Mr. Crocker", or two or
    more capitalised words none of which is an organisation, title, role or
    nationality word ("Brad Woodhouse", not "White House officials")."""
    if _COURTESY.search(text):
        return True
    run: list[str] = []
    for word in re.findall(r"[A-Za-z][\w'’.-]*|\S", text) + ["."]:
        if word[0].isupper() and word.isalpha():
            run.append(word.lower())
            continue
        if len(run) >= 2 and not any(w in _NOT_NAME_WORDS for w in run):
            return True
        run = []
    return False


def is_anonymous_source(text: str) -> bool:
    """Whether an attribution ("a senior official said", "officials said",
    "according to people familiar with the matter", "a spokesman who asked
    not to be named") credits someone the text does not name."""
    if _ANONYMITY.search(text) or _PROXIMITY.search(text):
        return True
    if names_someone(text):
        return False
    if _SOURCE.search(text):
        return True
    words = _words(text)
    for i, word in enumerate(words):
        if i and words[i - 1] in SPEECH_FORMS:
            continue  # "told reporters": whom it was said to, not who said it
        if word in _ROLE_PLURALS or word in SOURCE_NOUNS:
            return True
        if word in ROLE_NOUNS and any(w in INDEFINITE_WORDS for w in words[max(0, i - 4):i]):
            return True
    return False
