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


def _span(body: str, excerpt: str) -> tuple[int, int] | None:
    """Where ``excerpt`` sits in ``body`` (compared with quotes and spaces folded)."""
    if not excerpt:
        return None
    folded_body, folded = _fold(body), _fold(excerpt)
    i = folded_body.find(folded)
    if i < 0:
        # Key excerpts may cross a paragraph break or lose a character;
        # fall back to the longest leading part that is found.
        for cut in range(len(folded) - 1, 20, -1):
            i = folded_body.find(folded[:cut])
            if i >= 0:
                return i, i + cut
        return None
    return i, i + len(folded)


def _overlaps(a, b) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


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
                    if span is not None and span[1] - span[0] < 0.8 * len(_fold(text)):
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
    stands for the key sentences of its file that it overlaps; a predicted
    pair (two items of one claim, different files) is right when the
    sentences they stand for share a fact, and a key pair (two sentences of
    different files sharing a fact) is found when one claim holds both.
    """
    by_file: dict[str, list[int]] = {}
    for n, s in enumerate(sentences):
        by_file.setdefault(s.file, []).append(n)

    def covered(file, span) -> set[int]:
        return {n for n in by_file.get(file, []) if _overlaps(sentences[n].span, span)}

    figures = PairFigures()
    held: set[tuple[int, int]] = set()
    for c, claim in enumerate(claims):
        stands = [(file, covered(file, span), excerpt) for file, span, excerpt in claim]
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
