"""Score extracted quotations, speakers and people against the answer key.

Quote texts match strictly: same article, same text once runs of
whitespace (no-break spaces included) are collapsed, after the key's
trailing-comma rule (a comma inside the closing mark before an attribution
is not part of the quote). A quote matched by text is scored for its kind
(direct/partial) and for its speaker; our speaker is mapped to a key person
through the names and aliases the two share.
"""
from __future__ import annotations

import re

from . import Section


def _norm(text: str | None) -> str:
    text = re.sub(r"\s+", " ", (text or "").replace("\u00a0", " ")).strip()
    if text.endswith(","):
        text = text[:-1].rstrip()
    return text


def _norm_name(name: str) -> str:
    name = re.sub(r"\s+", " ", name.replace("\u00a0", " ")).strip()
    return re.sub(r"[’']s$", "", name)


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _key_people(gold: dict) -> dict[str, set[str]]:
    """Key person -> every name form the key gives for them."""
    people: dict[str, set[str]] = {}
    for p in gold.get("people", []):
        people[p["name"]] = {_norm_name(p["name"]), *map(_norm_name, p.get("aliases", []))}
    for group in gold.get("name_variants", []):
        if group.get("type") != "person":
            continue
        forms = people.setdefault(group["canonical"], {_norm_name(group["canonical"])})
        forms.update(_norm_name(f) for f in group.get("forms", {}))
    return people


def _our_people(export: dict) -> dict[str, set[str]]:
    ours: dict[str, set[str]] = {}
    for p in export.get("people", []):
        names = ours.setdefault(p["name"], set())
        names.add(_norm_name(p["name"]))
        names.update(_norm_name(a) for a in p.get("aliases", []))
    return ours


def _map_person(names: set[str], key_people: dict[str, set[str]]) -> str | None:
    """The key person sharing most name forms with ours (full names first)."""
    best, best_score = None, 0
    for key_name, forms in key_people.items():
        shared = names & forms
        if not shared:
            continue
        score = sum(2 if " " in s else 1 for s in shared)
        if score > best_score:
            best, best_score = key_name, score
    return best


def score_quotes(gold: dict, export: dict) -> Section:
    section = Section(title="Quotations and speakers")
    lines = section.lines
    by_source = {a.get("source"): a for a in export.get("articles", [])}
    quotes_by_article: dict[object, list[dict]] = {}
    for q in export.get("quotes", []):
        quotes_by_article.setdefault(q.get("article"), []).append(q)
    key_people = _key_people(gold)
    our_people = _our_people(export)
    person_map = {name: _map_person(names, key_people) for name, names in our_people.items()}

    counts = {"direct": [0, 0, 0], "partial": [0, 0, 0]}  # tp, predicted, gold
    matched_text = total_gold = 0
    predicted = predicted_ok = 0
    speaker_ok = speaker_n = 0
    for art in gold.get("articles", []):
        source = art["file"]
        ours = by_source.get(source)
        our_quotes = quotes_by_article.get(ours["id"], []) if ours else []
        gold_quotes = art.get("quotes", [])
        misses, false_hits, wrong = [], [], []
        our_by_text: dict[str, list[dict]] = {}
        for q in our_quotes:
            our_by_text.setdefault(_norm(q.get("text")), []).append(q)
            kind = q.get("kind") if q.get("kind") in counts else "direct"
            counts[kind][1] += 1
        gold_texts = set()
        for g in gold_quotes:
            text = _norm(g["text"])
            gold_texts.add(text)
            counts[g["kind"]][2] += 1
            total_gold += 1
            found = our_by_text.get(text)
            if not found:
                misses.append(f"  miss ({g['kind']}): {text[:90]}")
                continue
            matched_text += 1
            q = next((x for x in found if x.get("kind") == g["kind"]), found[0])
            if q.get("kind") == g["kind"]:
                counts[g["kind"]][0] += 1
            else:
                wrong.append(f"  kind {q.get('kind')} for {g['kind']}: {text[:80]}")
            speaker_n += 1
            ours_speaker = q.get("speaker")
            mapped = person_map.get(ours_speaker) if ours_speaker else None
            if ours_speaker and mapped is None:
                mapped = _map_person({_norm_name(ours_speaker)}, key_people)
            if mapped == g.get("speaker"):
                speaker_ok += 1
            else:
                wrong.append(f"  speaker {ours_speaker!r} for {g.get('speaker')!r}: {text[:70]}")
        for text, qs in our_by_text.items():
            predicted += len(qs)
            if text in gold_texts:
                predicted_ok += len(qs)
            if text not in gold_texts:
                for q in qs:
                    false_hits.append(f"  false hit ({q.get('kind')}): {text[:90]}")
        if ours is None:
            lines.append(f"{source}: not in the export")
        if misses or false_hits or wrong:
            lines.append(f"{source}:")
            lines.extend(misses + false_hits + wrong)

    metrics = section.metrics
    for kind, (tp, n_pred, n_gold) in counts.items():
        p, r, f = _prf(tp, n_pred, n_gold)
        metrics[f"{kind}_precision"] = round(p, 4)
        metrics[f"{kind}_recall"] = round(r, 4)
        metrics[f"{kind}_f1"] = round(f, 4)
    metrics["quote_text_recall"] = round(matched_text / total_gold, 4) if total_gold else 1.0
    metrics["quote_text_precision"] = round(predicted_ok / predicted, 4) if predicted else 1.0
    metrics["speaker_accuracy"] = round(speaker_ok / speaker_n, 4) if speaker_n else 1.0

    lines.insert(0, "direct P/R/F1 {direct_precision:.3f}/{direct_recall:.3f}/{direct_f1:.3f}; "
                    "partial P/R/F1 {partial_precision:.3f}/{partial_recall:.3f}/{partial_f1:.3f}; "
                    "speaker accuracy {speaker_accuracy:.3f}".format(**metrics))
    return section


def score_people(gold: dict, export: dict) -> Section:
    """A key person's name forms spread over several of our people is a
    split; one of our people holding several key people is a merge."""
    section = Section(title="People and name variants")
    lines = section.lines
    key_people = _key_people(gold)
    our_people = _our_people(export)
    form_owner: dict[str, set[str]] = {}
    for name, names in our_people.items():
        for n in names:
            form_owner.setdefault(n, set()).add(name)
    splits = merges = 0
    for key_name, forms in key_people.items():
        owners = set()
        for f in forms:
            owners |= form_owner.get(f, set())
        if len(owners) > 1:
            splits += 1
            lines.append(f"split: {key_name} -> {sorted(owners)}")
    for name, names in our_people.items():
        holders = {k for k, forms in key_people.items() if names & {f for f in forms if " " in f}}
        if len(holders) > 1:
            merges += 1
            lines.append(f"merged: {name} holds {sorted(holders)}")
    found = sum(1 for forms in key_people.values() if any(f in form_owner for f in forms))
    section.metrics.update(
        key_people=float(len(key_people)),
        key_people_found=float(found),
        people_split_errors=float(splits),
        people_merge_errors=float(merges),
    )
    lines.insert(0, f"{found} of {len(key_people)} key people found; {splits} split, {merges} merged")
    return section
