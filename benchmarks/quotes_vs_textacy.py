"""Quotation extraction: Parallax against textacy, on the seed articles.

    pip install textacy          # into the same virtualenv; not a project dependency
    python benchmarks/quotes_vs_textacy.py [--gold ../shared/gold/seeds.json]

Both systems get the same input: each seed read with ``read_text`` and
parsed once with the project's spaCy pipeline. Parallax's quotes come from
``articles.text.analyse``; textacy's from
``textacy.extract.triples.direct_quotations``, with the quotation marks
(and a trailing comma inside them) taken off its content span. Both are
scored with ``articles.scoring.quotes.score_quotes`` against the answer
key. textacy only extracts direct quotations and does not resolve
pronouns ("he said" stays "he"), so its speakers are mapped to key people
only when the speaker span itself is a name.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MARKS = "\"“”„‟«»‘’'"


def parallax_export(nlp, seeds):
    from articles.text.analyse import analyse
    from articles.text.names import match_person, name_keys

    people, articles, quotes = [], [], []
    for n, (name, body, doc) in enumerate(seeds, start=1):
        analysis = analyse(body, doc)
        ids = []
        for cluster in analysis.people:
            keys = {k for a in [cluster.name, *cluster.aliases] for k in name_keys(a)}
            pid = match_person(cluster, [(p[0], p[1], p[2]) for p in people if p[3] & keys])
            if pid is None:
                pid = len(people) + 1
                people.append([pid, cluster.name, [], set()])
            person = people[pid - 1]
            person[2] += [a for a in [cluster.name, *cluster.aliases] if a not in person[2]]
            person[3] |= keys
            ids.append(pid)
        articles.append({"id": n, "source": name, "body": body})
        for q in analysis.quotes:
            speaker = people[ids[q.speaker] - 1][1] if q.speaker is not None else None
            quotes.append({"article": n, "speaker": speaker, "text": q.text, "kind": q.kind,
                           "start": q.start, "end": q.end})
    return {"articles": articles, "quotes": quotes,
            "people": [{"name": p[1], "aliases": p[2]} for p in people]}


def textacy_export(seeds):
    from textacy.extract.triples import direct_quotations

    articles, quotes, people = [], [], {}
    notes = []
    for n, (name, body, doc) in enumerate(seeds, start=1):
        articles.append({"id": n, "source": name, "body": body})
        try:
            triples = list(direct_quotations(doc))
        except ValueError as exc:
            # textacy refuses a whole document with an odd number of marks;
            # to be fair, retry paragraph by paragraph and skip the ones it
            # still refuses.
            notes.append(f"{name}: {exc}")
            triples = []
            for para in _paragraph_docs(doc):
                try:
                    triples += list(direct_quotations(para))
                except ValueError as exc2:
                    notes.append(f"{name}: paragraph skipped: {exc2}")
        for triple in triples:
            content = triple.content
            text = content.text.strip().strip(MARKS).strip()
            if text.endswith(","):
                text = text[:-1].rstrip()
            speaker = " ".join(t.text for t in triple.speaker).strip() or None
            if speaker:
                bare = re.sub(r"^(Mr|Mrs|Ms|Dr)\.?\s+", "", speaker)
                people.setdefault(speaker, {"name": speaker, "aliases": [speaker, bare]})
            quotes.append({"article": n, "speaker": speaker, "text": text, "kind": "direct",
                           "start": content.start_char, "end": content.end_char})
    return {"articles": articles, "quotes": quotes, "people": list(people.values())}, notes


def _paragraph_docs(doc):
    """Each paragraph as its own Doc, for textacy's whole-document checks."""
    start = 0
    for tok in doc:
        if tok.is_space and "\n" in tok.text:
            if tok.i > start:
                yield doc[start:tok.i].as_doc()
            start = tok.i + 1
    if start < len(doc):
        yield doc[start:].as_doc()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(ROOT.parent / "shared" / "gold" / "seeds.json"),
                        help="answer key in the seeds.json format")
    args = parser.parse_args(argv)

    import spacy  # noqa: F401  (fail early with a clear message if missing)
    from articles.scoring.quotes import score_quotes
    from articles.text.reader import read_text

    try:
        import textacy  # noqa: F401
    except Exception as exc:  # textacy is optional: say why it cannot run
        print(f"textacy cannot be imported: {type(exc).__name__}: {exc}")
        return 1

    gold = json.loads(Path(args.gold).read_text(encoding="utf-8"))
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coverage_site.settings")
    import django

    django.setup()
    from articles.nlp import get_nlp

    nlp = get_nlp()
    seeds = []
    for art in gold["articles"]:
        body = read_text((ROOT / "seeds" / art["file"]).read_text(encoding="utf-8")).body
        seeds.append((art["file"], body, nlp(body)))

    t0 = time.perf_counter()
    ours = score_quotes(gold, parallax_export(nlp, seeds))
    t1 = time.perf_counter()
    textacy_quotes, notes = textacy_export(seeds)
    theirs = score_quotes(gold, textacy_quotes)
    t2 = time.perf_counter()

    rows = [("direct precision", "direct_precision"), ("direct recall", "direct_recall"),
            ("direct F1", "direct_f1"), ("partial recall", "partial_recall"),
            ("any kind, text precision", "quote_text_precision"),
            ("any kind, text recall", "quote_text_recall"),
            ("speaker accuracy (matched)", "speaker_accuracy")]
    print(f"{'metric':<28}{'Parallax':>10}{'textacy':>10}")
    for label, key in rows:
        print(f"{label:<28}{ours.metrics[key]:>10.3f}{theirs.metrics[key]:>10.3f}")
    print(f"{'seconds (after parsing)':<28}{t1 - t0:>10.3f}{t2 - t1:>10.3f}")
    if notes:
        print("\ntextacy refused:")
        print("\n".join("  " + note for note in notes))
    print("\ntextacy details:")
    print("\n".join(theirs.lines))
    print("\nParallax details:")
    print("\n".join(ours.lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
