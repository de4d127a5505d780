"""The people an article names, one cluster per person.

News copy introduces a person once in full ("UK ambassador to Egypt Anne
Dupont", "Omar Haddad, Jordan's foreign minister,") and then by surname,
often with a courtesy title ("Mr Haddad"). The small spaCy model finds most
full names but misses or mislabels some (a hyphenated surname tagged as an
organisation), so a run of capitalised words also counts as a person when
the text treats it as one: after a courtesy title or an office, before an
appositive role, or as the subject of a reporting verb.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import (
    COURTESY, FEMALE_GIVEN_NAMES, FEMALE_ROLES, GENERIC_ROLES, MALE_GIVEN_NAMES, MALE_ROLES, NATIONALITY,
    NATIONALITY_BIGRAMS, NON_PERSON_WORDS, ORG_WORDS, ROLE_ABBREVIATIONS, ROLE_NOUNS, SPEECH_VERBS, TITLE_WORDS,
)
from .names import PARTICLES, SUFFIXES, fold, strip_possessive
from .types import PersonCluster

_HYPHENS = {"-", "‐", "‑"}
# The small model often calls a name a facility or organisation, but a word
# it reads as a place or a nationality is rarely part of a person's name.
_NON_PERSON_LABELS = {"GPE", "NORP", "LOC", "DATE", "TIME", "MONEY", "PERCENT",
                      "QUANTITY", "CARDINAL", "ORDINAL", "LANGUAGE"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}


@dataclass
class Mention:
    start: int  # body offsets, courtesy title included
    end: int
    tok_start: int  # token indices of the name itself
    tok_end: int
    parts: tuple[str, ...]  # folded name words, particles dropped
    surface: str  # as printed, courtesy title included, possessive dropped
    bare: str  # without the courtesy title
    gender: str | None = None
    strong: bool = False
    cluster: int = -1
    is_subject: bool = False


@dataclass
class PersonInfo:
    """What the attribution stage needs to know about a cluster."""

    gender: str | None = None
    nations: set[str] = field(default_factory=set)
    roles: list[str] = field(default_factory=list)
    role_nouns: set[str] = field(default_factory=set)


@dataclass
class People:
    clusters: list[PersonCluster]
    info: list[PersonInfo]
    mentions: list[Mention]  # sorted by position

    def mention_at(self, tok_i: int) -> Mention | None:
        for m in self._by_token.get(tok_i, ()):
            return m
        return None

    def __post_init__(self):
        self._by_token: dict[int, list[Mention]] = {}
        for m in self.mentions:
            for i in range(m.tok_start, m.tok_end):
                self._by_token.setdefault(i, []).append(m)


def _is_name_word(tok) -> bool:
    text = tok.text
    if not text or not text[0].isupper() or tok.like_num:
        return False
    if text.lower() in TITLE_WORDS or text.lower().rstrip(".") in TITLE_WORDS:
        return False
    if tok.ent_type_ in _NON_PERSON_LABELS:
        return False
    if not any(c.isalpha() for c in text) or "\n" in text:
        return False
    if tok.pos_ == "PROPN" or tok.ent_type_ == "PERSON":
        return True
    return False


def _not_a_name(word: str) -> bool:
    """A folded word no person's name contains: "God", "Facebook", "Photo",
    an ideology ("Conservatism")."""
    return word in NON_PERSON_WORDS or (len(word) > 5 and word.endswith("ism"))


def _is_particle(tok) -> bool:
    return tok.lower_ in PARTICLES


def _runs(doc):
    """Maximal runs of name words, joined by spaces, hyphens or particles."""
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        starts = _is_name_word(tok) or (
            _is_particle(tok) and i + 2 < n and doc[i + 1].text in _HYPHENS
            and not tok.whitespace_ and not doc[i + 1].whitespace_
            and _is_name_word(doc[i + 2])
        )
        if not starts:
            i += 1
            continue
        j = i
        while True:
            cur = doc[j]
            if j + 1 >= n:
                break
            nxt = doc[j + 1]
            if (not cur.whitespace_ and nxt.text in _HYPHENS and not nxt.whitespace_
                    and j + 2 < n and (_is_name_word(doc[j + 2]) or _is_particle(doc[j + 2]))):
                j += 2
                continue
            if cur.whitespace_ == " " and _is_name_word(nxt):
                j += 1
                continue
            if (cur.whitespace_ == " " and _is_particle(nxt) and j + 2 < n
                    and (_is_name_word(doc[j + 2]) or doc[j + 2].text in _HYPHENS)):
                j += 1
                continue
            if (not cur.whitespace_ and _is_particle(cur) and nxt.text in _HYPHENS):
                j += 1
                continue
            break
        # A run must end on a name word, not on a particle or hyphen.
        while j > i and not _is_name_word(doc[j]):
            j -= 1
        # "Economist Priya Shah": a capitalised role opening a sentence.
        first = i
        while first < j and doc[first].lower_ in ROLE_NOUNS:
            first += 1
        if _is_name_word(doc[j]):
            yield first, _without_clutter(doc, first, j + 1)
        i = j + 1


_CREDIT_WORDS = {"photo", "photos", "photograph", "photographer", "image", "images", "credit",
                 "courtesy", "illustration", "graphic", "video", "pictured", "file"}


def _in_credit(doc, i: int, j: int) -> bool:
    """"Photo: Jane Roe/Getty Images", "(Photo by Jane Roe/AP)": a
    photographer's credit names no one the story is about."""
    if j < len(doc) and doc[j].text in ("/", "|") or j < len(doc) and doc[j].text.startswith("/"):
        return True
    for k in range(i - 1, max(-1, i - 4), -1):
        tok = doc[k]
        if "\n" in tok.text or tok.text in (".", "!", "?"):
            return False
        if tok.lower_ in _CREDIT_WORDS:
            return True
    return False


def _without_clutter(doc, i: int, j: int) -> int:
    """Where a name ends once page clutter glued to it is cut off: a link's
    hover card repeats the name, or its last word, and runs on into a headline
    ("Ryan Crocker Ryan Crocker Envoy Warns Iran", "Ryan Crocker Crocker"),
    and a "MORE" link follows it in capitals."""
    words = [doc[k].lower_ for k in range(i, j)]
    for k in range(1, len(words)):
        hyphened = i + k + 1 < len(doc) and doc[i + k + 1].text in _HYPHENS  # "Boutros Boutros-Ghali"
        if (k >= 2 and words[k] == words[0]) or (words[k] == words[k - 1] and not hyphened):
            j = i + k  # the name starts again, or its last word repeats
            break
    if not doc[i].text.isupper():
        for k in range(i + 1, j):
            if doc[k].is_alpha and len(doc[k].text) > 1 and doc[k].text.isupper():
                return k
    return j


def _parts(text: str) -> tuple[str, ...]:
    words = fold(text).split()
    kept = [w for w in words if w not in PARTICLES]
    return tuple(kept or words)


def _courtesy_before(doc, i):
    if i > 0 and doc[i - 1].lower_ in COURTESY:
        return doc[i - 1]
    return None


def _speech_head(tok):
    """The reporting verb a subject belongs to, if any."""
    head = tok
    while head.dep_ in ("compound", "flat") and head.head.i != head.i:
        head = head.head
    if head.dep_ in _SUBJECT_DEPS and head.head.lemma_.lower() in SPEECH_VERBS:
        return head.head
    return None


def _role_before(doc, i) -> tuple[str, int] | None:
    """A title or office printed right before a name: "UK ambassador to Egypt"."""
    j = i - 1
    if j >= 0 and doc[j].lower_ in COURTESY:
        return None
    start = None
    has_role = False
    while j >= 0:
        t = doc[j]
        low = t.lower_.rstrip(".")
        if "\n" in t.text or (t.is_punct and t.text not in _HYPHENS):
            break
        if low in ROLE_NOUNS or low in TITLE_WORDS:
            has_role = has_role or low in ROLE_NOUNS or low in TITLE_WORDS
            start = j
        elif t.ent_type_ in ("GPE", "NORP", "ORG") or low in NATIONALITY or t.pos_ == "PROPN":
            start = j
        elif low in ("of", "to", "for") and start is not None:
            if low == "for":
                break
            start = j
        elif t.text in ("’s", "'s") and j > 0:
            start = j
        elif t.pos_ == "ADJ" and start is not None and t.text[:1].isupper():
            start = j
        else:
            break
        j -= 1
    if start is None or not has_role:
        return None
    while start < i and doc[start].lower_ in ("of", "to", "for"):
        start += 1
    span = doc[start:i]
    if not any(t.lower_.rstrip(".") in ROLE_NOUNS or t.lower_.rstrip(".") in TITLE_WORDS
               for t in span):
        return None
    if all(t.lower_.rstrip(".") in COURTESY for t in span):
        return None
    return span.text, start


def _role_appositive(doc, j) -> str | None:
    """", Jordan's foreign minister," after a name ending at token j."""
    n = len(doc)
    if j >= n or doc[j].text != ",":
        return None
    k = j + 1
    words = []
    while k < n and k - j <= 12:
        t = doc[k]
        if t.text in (",", ".", ";", ":", "—", "–") or "\n" in t.text or t.is_quote:
            break
        if t.pos_ in ("VERB", "AUX") and t.lower_ not in ("elected",):
            return None
        words.append(t)
        k += 1
    if not words or words[0].pos_ == "ADP":
        return None  # ", as a former senator," says what someone was, not who
    if not any(t.lower_ in ROLE_NOUNS for t in words):
        return None
    while words and words[0].pos_ in ("DET", "PRON") and words[0].lower_ in (
            "the", "a", "an", "his", "her", "its", "their"):
        words = words[1:]
    if not words:
        return None
    return doc[words[0].i:words[-1].i + 1].text


def _role_appositive_before(doc, i) -> str | None:
    """"the Jordanian prime minister, Omar al-Haddad" - a role set before a name."""
    if i < 2 or doc[i - 1].text != ",":
        return None
    k = i - 2
    words = []
    while k >= 0 and i - k <= 10:
        t = doc[k]
        if t.is_punct or "\n" in t.text or t.pos_ in ("VERB", "AUX", "ADP") and t.lower_ not in (
                "of", "to"):
            break
        words.insert(0, t)
        if t.lower_ in ("the", "a", "an", "his", "her", "its", "their"):
            break
        k -= 1
    if not words or words[0].lower_ not in ("the", "his", "her", "its", "their"):
        return None
    if words[-1].lower_ not in ROLE_NOUNS:
        return None
    return doc[words[1].i:words[-1].i + 1].text if len(words) > 1 else None


def _offices(role: str) -> set[str]:
    """The specific offices a role names ("ambassador" in "Iran's ambassador
    to Iraq"); "counterpart" or "official" name none."""
    words = [w[:-2] if w.endswith(("’s", "'s")) else w for w in re.findall(r"[\w’'-]+", (role or "").lower())]
    return _role_nouns(words) - GENERIC_ROLES


def _role_nouns(words) -> set[str]:
    """The role nouns among a role's words, abbreviated titles spelled out."""
    found = set()
    for word in words:
        word = word.lower().rstrip(".")
        word = ROLE_ABBREVIATIONS.get(word, word)
        if word in ROLE_NOUNS:
            found.add(word)
    return found


def _role_rank(role: str) -> tuple[bool, int]:
    return bool(_offices(role)), min(len(role.split()), 8)


def fuller_role(new: str, old: str) -> bool:
    """Whether ``new`` describes a person better than ``old``: it names an
    office where the old one names none ("Iranian counterpart"), or names one
    in more words ("Iran's ambassador to Iraq" over "ambassador")."""
    return bool(new) and (not old or _role_rank(new) > _role_rank(old))


def shares_office(a: str, b: str) -> bool:
    """Two role descriptions name the same office ("senator", "ambassador")."""
    return bool(_offices(a) & _offices(b))


def nations_in(text_tokens) -> set[str]:
    """Countries a role belongs to ("UK ambassador to Egypt": the UK only)."""
    found = set()
    toks = list(text_tokens)
    for idx, t in enumerate(toks):
        low = t.lower() if isinstance(t, str) else t.lower_
        prev = toks[idx - 1] if idx else ""
        prev = prev.lower() if isinstance(prev, str) else prev.lower_
        nxt = toks[idx + 1] if idx + 1 < len(toks) else ""
        nxt = nxt.lower() if isinstance(nxt, str) else nxt.lower_
        if prev in ("to", "in", "for", "from", "on", "at"):
            continue
        key = NATIONALITY_BIGRAMS.get(f"{low} {nxt}") or NATIONALITY.get(low)
        if key and nxt not in ("correspondent", "editor", "bureau", "analyst", "expert"):
            found.add(key)
    return found


def find_people(body: str, doc) -> People:
    ents_person = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            ents_person.update(range(ent.start, ent.end))

    raw: list[Mention] = []
    for i, j in _runs(doc):
        span = doc[i:j]
        text = span.text
        if "\n" in text:
            continue
        words = fold(text).split()
        if not words or any(w in ORG_WORDS or _not_a_name(w) for w in words):
            continue
        if all(t.text.isupper() and len(t.text) > 1 for t in span if t.is_alpha):
            continue  # acronyms: AFP, BBC
        if _in_credit(doc, i, j):
            continue
        courtesy = _courtesy_before(doc, i)
        start_tok = i - 1 if courtesy is not None else i
        person_toks = sum(1 for k in range(i, j) if k in ents_person)
        name_words = [t for t in span if _is_name_word(t)]
        head = span.root
        strong = False
        if courtesy is not None:
            strong = True
        elif _role_before(doc, i) or _role_appositive(doc, j) or _role_appositive_before(doc, i):
            strong = True
        elif person_toks and len(name_words) >= 2:
            # "the Abdel Qadir Gilani mosque": a name used to name a thing.
            strong = not (head.dep_ == "compound" and head.head.pos_ == "NOUN"
                          and i > 0 and doc[i - 1].lower_ == "the")
        elif person_toks:
            strong = _speech_head(head) is not None or (
                head.dep_ in _SUBJECT_DEPS and (i == 0 or doc[i - 1].lower_ != "the"))
        elif len(name_words) >= 2 and _speech_head(head) is not None and not (
                i > 0 and doc[i - 1].lower_ == "the"):
            # A two-part name said to speak: only people "tell reporters".
            strong = True
        gender = COURTESY.get(courtesy.lower_) if courtesy is not None else None
        surface = strip_possessive(doc[start_tok:j].text)
        raw.append(Mention(
            start=doc[start_tok].idx, end=doc[start_tok].idx + len(surface),
            tok_start=i, tok_end=j, parts=_parts(text), surface=surface,
            bare=strip_possessive(text), gender=gender, strong=strong,
            is_subject=head.dep_ in _SUBJECT_DEPS or head.dep_ == "appos"
            and head.head.dep_ in _SUBJECT_DEPS,
        ))

    raw = _drop_pairings(raw)
    raw = sorted(raw + _surnames_taken_for_places(doc, raw), key=lambda m: m.start)

    # Clusters are seeded by the fullest forms of strong mentions; shorter
    # forms and weak mentions join the one they are part of.
    # A fuller form the model missed ("Omar Al Haddad's government") of a
    # surname the text does use as a person's counts as that person's name.
    surnames = {m.parts[-1] for m in raw if m.strong and m.parts}
    for m in raw:
        if not m.strong and len(m.parts) >= 2 and m.parts[-1] in surnames and not (
                m.tok_start > 0 and doc[m.tok_start - 1].lower_ == "the"):
            m.strong = True
    forms: list[tuple[str, ...]] = []
    for m in raw:
        if m.strong and m.parts and m.parts not in forms:
            forms.append(m.parts)
    maximal = [f for f in forms
               if not any(g != f and len(g) > len(f) and _subseq(f, g) for g in forms)]
    clusters_parts = maximal
    last_seen: dict[int, int] = {}
    mentions: list[Mention] = []
    cluster_gender: dict[int, set] = {}
    # "Mr. Obama" in an article that names "Malia Obama" is someone else: a
    # courtesy title's gender must fit the given name's.
    given_gender = [_given_name_gender(parts) for parts in clusters_parts]
    for m in raw:
        cands = [c for c, parts in enumerate(clusters_parts) if _subseq(m.parts, parts)]
        if m.gender and cands:
            fitting = [c for c in cands if m.gender in given_gender[c] or not given_gender[c]]
            if not fitting and m.strong:
                clusters_parts.append(m.parts)
                given_gender.append({m.gender})
                fitting = [len(clusters_parts) - 1]
            cands = fitting
        if not cands:
            continue
        if len(cands) > 1:
            cands = [c for c in cands if not m.gender or m.gender in cluster_gender.get(c, {m.gender})] or cands
            cands.sort(key=lambda c: (-last_seen.get(c, -1), c))
        m.cluster = cands[0]
        last_seen[m.cluster] = m.start
        if m.gender:
            cluster_gender.setdefault(m.cluster, set()).add(m.gender)
        mentions.append(m)

    by_cluster: dict[int, list[Mention]] = {}
    for m in mentions:
        by_cluster.setdefault(m.cluster, []).append(m)
    used = sorted(by_cluster, key=lambda c: by_cluster[c][0].start)
    remap = {c: k for k, c in enumerate(used)}
    clusters: list[PersonCluster] = []
    info: list[PersonInfo] = []
    for c in used:
        ms = by_cluster[c]
        full = [m for m in ms if m.parts == clusters_parts[c]]
        name = max(full or ms, key=lambda m: (len(m.bare), -m.start)).bare
        aliases: list[str] = []
        for m in ms:
            for form in (m.surface, m.bare):
                if form not in aliases:
                    aliases.append(form)
        pinfo = PersonInfo()
        for m in ms:
            for role in (_role_before(doc, m.tok_start),
                         _role_appositive(doc, m.tok_end),
                         _role_appositive_before(doc, m.tok_start)):
                if not role:
                    continue
                role_text = role[0] if isinstance(role, tuple) else role
                if role_text not in pinfo.roles:
                    pinfo.roles.append(role_text)
        for role in pinfo.roles:
            toks = re.findall(r"[\w.’']+", role)
            toks = [t[:-2] if t.endswith(("’s", "'s")) else t for t in toks]
            pinfo.nations |= nations_in(toks)
            pinfo.role_nouns |= _role_nouns(toks)
        genders = cluster_gender.get(c, set())
        if not genders:
            genders = {"f" for r in pinfo.role_nouns if r in FEMALE_ROLES} | {
                "m" for r in pinfo.role_nouns if r in MALE_ROLES}
        if not genders:
            genders = _given_name_gender(clusters_parts[c])
        pinfo.gender = genders.pop() if len(genders) == 1 else None
        clusters.append(PersonCluster(
            name=name, aliases=aliases, role=max(pinfo.roles, key=_role_rank) if pinfo.roles else "",
            mentions=[(m.start, m.end) for m in ms],
        ))
        info.append(pinfo)
    for m in mentions:
        m.cluster = remap[m.cluster]
    mentions.sort(key=lambda m: m.start)
    return People(clusters=clusters, info=info, mentions=mentions)


def _given_name_gender(parts: tuple[str, ...]) -> set[str]:
    if len(parts) < 2:
        return set()
    given = parts[0]
    return {"f"} if given in FEMALE_GIVEN_NAMES else {"m"} if given in MALE_GIVEN_NAMES else set()


def _surnames_taken_for_places(doc, raw: list[Mention]) -> list[Mention]:
    """The small model reads some surnames as places ("Bloomberg contrasted
    ..."); a lone word that is the surname of someone the article names in
    full, standing as a verb's subject, is that person."""
    surnames = {m.parts[-1] for m in raw if m.strong and len(m.parts) >= 2}
    taken = {i for m in raw for i in range(m.tok_start, m.tok_end)}
    found = []
    for tok in doc:
        if (tok.i in taken or tok.ent_type_ not in ("GPE", "NORP", "LOC") or tok.pos_ != "PROPN"
                or tok.dep_ not in _SUBJECT_DEPS or fold(tok.text) not in surnames):
            continue
        if (tok.i > 0 and doc[tok.i - 1].pos_ == "PROPN") or (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN"):
            continue  # part of a longer name or place
        found.append(Mention(
            start=tok.idx, end=tok.idx + len(tok), tok_start=tok.i, tok_end=tok.i + 1,
            parts=_parts(tok.text), surface=tok.text, bare=tok.text, is_subject=True,
        ))
    return found


def _drop_pairings(raw: list[Mention]) -> list[Mention]:
    """"Romney-Ryan", "Biden/Harris": two people's surnames joined to name a
    ticket or a partnership, not one person with a double-barrelled name."""
    surnames = {m.parts[-1] for m in raw if m.strong and len(m.parts) >= 2}
    kept = []
    for m in raw:
        halves = [fold(h) for h in re.split(r"[-‐‑/]", m.bare) if h.strip()]
        if len(halves) == 2 and len(set(halves)) == 2 and all(h in surnames for h in halves):
            continue
        kept.append(m)
    return kept


def _subseq(short, long) -> bool:
    if len(short) >= 2 and long[-1] in SUFFIXES and short[-1] not in SUFFIXES:
        return False  # "Donald Trump" is not a shorter "Donald Trump Jr."
    it = iter(long)
    return all(any(s == w for w in it) for s in short)
