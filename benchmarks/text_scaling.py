"""How the per-article text work grows with the size of its input, as ratios
measured in one run (4x the input should cost about 4x, never 16x).

    python benchmarks/text_scaling.py [--repeat 3]

- reading: ``read_text`` of 25,000 and 100,000 scraped lines;
- analysis: quotes, speakers and people of 60 and 240 paragraphs (after spaCy);
- hostile quotes: 2,500 and 10,000 quoted words in one paragraph;
- quote groups: 2,000 and 8,000 quotes of one event.

Target for each: time(4x) / time(x) <= 6.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coverage_site.settings")

TARGET = 6.0


def best_time(work, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def lines(n: int) -> str:
    return "\n".join(f"Paragraph {i} of a very long page says something new about the talks." for i in range(n))


def paragraphs(n: int) -> str:
    para = (
        "“We will not accept this,” Mr. Ortega said, adding that the “so-called reform” had failed.\n\n"
        "She said “it is over”. ”Stray mark here, and an ‘open quote with no end.\n\n"
    )
    return para * n


def quoted_words(n: int) -> str:
    return " ".join(f'"word{i}"' for i in range(n))


def quotes(n: int, rng: random.Random) -> list[tuple[int, int, str]]:
    vocab = [f"w{i}" for i in range(5 * n // 2)]
    return [(i, i % 50, " ".join(rng.choice(vocab) for _ in range(15))) for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import django

    django.setup()
    from articles.nlp import get_nlp
    from articles.text.analyse import analyse
    from articles.text.quote_groups import group_quotes
    from articles.text.reader import read_text

    nlp = get_nlp()
    rng = random.Random(7)

    def analysed(text):
        doc = nlp(text)
        return lambda: analyse(text, doc)

    cases = [
        ("reading", lambda: (lambda t=lines(25_000): read_text(t)), lambda: (lambda t=lines(100_000): read_text(t))),
        ("analysis", lambda: analysed(paragraphs(60)), lambda: analysed(paragraphs(240))),
        ("hostile quotes", lambda: analysed(quoted_words(2_500)), lambda: analysed(quoted_words(10_000))),
        ("quote groups", lambda: (lambda q=quotes(2_000, rng): group_quotes(q)),
         lambda: (lambda q=quotes(8_000, rng): group_quotes(q))),
    ]
    failed = False
    for name, small, large in cases:
        t_small = best_time(small(), args.repeat)
        t_large = best_time(large(), args.repeat)
        ratio = t_large / t_small
        ok = ratio <= TARGET
        failed |= not ok
        print(f"{name:15} x: {t_small * 1000:8.1f} ms   4x: {t_large * 1000:8.1f} ms   "
              f"ratio {ratio:4.2f} (target <= {TARGET:.0f}) {'ok' if ok else 'MISSED'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
