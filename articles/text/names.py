"""Person names: normalised lookup keys and matching across articles.

Outlets spell one person many ways: with or without an honorific
("Mr. Crocker"), with the Arabic article written "al-", "Al " or left
out, hyphenated or spaced ("Kazemi-Qomi"), and in several
transliterations ("Nouri"/"Nuri", "Mowaffaq"/"Mowaffak"). ``name_keys``
gives every surface form a few keys that such variants share, so that the
database can find candidates with an indexed lookup; ``match_person`` then
decides which candidate, if any, is the same person.
"""
from __future__ import annotations

import re
import unicodedata

from .lexicon import GIVEN_NAME_FULL_FORMS
from .types import PersonCluster

# Words that stand before a name without being part of it.
HONORIFICS = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame",
    "lord", "lady", "rev", "reverend", "fr", "father", "sheikh", "shaikh",
    "imam", "ayatollah", "grand", "president", "vice", "premier", "prime",
    "minister", "ambassador", "secretary", "senator", "sen", "rep",
    "representative", "gov", "governor", "mayor", "gen", "general", "col",
    "colonel", "lt", "maj", "major", "capt", "captain", "adm", "admiral",
    "sgt", "judge", "justice", "king", "queen", "prince", "princess",
    "chancellor", "chairman", "speaker", "pope", "cardinal", "bishop",
    "rabbi", "state", "foreign", "defence", "defense", "interior", "envoy",
}
MALE_HONORIFICS = {"mr", "sir", "lord", "father", "fr", "king", "prince"}
FEMALE_HONORIFICS = {"mrs", "ms", "miss", "dame", "lady", "queen", "princess"}

# Name particles that outlets write in different ways or drop altogether.
PARTICLES = {"al", "el", "ul", "ad", "ar", "as", "at", "az", "an", "bin", "ibn",
             "bint", "van", "von", "der", "den", "de", "da", "di", "du", "del",
             "della", "le", "la", "dos", "das", "ben"}

# Generational suffixes: "Donald Trump Jr." is not "Donald Trump".
SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}

_APOSTROPHES = "'’‘`´ʼ"
_HYPHENS = "-‐‑‒–—"


def fold(text: str) -> str:
    """Lower case, accents removed, apostrophes dropped, hyphens as spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower()
    for a in _APOSTROPHES:
        text = text.replace(a, "")
    for h in _HYPHENS:
        text = text.replace(h, " ")
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def strip_possessive(name: str) -> str:
    return re.sub(r"[’'`]s?$", "", name.strip())


def name_parts(name: str) -> tuple[list[str], str | None]:
    """The name's own words (folded, honorifics and particles dropped) and the
    gender an honorific gives away ("m", "f" or None)."""
    words = fold(strip_possessive(name)).split()
    gender = None
    while words and words[0] in HONORIFICS and len(words) > 1:
        if words[0] in MALE_HONORIFICS:
            gender = "m"
        elif words[0] in FEMALE_HONORIFICS:
            gender = "f"
        words = words[1:]
    parts = [w for w in words if w not in PARTICLES and not w.isdigit()]
    return parts or words, gender


def skeleton(word: str) -> str:
    """A consonant skeleton that transliteration variants share.

    Vowels carry most of the variation between romanisations of Arabic and
    Persian names (Nouri/Nuri, Hoshyar/Hoshiyar/Hoshyer), so they are dropped
    after the first letter is kept as an anchor; q and k, ph and f, and
    doubled letters are merged too (Mowaffaq/Mowaffak, Moqtada/Muqtada).
    """
    w = word.lower()
    w = w.replace("ph", "f").replace("q", "k").replace("ck", "k").replace("c", "k")
    w = w.replace("dh", "d").replace("th", "t").replace("kh", "k").replace("gh", "g")
    w = w.replace("ou", "u").replace("ee", "i")
    head, rest = w[:1], w[1:]
    if head in "aeiou":
        head = "a"  # initial vowels vary too (Osama/Usama)
    rest = re.sub(r"[aeiouyw]", "", rest)
    out = head + rest
    return re.sub(r"(.)\1+", r"\1", out)


def surname_key(name: str) -> str:
    """The skeleton of a name's last word, without an Arabic article: how
    "Nouri al-Maliki", "Maliki" and "Nuri Al-Maliki" meet across articles."""
    last = re.sub(r"^(?:al|el)-", "", name.split()[-1], flags=re.IGNORECASE)
    return skeleton(last)


def name_keys(name: str) -> list[str]:
    """Normalised lookup keys for one surface form of a person's name.

    Keys: ``n:`` the folded name without honorifics and particles, ``s:`` its
    consonant skeleton, and ``l:`` the skeleton of each word that can be a
    surname (every word but the first of a longer name; the single word of a
    surname-only mention). Variants of one name share at least one key.
    """
    parts, _ = name_parts(name)
    if not parts:
        return []
    keys = ["n:" + " ".join(parts), "s:" + " ".join(skeleton(p) for p in parts)]
    surname_words = parts[1:] if len(parts) > 1 else parts
    for p in surname_words:
        key = "l:" + skeleton(p)
        if key not in keys:
            keys.append(key)
    return keys


def given_names_match(a: str, b: str) -> bool:
    """Two folded given names are one name: the same, or a known short form
    of the other ("ray"/"raymond"), or short forms of one name ("bill"/"will")."""
    if a == b:
        return True
    full_a = GIVEN_NAME_FULL_FORMS.get(a, frozenset())
    full_b = GIVEN_NAME_FULL_FORMS.get(b, frozenset())
    return a in full_b or b in full_a or bool(full_a & full_b)


def _given_compatible(a: str, b: str) -> bool:
    if a == b or skeleton(a) == skeleton(b):
        return True
    if len(a) == 1 or len(b) == 1:  # an initial
        return a[0] == b[0]
    return False


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(skeleton(w) for w in long)
    return all(any(s == w for w in it) for s in (skeleton(x) for x in short))


def _forms(canonical: str, aliases: list[str]) -> tuple[list[list[str]], str | None]:
    forms, genders = [], set()
    for n in [canonical, *aliases]:
        parts, gender = name_parts(n)
        if parts and parts not in forms:
            forms.append(parts)
        if gender:
            genders.add(gender)
    gender = genders.pop() if len(genders) == 1 else None
    return forms, gender


def _relation(ours: list[list[str]], theirs: list[list[str]]) -> int:
    """2: a full form of one matches a full form of the other (given names
    compatible, surnames equal); 1: one side's forms are only shorter forms of
    the other's (a surname, "Kazemi Qomi" in "Hassan Kazemi Qomi"); 0: no."""
    best = 0
    for a in ours:
        for b in theirs:
            if len(a) > 1 and len(b) > 1 and (a[-1] in SUFFIXES) != (b[-1] in SUFFIXES):
                continue  # a father and his son, as far as the names can tell
            if len(a) > 1 and len(b) > 1:
                if _given_compatible(a[0], b[0]) and skeleton(a[-1]) == skeleton(b[-1]):
                    if len(a) == len(b) and _is_subsequence(a, b):
                        return 3
                    best = max(best, 2)
                    continue
            if len(a) < len(b) and _is_subsequence(a, b):
                best = max(best, 1)
            elif len(b) < len(a) and _is_subsequence(b, a):
                best = max(best, 1)
            elif len(a) == len(b) == 1 and skeleton(a[0]) == skeleton(b[0]):
                best = max(best, 1)
    return best


def _has_full(forms: list[list[str]]) -> bool:
    return any(len(f) > 1 for f in forms)


def _same_full_name(ours: list[list[str]], theirs: list[list[str]]) -> bool:
    """Strong evidence on its own: a full form of one is a full form of the
    other, letter for letter, or with a known short form of the given name
    ("Ray Okafor"/"Raymond Okafor")."""
    for a in ours:
        for b in theirs:
            if len(a) > 1 and len(a) == len(b) and a[1:] == b[1:] and given_names_match(a[0], b[0]):
                return True
    return False


def match_person(cluster: PersonCluster, candidates, *, related=None) -> int | None:
    """The id of the candidate who is the same person as ``cluster``, or None.

    ``candidates`` are ``(id, canonical name, aliases)``. Across the archive
    a person joins another only on strong evidence: the same full name (a
    known short form of the given name allowed). Weaker evidence, a variant
    spelling ("Nuri"/"Nouri") or a shorter form (a surname), counts only for
    the candidates in ``related``, the people who share the article's event
    or a role with it; ``None`` means every candidate does (one event).

    A full name matches a full name when the surnames agree and the given
    names are variants of one another; two people who only share a surname
    ("George Bush", "Laura Bush") or a given name stay apart. A shorter form
    joins a candidate only when exactly one candidate could be meant.
    """
    ours, our_gender = _forms(cluster.name, cluster.aliases)
    if not ours:
        return None
    scored = []
    for cid, canonical, aliases in candidates:
        theirs, their_gender = _forms(canonical, aliases or [])
        if our_gender and their_gender and our_gender != their_gender:
            continue
        if _same_full_name(ours, theirs):
            rel = 3
        elif related is not None and cid not in related:
            continue
        elif _has_full(ours) and _has_full(theirs):
            # Both known in full: only the full names can show they are one
            # person; a shared given name or surname alone does not.
            rel = _relation([f for f in ours if len(f) > 1], [f for f in theirs if len(f) > 1])
        else:
            rel = _relation(ours, theirs)
        if rel:
            scored.append((rel, cid, theirs))
    if not scored:
        return None
    top = max(r for r, _, _ in scored)
    best = [(cid, theirs) for r, cid, theirs in scored if r == top]
    if top >= 2:
        return best[0][0] if len(best) == 1 or top == 3 else None
    # Only shorter-form relations: refuse when a full name on either side
    # clashes with the other's full name (different given names).
    if _has_full(ours):
        best = [(cid, t) for cid, t in best if not _clashing_full(ours, t)]
    if len(best) == 1:
        return best[0][0]
    if not _has_full(ours):
        # A bare surname that several people share goes to the one person
        # known only by it, if there is one, rather than starting yet another
        # "Bush" for every article that names no Bush in full.
        bare = [cid for cid, theirs in best if not _has_full(theirs)]
        if len(bare) == 1:
            return bare[0]
    return None


def _clashing_full(ours: list[list[str]], theirs: list[list[str]]) -> bool:
    for a in ours:
        for b in theirs:
            if len(a) > 1 and len(b) > 1 and skeleton(a[-1]) == skeleton(b[-1]):
                if not _given_compatible(a[0], b[0]) and not (
                    _is_subsequence(a, b) or _is_subsequence(b, a)
                ):
                    return True
    return False
