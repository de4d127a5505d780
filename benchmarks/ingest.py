"""Ingest benchmarks, each a ratio measured within one run.

    python benchmarks/ingest.py throughput [--articles 300]   # ingest vs bare nlp.pipe   (target ≥ 0.8)
    python benchmarks/ingest.py workers    [--articles 300]   # --workers 2 vs 1           (target ≥ 1.6)
    python benchmarks/ingest.py memory     [--articles 10000] # peak RSS of one ingest     (target ≤ 1 GB)

Every run imports into a fresh SQLite file in a temporary folder (or a fresh
PostgreSQL database with --postgres), so the project's own database is
never touched. The corpus comes from benchmarks/corpus.py.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def make_corpus(folder: Path, articles: int, stories: int | None = None) -> list[Path]:
    from benchmarks.corpus import generate

    per_event = max(10, min(400, articles // (stories or 5)))
    events = max(1, round(articles / per_event))
    generate(folder, events=events, low=per_event, high=per_event, seed=11)
    files = sorted(folder.rglob("*.txt"))
    return files[:articles]


PSQL = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c"]
CREATED: list[str] = []  # PostgreSQL databases this run made, dropped at its end


def fresh_database(workdir: Path, name: str, postgres: bool) -> str:
    if postgres:
        db = f"parallax_bench_{name}_{os.getpid()}"
        subprocess.run([*PSQL, f"CREATE DATABASE {db}"], check=True)
        CREATED.append(db)
        url = f"postgres://postgres@127.0.0.1:5432/{db}"
    else:
        url = f"sqlite:///{workdir / (name + '.sqlite3')}"
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    return url


def timed_ingest(url: str, folder: Path, *extra: str) -> float:
    """Seconds an ingest subprocess spends importing (its own start-up excluded)."""
    env = {**os.environ, "DATABASE_URL": url}
    # Load Django and the pipeline first, then time only the import itself.
    code = (
        "import os,sys,time,django;"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE','coverage_site.settings');django.setup();"
        "from articles.nlp import get_nlp;get_nlp();"
        "from django.core.management import call_command;"
        "t=time.perf_counter();"
        "call_command('ingest',*sys.argv[1:],verbosity=0);"
        "print(time.perf_counter()-t)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(folder), *extra],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def bare_pipe_seconds(files: list[Path]) -> float:
    import spacy

    from coverage_site.settings import SPACY_MODEL

    from articles.pipeline import NLP_BATCH_SIZE

    nlp = spacy.load(SPACY_MODEL)
    texts = [f.read_text(encoding="utf-8") for f in files]
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=NLP_BATCH_SIZE):  # the batch size ingest uses
        pass
    return time.perf_counter() - start


def report(name: str, ratio: float, target: str, ok: bool, detail: str) -> None:
    print(f"{name}: {ratio:.2f}  (target {target}: {'PASS' if ok else 'FAIL'})  [{detail}]")


def throughput(args, work: Path):
    files = make_corpus(work / "corpus", args.articles)
    bare = bare_pipe_seconds(files)
    url = fresh_database(work, "throughput", args.postgres)
    ours = timed_ingest(url, work / "corpus")
    ratio = bare / ours
    report(
        "ingest throughput vs bare nlp.pipe", ratio, "≥ 0.80", ratio >= 0.8,
        f"{len(files)} articles: nlp.pipe {bare:.1f}s ({len(files) / bare:.1f}/s), ingest {ours:.1f}s ({len(files) / ours:.1f}/s)",
    )


def workers(args, work: Path):
    files = make_corpus(work / "corpus", args.articles)
    one = timed_ingest(fresh_database(work, "one", args.postgres), work / "corpus")
    two = timed_ingest(fresh_database(work, "two", args.postgres), work / "corpus", "--workers", "2")
    ratio = one / two
    report(
        "--workers 2 vs 1 worker", ratio, "≥ 1.60", ratio >= 1.6,
        f"{len(files)} articles on {os.cpu_count()} cores: 1 worker {one:.1f}s, 2 workers {two:.1f}s",
    )


def tree_memory_mb(root: int) -> tuple[float, float]:
    """Resident (RSS) and proportional (PSS) memory of a process and all its
    descendants, in MB. RSS counts the pages forked processes share once per
    process, so its sum is an upper bound; PSS divides each shared page
    among the processes that share it, so its sum is the memory they use."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    kb = {"Rss": 0, "Pss": 0}
    todo = [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue  # the process ended meanwhile
        for line in rollup.splitlines():
            name, _, value = line.partition(":")
            if name in kb:
                kb[name] += int(value.split()[0])
    return kb["Rss"] / 1024, kb["Pss"] / 1024


def memory(args, work: Path):
    files = make_corpus(work / "corpus", args.articles, args.stories)
    url = fresh_database(work, "memory", args.postgres)
    env = {**os.environ, "DATABASE_URL": url}
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "ingest", str(work / "corpus"), "-v0", "--workers", str(args.workers)],
        cwd=ROOT, env=env,
    )
    peak_total = peak_pss = 0.0
    while process.poll() is None:
        rss, pss = tree_memory_mb(process.pid)
        peak_total, peak_pss = max(peak_total, rss), max(peak_pss, pss)
        time.sleep(0.5)
    if process.returncode:
        sys.exit(f"ingest failed with status {process.returncode}")
    seconds = time.perf_counter() - start
    peak_single = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    stories = len({f.parent for f in files})
    events, mixed, split = stories_in_events(env)
    print(
        f"ingest peak memory: {peak_total:.0f} MB  (target ≤ 1024 MB: {'PASS' if peak_total <= 1024 else 'FAIL'})"
        f"  [{len(files)} articles of {stories} stories, filed in {events} events ({mixed} holding more than one"
        f" story, {split} stories in more than one event), in {seconds:.0f}s with {args.workers} worker(s);"
        f" RSS of all processes together, sampled every 0.5 s; largest single process {peak_single:.0f} MB;"
        f" PSS of all processes together {peak_pss:.0f} MB]"
    )


def stories_in_events(env) -> tuple[int, int, int]:
    """Events made, events holding articles of two generated stories or more,
    and stories whose articles went to more than one event. A generated
    file is named ``<story>-<article>.txt``."""
    code = (
        "import os,django;os.environ.setdefault('DJANGO_SETTINGS_MODULE','coverage_site.settings');django.setup();"
        "from articles.models import Article;"
        "[print(e, s) for e, s in Article.objects.values_list('event_id', 'source')]"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    stories_of, events_of = {}, {}
    for line in out.stdout.splitlines():
        event, source = line.split(" ", 1)
        story = source.split("-", 1)[0]
        stories_of.setdefault(event, set()).add(story)
        events_of.setdefault(story, set()).add(event)
    mixed = sum(len(s) > 1 for s in stories_of.values())
    split = sum(len(e) > 1 for e in events_of.values())
    return len(stories_of), mixed, split


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("which", choices=["throughput", "workers", "memory"])
    parser.add_argument("--articles", type=int, help="Corpus size (default 300; 10000 for memory).")
    parser.add_argument("--workers", type=int, default=1, help="Workers for the memory run.")
    parser.add_argument("--stories", type=int, help="Generated stories the memory run's articles tell (default: up to 400 articles each, at least 5).")
    parser.add_argument("--postgres", action="store_true", help="Import into a fresh PostgreSQL database.")
    args = parser.parse_args()
    args.articles = args.articles or (10000 if args.which == "memory" else 300)
    try:
        with tempfile.TemporaryDirectory(prefix="parallax-bench-") as tmp:
            {"throughput": throughput, "workers": workers, "memory": memory}[args.which](args, Path(tmp))
    finally:
        for db in CREATED:
            subprocess.run([*PSQL, f"DROP DATABASE IF EXISTS {db} WITH (FORCE)"], check=False)


if __name__ == "__main__":
    main()
