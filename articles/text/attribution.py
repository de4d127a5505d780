"""Who said each quotation.

A quotation is attributed, in order of preference, to:

1. the subject of the reporting verb after it in the same sentence
   ("...," he said / said the ambassador / Haddad told reporters);
2. the subject of the reporting verb before it in the same sentence
   (Dupont said: "..." / said that "...") or the verb that governs it;
3. for the paragraphs of a quote that runs over several paragraphs, the
   attribution found in any of them;
4. otherwise the speaker the paragraph (or, failing that, the previous
   paragraph) was last reporting: news copy lets a free-standing quote
   continue the voice of the last named speaker.

Subjects are resolved to people: a name directly, "he"/"she" to the person
the text is talking about (going back sentence by sentence, the first
sentence with a person of that gender who was a subject or a speaker gives
it, its main subject first), a description ("the ambassador", "his French
counterpart") to the person the article names with that role and
nationality, preferring the one most recently in focus. Words attributed
only to a group ("the delegation said", "they") get no speaker: a wrong name
is worse than none.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from .lexicon import (
    GENERIC_ROLES, GROUP_PRONOUNS, NATIONALITY, NATIONALITY_BIGRAMS,
    PERSONAL_PRONOUNS, ROLE_NOUNS, SPEECH_VERBS,
)
from .people import People
from .quotes import Mask, QuoteCandidate, is_crosshead, paragraphs

_SUBJECT_DEPS = ("nsubj", "nsubjpass")
# A reporting verb without a subject of its own borrows the subject of the
# word it hangs from: "called ... and said", "criticised ..., saying", "was
# quick to retort" (xcomp of an adjective), "released a statement saying"
# (a participle on the verb's object).
_INHERIT_SUBJECT_DEPS = ("conj", "advcl", "xcomp", "acl", "pcomp", "relcl", "acomp", "dobj")
_RELATIVE_PRONOUNS = ("who", "that", "which")
_MAX_WINDOW = 300  # characters searched for an attribution on either side
_MAX_LOOKBACK = 40  # discourse events searched back for a pronoun's referent
_PRONOUN_PARAGRAPHS = 4  # paragraphs searched back for a pronoun's referent


@dataclass
class Report:
    """A reporting verb outside quotation marks, and who it is about."""

    verb: int  # token index
    pos: int  # character offset of the verb
    subj_start: int
    subj_end: int
    kind: str  # "person" | "group" | "none"
    person: int | None
    used: bool = False  # the attribution of some quotation


@dataclass
class Attribution:
    speaker: int | None
    cue: tuple[int, int] | None


class _Resolver:
    def __init__(self, body, doc, people: People, mask: Mask):
        self.body = body
        self.doc = doc
        self.people = people
        self.mask = mask
        self.paras = paragraphs(body)
        self.para_starts = [a for a, _ in self.paras]
        # Salience: (position, person) for each person who was a subject or a
        # speaker, in text order. Names inside quotations are the speaker's
        # words, not the narrative's, and do not make anyone salient.
        self.sent_starts = [sent.start_char for sent in doc.sents]
        self.events: list[tuple[int, int]] = []
        self.main_subjects: set[int] = set()  # event positions that head their sentence
        for m in people.mentions:
            if m.is_subject and not mask.covers(m.start):
                self.events.append((m.start, m.cluster))
                if _is_main_subject(doc[m.tok_start:m.tok_end].root):
                    self.main_subjects.add(m.start)
        self.events.sort()
        counts: dict[int, int] = {}
        for m in people.mentions:
            counts[m.cluster] = counts.get(m.cluster, 0) + 1
        self.counts = counts
        self.mention_starts = [m.start for m in people.mentions]
        self.reports_by_para: dict = {}
        self.quotes_by_para: dict = {}
        self.first_seen: dict[int, int] = {}
        for m in people.mentions:
            self.first_seen.setdefault(m.cluster, m.start)

    def mentions_between(self, lo: int, hi: int):
        a = bisect.bisect_left(self.mention_starts, lo)
        b = bisect.bisect_left(self.mention_starts, hi)
        return self.people.mentions[a:b]

    def para_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, pos) - 1)

    def add_event(self, pos: int, person: int, *, main: bool = True):
        """A speaker or the subject of a reporting verb: in focus from here."""
        bisect.insort(self.events, (pos, person))
        if main:
            self.main_subjects.add(pos)

    def sent_of(self, pos: int) -> int:
        return bisect.bisect_right(self.sent_starts, pos) - 1

    # -- subjects -------------------------------------------------------

    def subject_of(self, verb):
        """The subject token of a reporting verb, borrowing the subject of the
        verb it is coordinated with or depends on ("called ... and said at",
        "criticised ..., saying")."""
        # The parser can run a sentence over a paragraph break (a paragraph
        # without a full stop); a subject is never taken across one.
        para_start = self.paras[self.para_of(verb.idx)][0] if self.paras else 0
        tok = verb
        for _ in range(4):
            subjects = [child for child in tok.children if child.dep_ in _SUBJECT_DEPS
                        and not self.mask.covers(child.idx) and child.idx >= para_start]
            plain = [child for child in subjects if child.lower_ not in _RELATIVE_PRONOUNS]
            if plain:
                return plain[0]
            if subjects:
                # "Bloomberg, who added that ...": the relative clause's noun.
                return tok.head if tok.dep_ == "relcl" else subjects[0]
            if tok.dep_ in _INHERIT_SUBJECT_DEPS and tok.head.i != tok.i and tok.head.idx >= para_start:
                tok = tok.head
                continue
            break
        # "according to X"
        if verb.lower_ == "according":
            for child in verb.children:
                if child.lower_ == "to":
                    for g in child.children:
                        if g.dep_ == "pobj":
                            return g
        return None

    def resolve_subject(self, subj, pos: int) -> tuple[str, int | None]:
        people = self.people
        span_toks = [t for t in subj.subtree if not self.mask.covers(t.idx)]
        # A name anywhere in the subject phrase, the head's own name first.
        m = people.mention_at(subj.i)
        if m is None:
            for t in subj.children:
                if t.dep_ in ("compound", "appos", "flat"):
                    m = people.mention_at(t.i)
                    if m is not None:
                        break
        if m is None:
            for t in span_toks:
                if t.dep_ in ("appos",) or t.head == subj and t.dep_ == "compound":
                    m = people.mention_at(t.i)
                    if m is not None:
                        break
        if m is not None:
            return "person", m.cluster
        low = subj.lower_
        if low in PERSONAL_PRONOUNS:
            return "person", self.resolve_pronoun(PERSONAL_PRONOUNS[low], pos)
        if low in GROUP_PRONOUNS or subj.tag_ in ("NNS", "NNPS"):
            return "group", None
        if subj.lemma_.lower() in ROLE_NOUNS and subj.tag_ in ("NN", "NNP"):
            det = [c.lower_ for c in subj.children if c.dep_ in ("det", "poss")]
            if "a" in det or "an" in det or "one" in det or "another" in det:
                return "none", None  # "a reporter said": someone new
            return "person", self.resolve_description(subj, pos)
        return "group", None

    def resolve_pronoun(self, gender: str, pos: int) -> int | None:
        """The person "he"/"she" at ``pos`` refers to: going back sentence by
        sentence, the first sentence with a fitting person in focus gives it,
        its main subject (or a speaker) before any other; at most a few
        paragraphs back."""
        info = self.people.info
        k = bisect.bisect_left(self.events, (pos, -1))
        para_limit = self.paras[max(0, self.para_of(pos) - _PRONOUN_PARAGRAPHS)][0] if self.paras else 0
        sentence, found = None, []
        for j in range(k - 1, max(-1, k - 1 - _MAX_LOOKBACK), -1):
            epos, person = self.events[j]
            if epos < para_limit:
                break
            here = self.sent_of(epos)
            if found and here != sentence:
                break
            sentence = here
            if info[person].gender in (None, gender):
                found.append((epos in self.main_subjects, epos, person))
        if found:
            return max(found)[2]
        # Any earlier mention of a fitting person.
        for m in reversed(self.mentions_between(para_limit, pos)):
            if info[m.cluster].gender in (None, gender):
                return m.cluster
        # No antecedent at all (a lead cut off by the scrape): the person the
        # article is about.
        fitting = [c for c in self.counts if info[c].gender in (None, gender)]
        if not fitting:
            return None
        best = max(fitting, key=lambda c: (self.counts[c], -self.first_seen[c]))
        if sum(1 for c in fitting if self.counts[c] == self.counts[best]) > 1:
            return None
        return best

    def resolve_description(self, subj, pos: int) -> int | None:
        noun = subj.lemma_.lower()
        words = [t for t in subj.subtree if t.i <= subj.i and not self.mask.covers(t.idx)]
        nations = set()
        for idx, t in enumerate(words):
            low = t.lower_
            nxt = words[idx + 1].lower_ if idx + 1 < len(words) else ""
            key = NATIONALITY_BIGRAMS.get(f"{low} {nxt}") or NATIONALITY.get(low)
            if key:
                nations.add(key)
        info = self.people.info
        cands = list(range(len(self.people.clusters)))
        if nations:
            exact = [c for c in cands if info[c].nations & nations]
            cands = exact or [c for c in cands if not info[c].nations]
        if noun not in GENERIC_ROLES:
            # "The former vice president said": only someone the article
            # names with that office, or as someone's counterpart (who holds
            # the same office as the person named beside them).
            cands = [c for c in cands if noun in info[c].role_nouns
                     or info[c].role_nouns and info[c].role_nouns <= {"counterpart"}]
        if not cands:
            return None
        # The one most recently in focus; else the one last mentioned; else
        # the first one the article introduces.
        k = bisect.bisect_left(self.events, (pos, -1))
        for j in range(k - 1, max(-1, k - 1 - _MAX_LOOKBACK), -1):
            if self.events[j][1] in cands:
                return self.events[j][1]
        cand_set = set(cands)
        k = bisect.bisect_left(self.mention_starts, pos) - 1
        steps = 0
        while k >= 0 and steps < 200:
            if self.people.mentions[k].cluster in cand_set:
                return self.people.mentions[k].cluster
            k -= 1
            steps += 1
        if len(cands) == 1 or nations:
            return min(cands, key=lambda c: self.first_seen.get(c, 0))
        return None


def _is_main_subject(head) -> bool:
    """Whether a name heads the subject of its sentence's main verb (or of a
    verb coordinated with it), rather than of a clause inside the sentence."""
    if head.dep_ == "appos":
        head = head.head
    if head.dep_ not in _SUBJECT_DEPS:
        return False
    verb = head.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _reports(res: _Resolver) -> list[Report]:
    """Every reporting verb outside quotations, resolved in text order so that
    a pronoun can refer back to an earlier resolved subject."""
    doc = res.doc
    out = []
    for tok in doc:
        lem = tok.lemma_.lower()
        if not ((lem in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX")) or (
                tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to")):
            continue
        if res.mask.covers(tok.idx):
            continue
        subj = res.subject_of(tok)
        if subj is None:
            # '"...," added Lauten, who ...': the parser took the name after
            # an inverted reporting verb for something else.
            near = res.people.mention_at(tok.i + 1)
            if near is None or res.mask.covers(near.start) or near.tok_start != tok.i + 1:
                near = _person_left(res, tok)
            if near is not None:
                res.add_event(near.start, near.cluster)
                out.append(Report(tok.i, tok.idx, near.start, near.end, "person", near.cluster))
                continue
            out.append(Report(tok.i, tok.idx, tok.idx, tok.idx + len(tok), "none", None))
            continue
        kind, person = res.resolve_subject(subj, subj.idx)
        sub_toks = [t for t in subj.subtree if not res.mask.covers(t.idx)]
        left = min((t.idx for t in sub_toks), default=subj.idx)
        # The subject's own words end with its head: an appositive or clause
        # after it ("Boris Johnson, 58, as he left") is not attribution.
        right = subj.idx + len(subj)
        if subj.head.i != tok.i:
            # A subject borrowed from another clause is not part of the cue.
            left, right = tok.idx, tok.idx + len(tok)
        if kind == "person" and person is not None:
            res.add_event(subj.idx, person)
        out.append(Report(tok.i, tok.idx, left, right, kind, person))
    return out


def _person_left(res, verb):
    """The parser lost the subject ("X, in an interview on Monday, stressed"):
    take a name before the verb in its sentence that is not an object or a
    possessor (nor joined to one: "to Sasha and Malia Obama"), a name the
    parser made a subject or its appositive first, else the nearest."""
    sent_start = max(verb.sent.start_char, res.paras[res.para_of(verb.idx)][0] if res.paras else 0)
    subjects, others = [], []
    for m in res.mentions_between(sent_start, verb.idx):
        if res.mask.covers(m.start):
            continue
        head = res.doc[m.tok_start:m.tok_end].root
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        if head.dep_ in ("dobj", "pobj", "poss", "iobj", "compound"):
            continue
        if head.dep_ in _SUBJECT_DEPS or head.dep_ == "appos" and head.head.dep_ in _SUBJECT_DEPS:
            subjects.append(m)
        else:
            others.append(m)
    return (subjects or others or [None])[-1]


def _colon_subject(res, pos: int, lo: int) -> Report | None:
    """'Biden was quick to retort: "..."': a quotation set off by a colon
    belongs to the subject of the clause before the colon, even when the
    parser found no reporting verb there."""
    sent_start = max(lo, res.sent_starts[res.sent_of(pos - 1)] if res.sent_starts else lo)
    for m in reversed(res.mentions_between(sent_start, pos)):
        if res.mask.covers(m.start):
            continue
        head = res.doc[m.tok_start:m.tok_end].root
        if head.dep_ in _SUBJECT_DEPS:
            verb = head.head
            return Report(verb.i, verb.idx, m.start, m.end, "person", m.cluster)
    return None


def _cue_span(body, rep: Report, lo: int, hi: int, doc, quote_open: int | None = None):
    """The attribution words, verbatim: the subject and the verb, and after a
    quotation what follows the verb up to the next comma or full stop
    ("Haddad later told journalists in Amman"); before a quotation a
    few words leading up to the mark ("said the atmosphere was")."""
    verb = doc[rep.verb]
    start = min(rep.subj_start, verb.idx) if rep.kind != "none" else verb.idx
    end = max(rep.subj_end if rep.kind != "none" else 0, verb.idx + len(verb))
    if quote_open is not None and verb.idx < quote_open:
        gap = body[end:quote_open]
        words = gap.split()
        if len(words) <= 4 and not any(c in gap for c in ",;:.!?—–"):
            while words and words[-1].lower() in ("a", "an", "the"):
                words.pop()
            if words:
                end = body.index(words[-1], end) + len(words[-1])
    else:
        k = end
        limit = min(hi, end + 120)
        while k < limit and body[k] not in ",.;:!?—–\"“”\n":
            k += 1
        if k < limit or k == hi:
            end = k
    start = max(start, lo)
    end = min(end, hi)
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


def attribute(body: str, doc, people: People, cands: list[QuoteCandidate]) -> list[Attribution]:
    quotes = [c for c in cands if c.kind]
    all_ranges = [(c.raw.start, c.raw.end) for c in cands]
    mask = Mask(all_ranges)
    res = _Resolver(body, doc, people, mask)
    reports = _reports(res)
    rep_by_verb = {r.verb: r for r in reports}
    rep_pos = [r.pos for r in reports]
    paras = res.paras
    res.reports_by_para = {}
    for r in reports:
        res.reports_by_para.setdefault(res.para_of(r.pos), []).append(r)
    res.quotes_by_para = {}
    for qi, q in enumerate(quotes):
        res.quotes_by_para.setdefault(q.raw.para, []).append(qi)
    results: list[Attribution] = []
    by_chain: dict[int, list[int]] = {}
    # Speaker events from the paragraph voice: (pos, person or None).
    for qi, q in enumerate(quotes):
        rq = q.raw
        lo, hi = paras[rq.para]
        if rq.style == "block":
            lo = paras[rq.para - 1][0]  # its attribution ends the paragraph before
        rep = None
        after_ok = False
        if rq.close is not None:
            text = body[q.start:q.end]
            tail = text.rstrip("”\"’' ")[-1:]
            a = rq.close + 1
            b = _sentence_end(body, a, hi)
            after_ok = tail != "." or body[a:b].strip()[:1].islower()
        if q.kind == "partial":
            # A partial quote belongs to the verb whose clause holds it.
            if q.governor is not None:
                rep = rep_by_verb.get(q.governor)
            if rep is None:
                rep = _last_report(reports, rep_pos, _sentence_start(body, lo, rq.open), rq.open, mask)
            if rep is None and after_ok:
                rep = _first_report(reports, rep_pos, a, b, mask)
        else:
            # A direct quote: the attribution after it, else before it.
            if after_ok:
                rep = _first_report(reports, rep_pos, a, b, mask)
            if rep is None and q.governor is not None:
                rep = rep_by_verb.get(q.governor)
            if rep is None:
                rep = _last_report(reports, rep_pos, _sentence_start(body, lo, rq.open), rq.open, mask)
        if rep is None and body[lo:rq.open].rstrip(" \u00a0\"“‘'").endswith(":"):
            rep = _colon_subject(res, rq.open, lo)
        if rep is not None:
            rep.used = True
            cue = _cue_span(body, rep, lo, hi, doc, rq.open)
            speaker = rep.person if rep.kind == "person" else None
            results.append(Attribution(speaker, cue))
            if speaker is not None:
                res.add_event(rq.open, speaker)
        else:
            results.append(None)  # resolved below from context
        if q.chain is not None:
            by_chain.setdefault(q.chain, []).append(qi)

    # 3. long quotes: one attribution for all their paragraphs
    for members in by_chain.values():
        found = [results[i] for i in members if results[i] is not None]
        if found:
            for i in members:
                if results[i] is None:
                    results[i] = Attribution(found[-1].speaker, found[-1].cue)

    # 4. free-standing quotes: the voice of the paragraph or the one before
    for qi, q in enumerate(quotes):
        if results[qi] is not None:
            continue
        rq = q.raw
        p = rq.para
        speaker, cue = None, None
        same = _voice(res, reports, quotes, results, p, before=rq.open)
        if same is not None:
            speaker, cue = same
        else:
            # Earlier paragraphs: headings and paragraphs naming no one (an
            # interviewer's question) are passed over.
            back = p - 1
            steps = 0
            while back >= 0 and steps < 4:
                blo, bhi = paras[back]
                if not _is_heading(body, blo, bhi):
                    prev = _voice(res, reports, quotes, results, back, before=bhi)
                    if prev is None:
                        prev = _para_subject(res, back)
                    if prev is not None:
                        speaker = prev[0]
                        break
                    if _has_group_voice(res, reports, back):
                        break
                back -= 1
                steps += 1
        results[qi] = Attribution(speaker, cue)
        if speaker is not None:
            res.add_event(rq.open, speaker)
    return results


def _is_heading(body, lo, hi) -> bool:
    return is_crosshead(body, lo, hi)


def _voice(res, reports, quotes, results, p, before):
    """The latest individual speaker in paragraph p before a position: a
    quote's speaker or a reporting verb's person. Groups are skipped: a
    free-standing quote continues the voice of a person."""
    lo, hi = res.paras[p]
    best = None
    for r in res.reports_by_para.get(p, ()):
        if lo <= r.pos < min(before, hi) and r.kind == "person" and r.person is not None:
            if best is None or r.pos > best[0]:
                best = (r.pos, r.person, r)
    for qi in res.quotes_by_para.get(p, ()):
        q, a = quotes[qi], results[qi]
        if a is None or a.speaker is None:
            continue
        if q.raw.open < before:
            if best is None or q.raw.open > best[0]:
                best = (q.raw.open, a.speaker, a.cue)
    if best is None:
        return None
    cue = best[2]
    if isinstance(cue, Report):
        # The cue of the quotation just before ('"X," he said. "Y."') serves
        # the next one too; a speaker taken from narration gives no cue.
        cue = _cue_span(res.body, cue, lo, hi, res.doc) if cue.used else None
    return best[1], cue


def _has_group_voice(res, reports, p):
    return any(r.kind == "group" for r in res.reports_by_para.get(p, ()))


def _para_subject(res, p):
    lo, hi = res.paras[p]
    inside = res.mentions_between(lo, hi)
    for m in inside:
        if m.is_subject:
            return m.cluster, None
    if inside:
        return inside[0].cluster, None
    return None


def _sentence_end(body, a, hi):
    """End of the sentence that continues after a closing mark."""
    limit = min(hi, a + _MAX_WINDOW)
    k = a
    while k < limit:
        ch = body[k]
        if ch in ".!?" and (k + 1 >= hi or body[k + 1] in " \u00a0\"”’'\n") and not _abbrev(body, k):
            return k
        if ch in "“\"‘" and k > a and body[k - 1] in " \u00a0":
            return k  # the next quotation starts
        k += 1
    return limit


def _sentence_start(body, lo, pos):
    limit = max(lo, pos - _MAX_WINDOW)
    k = pos - 1
    while k >= limit:
        ch = body[k]
        if ch in ".!?" and k + 1 < pos and body[k + 1] in " \u00a0" and not _abbrev(body, k):
            return k + 1
        if ch in "”\"’" and k + 1 < pos and body[k - 1:k] in (".", "!", "?", ","):
            return k + 1
        k -= 1
    return limit


_ABBREVIATIONS = frozenset("""
mr mrs ms dr prof st gen lt col maj capt sgt adm sen rep gov jr sr rev fr
no vs etc inc ltd corp co dept univ gov't mt ft approx est
""".split())


def _abbrev(body, k):
    """Whether the full stop at k ends an abbreviation ("Mr.", "U.S.")."""
    j = k
    while j > 0 and (body[j - 1].isalpha() or body[j - 1] == "."):
        j -= 1
    word = body[j:k].lower()
    return word in _ABBREVIATIONS or len(word.replace(".", "")) == 1 or "." in word


def _first_report(reports, rep_pos, a, b, mask):
    k = bisect.bisect_left(rep_pos, a)
    while k < len(reports) and reports[k].pos < b:
        if not mask.covers(reports[k].pos):
            return reports[k]
        k += 1
    return None


def _last_report(reports, rep_pos, a, b, mask):
    k = bisect.bisect_left(rep_pos, b) - 1
    while k >= 0 and reports[k].pos >= a:
        if not mask.covers(reports[k].pos):
            return reports[k]
        k -= 1
    return None
