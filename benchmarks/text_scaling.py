"""How the per-article text work grows with the size of its input, as ratios
measured in one run (4x the input should cost about 4x, never 16x).

    python benchmarks/text_scaling.py [--repeat 3]

- reading: ``read_text`` of 25,000 and 100,000 scraped lines;
- analysis: quotes, speakers and people of 60 and 240 paragraphs (after spaCy);
- hostile quotes: 2,500 and 10,000 quoted words in one paragraph;
- quote groups: 2,000 and 8,000 quotes of one event;
- hostile inputs, each of 25,000 and 100,000 characters, read and analysed
  as ``ingest`` does (``prepare_batch``: reading, limits, spaCy, quotes,
  people) in a fresh process, for its CPU time (the least of --repeat runs)
  and its memory: runs of straight
  and curly quotation marks, nested guillemets, alternating quotes, runs of
  ``&`` and of ``&amp;``, unclosed ``<script>``, ``<!--`` and ``<style>``.

Targets: time(4x) / time(x) <= 6 for the first four; <= 5 for the hostile
inputs, whose memory must stay under 50 MB per 100 KB of input.
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
HOSTILE_TARGET = 5.0
MB_PER_100KB = 50.0

# name -> (a unit of the input, is it HTML); the input repeats the unit.
HOSTILE = {
    "straight quotes": ('"', False),
    "curly quotes": ("“", False),
    "guillemets": ("«»", False),
    "alternating": ("“x” ", False),
    "ampersands": ("&", False),
    "&amp; entities": ("&amp;", True),
    "unclosed script": ("<script>", True),
    "unclosed comment": ("<!--", True),
    "unclosed style": ("<style>", True),
    "spaced ampersands": ("& ", False),
    "plain prose": ("The minister said the talks would go on. ", False),
}


def best_time(work, repeat: int) -> float:
    """The least CPU time of ``repeat`` runs: on a shared machine wall time
    also counts whatever else the cores were doing."""
    times = []
    for _ in range(repeat):
        started = time.process_time()
        work()
        times.append(time.process_time() - started)
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
    nlp("Warm the pipeline up before any child is forked.")
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
    for name, (unit, html) in HOSTILE.items():
        small, large = (_best_hostile_run(unit, html, size, args.repeat) for size in (25_000, 100_000))
        ratio = large["seconds"] / max(small["seconds"], 1e-4)
        per_100kb = large["mb"] / (100_000 / 100_000)
        ok = ratio <= HOSTILE_TARGET and per_100kb <= MB_PER_100KB
        failed |= not ok
        print(f"{name:17} x: {small['seconds'] * 1000:8.1f} ms   4x: {large['seconds'] * 1000:8.1f} ms   "
              f"ratio {ratio:4.2f} (<= {HOSTILE_TARGET:.0f})   memory {large['mb']:5.1f} MB per 100 KB "
              f"(<= {MB_PER_100KB:.0f}) {large['outcome']} {'ok' if ok else 'MISSED'}")
    sys.exit(1 if failed else 0)


def _best_hostile_run(unit: str, html: bool, size: int, repeat: int) -> dict:
    """The least CPU time of ``repeat`` runs, and the most memory any grew by.

    CPU time rather than wall time: on a shared machine a single wall-clock
    run can be held up by other work, which skews a ratio of two runs."""
    runs = [_hostile_run(unit, html, size) for _ in range(repeat)]
    return {**min(runs, key=lambda run: run["seconds"]), "mb": max(run["mb"] for run in runs)}


def _hostile_run(unit: str, html: bool, size: int) -> dict:
    """Read and analyse one hostile input in a forked child, which reports
    its CPU time and the memory it grew by (the pipeline is loaded before the fork)."""
    import multiprocessing

    text = "Officials met on Monday. " + unit * (size // len(unit)) + " They left."
    if html:
        text = f"<html><body><p>{text}</p></body></html>"
    parent, child = multiprocessing.Pipe()
    process = multiprocessing.get_context("fork").Process(target=_measure, args=(text, html, child))
    process.start()
    result = parent.recv()
    process.join()
    return result


def _measure(text: str, html: bool, conn) -> None:
    import resource

    from articles.nlp import get_nlp
    from articles.pipeline import prepare_batch
    from articles.sources import Source

    nlp = get_nlp()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.process_time()
    [result] = prepare_batch([Source(path="x", source="x", text=text, html=html)], nlp)
    seconds = time.process_time() - started
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    outcome = getattr(result, "reason", None) or f"{len(result.analysis.quotes)} quotes"
    conn.send({"seconds": seconds, "mb": grown, "outcome": f"[{outcome[:40]}]"})


if __name__ == "__main__":
    main()
