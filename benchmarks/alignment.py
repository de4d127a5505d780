"""Alignment time for N and 2N articles of one event, measured in one run.

    python benchmarks/alignment.py [--articles 100] [--repeat 3]

Articles are built from the real seed sentences: each synthetic article
takes a random selection of the seeds' paragraphs in a shuffled order, and
perturbs sentences the way outlets differ: numbers moved or written in
words or digits, hedges added, people renamed, words swapped for near
synonyms, clauses dropped. Target: time(2N) / time(N) <= 2.5, in CPU time
(alignment runs in one process, and wall-clock time on a shared machine
says more about the other work than about this).
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.text.align import align  # noqa: E402
from articles.text.sentences import split_sentences  # noqa: E402

NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
HEDGES = ["almost", "nearly", "about", "at least", "more than"]
SWAPS = {"talks": "meeting", "meeting": "talks", "said": "told reporters", "Iranian": "Iran's",
         "accused": "blamed", "proposed": "suggested", "militants": "militias", "ambassador": "envoy"}
SURNAMES = "Okafor Lindqvist Haddad Moreau Tanaka Novak Petrov Alvarez Brennan Castillo".split()


def seed_paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        seen = set()
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            # Article paragraphs are long; clutter lines are short.
            if len(line) > 80 and line not in seen:
                seen.add(line)
                paragraphs.append(line)
    return paragraphs


def perturb(sentence: str, rng: random.Random) -> str:
    def number(m):
        n = int(m.group(0))
        if n > 1900 or rng.random() < 0.5:
            return m.group(0)
        n = max(1, n + rng.choice([-2, -1, 0, 1, 2]))
        text = NUMBER_WORDS[n - 2] if 2 <= n <= 10 and rng.random() < 0.5 else str(n)
        return f"{rng.choice(HEDGES)} {text}" if rng.random() < 0.3 else text

    s = re.sub(r"\b\d+\b", number, sentence)
    words = s.split(" ")
    for i, w in enumerate(words):
        if w in SWAPS and rng.random() < 0.3:
            words[i] = SWAPS[w]
        elif w[:1].isupper() and len(w) > 5 and i > 2 and rng.random() < 0.05:
            words[i] = rng.choice(SURNAMES)
    s = " ".join(words)
    if "," in s and rng.random() < 0.2:
        head, _, rest = s.partition(",")
        tail = rest.rpartition(",")[2]
        s = f"{head},{tail}" if len(head) > 30 else s
    return s


def make_articles(n: int, seed: int = 7) -> list[tuple[int, str]]:
    rng = random.Random(seed)
    paragraphs = seed_paragraphs()
    docs = []
    for i in range(n):
        chosen = rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(12, 22)))
        body = []
        for p in chosen:
            sentences = [s.text for s in split_sentences(p)]
            kept = [perturb(s, rng) for s in sentences if rng.random() < 0.85]
            if kept:
                body.append(" ".join(kept))
        docs.append((i, "\n\n".join(body)))
    return docs


def timed(docs, repeat: int) -> tuple[float, int]:
    best, groups = float("inf"), 0
    for _ in range(repeat):
        start = time.process_time()
        groups = len(align(docs))
        best = min(best, time.process_time() - start)
    return best, groups


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100, help="N; the run also times 2N")
    parser.add_argument("--repeat", type=int, default=3, help="timings per size; the fastest counts")
    args = parser.parse_args()
    n = args.articles
    small, large = make_articles(n), make_articles(2 * n)
    sentences = [sum(len(split_sentences(b)) for _, b in docs) for docs in (small, large)]
    t1, g1 = timed(small, args.repeat)
    t2, g2 = timed(large, args.repeat)
    print(f"N={n}: {sentences[0]} sentences, {g1} claims, {t1:.3f}s CPU")
    print(f"2N={2 * n}: {sentences[1]} sentences, {g2} claims, {t2:.3f}s CPU")
    ratio = t2 / t1
    print(f"ratio 2N/N = {ratio:.2f} (target <= 2.5) {'OK' if ratio <= 2.5 else 'OVER'}")


if __name__ == "__main__":
    main()
