"""Score exported claims against a hand-made answer key.

A key fact counts as aligned when one exported claim has evidence from at
least two of the articles the key says reported it, each excerpt
overlapping that article's key excerpt. Of the claims that align a fact,
the one covering most of its articles (then the one with the least other
evidence) stands for it: its discrepancy flag
is compared with the key's.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from articles.scoring import Section


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[“”„\"]", '"', text)
    text = re.sub(r"[‘’‚']", "'", text)
    return re.sub(r"\s+", " ", text).strip()


def _fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """``_fold(text)`` and, for each of its characters, its offset in ``text``."""
    out, where = [], []
    space = False
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch):
            c = '"' if c in "“”„\"" else "'" if c in "‘’‚'" else c
            if c.isspace():
                space = bool(out)
                continue
            if space:
                out.append(" ")
                where.append(i)
                space = False
            out.append(c)
            where.append(i)
    return "".join(out), where


def _span(body: str, excerpt: str) -> tuple[int, int] | None:
    """Where ``excerpt`` sits in ``body`` (compared with quotes and spaces
    folded), as offsets in ``body``."""
    if not excerpt:
        return None
    folded_body, where = _fold_with_offsets(body)
    folded = _fold(excerpt)
    i = folded_body.find(folded)
    length = len(folded)
    if i < 0:
        # Key excerpts may cross a paragraph break or lose a character;
        # fall back to the longest leading part that is found.
        for cut in range(len(folded) - 1, 20, -1):
            i = folded_body.find(folded[:cut])
            if i >= 0:
                length = cut
                break
        else:
            return None
    return where[i], where[i + length - 1] + 1


def _overlaps(a, b) -> bool:
    """Do two (start, end) spans overlap? A missing span (a headline) never does."""
    if a is None or b is None or None in a or None in b:
        return False
    return a[0] < b[1] and b[0] < a[1]


def score_claims(gold: dict, export: dict) -> Section:
    """Compare the export's claims with the key's facts (see module docstring)."""
    section = Section(title="Claims")
    by_source = {a["source"]: a for a in export.get("articles", [])}
    bodies = {a["id"]: a.get("body", "") for a in export.get("articles", [])}
    claims = export.get("claims", [])
    spans = {}  # (claim id, article id) -> list of spans of its excerpts
    for c in claims:
        for ev in c.get("evidence", []):
            span = _span(bodies.get(ev["article"], ""), ev.get("excerpt", ""))
            spans.setdefault((c["id"], ev["article"]), []).append(span)

    multi = aligned = 0
    key_discrepancies = flagged = false_flags = agreeing = 0
    for fact in gold.get("facts", []):
        sources = [s for s in fact.get("reported_by", {}) if s in by_source]
        if len(fact.get("reported_by", {})) < 2:
            continue
        multi += 1
        key_spans = {}
        for s in sources:
            art = by_source[s]
            key_spans[art["id"]] = _span(art.get("body", ""), fact["reported_by"][s])
        best, best_hits = None, 0
        for c in claims:
            hits = sum(
                1
                for aid, ks in key_spans.items()
                if any(_overlaps(ks, sp) for sp in spans.get((c["id"], aid), []))
            )
            # Most of the fact's articles first; among equals, the claim
            # least diluted by other evidence represents the fact best.
            if hits > best_hits or (
                hits == best_hits and hits and len(c.get("evidence", [])) < len(best.get("evidence", []))
            ):
                best, best_hits = c, hits
        ok = best_hits >= 2
        aligned += ok
        label = fact.get("id") or fact["statement"][:60]
        flag = bool(best and ok and best.get("discrepancy"))
        if fact.get("discrepancy"):
            key_discrepancies += 1
            flagged += flag
            verdict = "flagged" if flag else "NOT flagged"
        else:
            agreeing += ok
            false_flags += flag
            verdict = "FALSE FLAG" if flag else "agree"
        section.lines.append(
            f"{'ok ' if ok else 'MISS'} {best_hits}/{len(sources)} articles, {verdict}: {label}"
            + (f" (claim {best['id']}: {best.get('discrepancy_note') or ''})" if flag else "")
        )
    section.metrics = {
        "facts_multi_outlet": multi,
        "facts_aligned": aligned,
        "facts_aligned_share": aligned / multi if multi else 0.0,
        "key_discrepancies": key_discrepancies,
        "discrepancies_flagged": flagged,
        "false_discrepancy_flags": false_flags,
        "claims": len(claims),
        "claims_flagged": sum(1 for c in claims if c.get("discrepancy")),
    }
    section.lines.insert(
        0,
        f"facts aligned {aligned}/{multi}; discrepancies flagged {flagged}/{key_discrepancies}; "
        f"false flags {false_flags}; claims {len(claims)}",
    )
    return section


# --- pairs of evidence sentences against an exhaustive fact key ----------------


@dataclass
class KeySentence:
    file: str
    text: str
    span: tuple[int, int] | None  # in the article body; None when not found (a headline)
    facts: set


def key_sentences(facts: list[dict], bodies: dict[str, str]) -> list[KeySentence]:
    """Every sentence the key lists, once, with the facts it states."""
    found: dict[tuple[str, str], KeySentence] = {}
    for fact in facts:
        for file, texts in fact["reported_by"].items():
            for text in texts:
                entry = found.get((file, text))
                if entry is None:
                    body = bodies.get(file, "")
                    span = _span(body, text)
                    if span is not None and len(_fold(body[span[0]:span[1]])) < 0.8 * len(_fold(text)):
                        span = None  # only a leading scrap matched
                    entry = found[(file, text)] = KeySentence(file, text, span, set())
                entry.facts.add(fact["id"])
    return list(found.values())


@dataclass
class PairFigures:
    predicted: int = 0
    right: int = 0
    gold: int = 0
    found: int = 0
    wrong: list = field(default_factory=list)  # (claim index, excerpt, excerpt)
    missed: list = field(default_factory=list)  # (fact ids, sentence, sentence)

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def pair_figures(sentences: list[KeySentence], claims: list[list[tuple[str, tuple, str]]]) -> PairFigures:
    """Pair precision and recall of ``claims`` against the key's sentences.

    A claim is a list of (file, (start, end), excerpt). An evidence item
    stands for the key sentences of its file that it overlaps (a headline,
    with no span, for the key sentence worded as it); a predicted
    pair (two items of one claim, different files) is right when the
    sentences they stand for share a fact, and a key pair (two sentences of
    different files sharing a fact) is found when one claim holds both.
    """
    by_file: dict[str, list[int]] = {}
    for n, s in enumerate(sentences):
        by_file.setdefault(s.file, []).append(n)

    def covered(file, span, excerpt) -> set[int]:
        if span is None:  # a headline: the key sentence not in the body with its words
            return {n for n in by_file.get(file, [])
                    if sentences[n].span is None and _fold(sentences[n].text).rstrip(".") == _fold(excerpt).rstrip(".")}
        return {n for n in by_file.get(file, []) if _overlaps(sentences[n].span, span)}

    figures = PairFigures()
    held: set[tuple[int, int]] = set()
    for c, claim in enumerate(claims):
        stands = [(file, covered(file, span, excerpt), excerpt) for file, span, excerpt in claim]
        for x in range(len(stands)):
            for y in range(x + 1, len(stands)):
                (fa, ka, ea), (fb, kb, eb) = stands[x], stands[y]
                if fa == fb:
                    continue
                figures.predicted += 1
                if any(sentences[a].facts & sentences[b].facts for a in ka for b in kb):
                    figures.right += 1
                else:
                    figures.wrong.append((c, ea, eb))
                held.update((min(a, b), max(a, b)) for a in ka for b in kb)
    for a in range(len(sentences)):
        for b in range(a + 1, len(sentences)):
            sa, sb = sentences[a], sentences[b]
            shared = sa.facts & sb.facts
            if sa.file == sb.file or not shared:
                continue
            figures.gold += 1
            if (a, b) in held:
                figures.found += 1
            else:
                figures.missed.append((sorted(shared), sa.text, sb.text))
    return figures


SHOWN = 12  # wrong claims and missed facts listed in the report


def score_claim_pairs(facts: list[dict], export: dict) -> Section:
    """Pair precision and recall of the export's claims against an exhaustive
    fact key, the key's discrepancies found and missed, and the worst claims
    and most missed facts."""
    section = Section(title="Claim pairs")
    bodies, headlines, file_of = {}, {}, {}
    for a in export.get("articles", []):
        name = a["source"].split("#", 1)[0].rsplit("/", 1)[-1]
        bodies[name] = a.get("body", "")
        headlines[name] = _fold(a.get("headline") or "")
        file_of[a["id"]] = name
    sentences = key_sentences(facts, bodies)
    claims, flagged = [], []
    for c in export.get("claims", []):
        items = []
        for ev in c.get("evidence", []):
            name = file_of.get(ev["article"])
            excerpt = ev.get("excerpt", "")
            span = None if _fold(excerpt) == headlines.get(name) else _span(bodies.get(name, ""), excerpt)
            items.append((name, span, ev.get("excerpt", "")))
        claims.append(items)
        flagged.append(bool(c.get("discrepancy")))
    figures = pair_figures(sentences, claims)

    # A key discrepancy is flagged when a flagged claim holds two of its
    # sentences from different articles; a flagged claim holding none is a
    # false flag.
    by_fact: dict[str, list[int]] = {}
    for n, s in enumerate(sentences):
        for fact in s.facts:
            by_fact.setdefault(fact, []).append(n)
    true_flags, found_discrepancies, missed_discrepancies = set(), [], []
    for fact in facts:
        if not fact.get("discrepancy"):
            continue
        own = [sentences[n] for n in by_fact.get(fact["id"], [])]
        hit = False
        for c, claim in enumerate(claims):
            if not flagged[c]:
                continue
            files = {s.file for s in own for name, span, _ in claim if name == s.file and _overlaps(s.span, span)}
            if len(files) >= 2:
                hit = True
                true_flags.add(c)
        (found_discrepancies if hit else missed_discrepancies).append(fact["id"])
    false_flags = [c for c, f in enumerate(flagged) if f and c not in true_flags]

    section.metrics = {
        "pair_precision": figures.precision,
        "pair_recall": figures.recall,
        "pair_f1": figures.f1,
        "pairs_predicted": figures.predicted,
        "pairs_right": figures.right,
        "pairs_gold": figures.gold,
        "pairs_found": figures.found,
        "key_discrepancies": len(found_discrepancies) + len(missed_discrepancies),
        "discrepancies_found": len(found_discrepancies),
        "false_discrepancy_flags": len(false_flags),
    }
    lines = section.lines
    lines.append(
        f"pairs: precision {figures.precision:.2f} ({figures.right}/{figures.predicted}), "
        f"recall {figures.recall:.2f} ({figures.found}/{figures.gold}), F1 {figures.f1:.2f}"
    )
    lines.append(f"discrepancies found: {', '.join(found_discrepancies) or 'none'}")
    lines.append(f"discrepancies missed: {', '.join(missed_discrepancies) or 'none'}")
    statements = [c.get("statement", "") for c in export.get("claims", [])]
    for c in false_flags[:SHOWN]:
        lines.append(f"false flag: {statements[c][:90]}")
    wrong: dict[int, list] = {}
    for c, a, b in figures.wrong:
        wrong.setdefault(c, []).append((a, b))
    for c, pairs in sorted(wrong.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:SHOWN]:
        lines.append(f"wrong pairs {len(pairs)}: claim “{statements[c][:80]}”")
        a, b = pairs[0]
        lines.append(f"    e.g. “{a[:70]}” / “{b[:70]}”")
    missed: dict[str, list] = {}
    for fact_ids, a, b in figures.missed:
        missed.setdefault(", ".join(fact_ids), []).append((a, b))
    for fact, pairs in sorted(missed.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:SHOWN]:
        a, b = pairs[0]
        lines.append(f"missed pairs {len(pairs)}: {fact}")
        lines.append(f"    e.g. “{a[:70]}” / “{b[:70]}”")
    return section
