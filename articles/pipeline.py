"""Turn decoded sources into analysed articles, in this process or in workers.

This is the CPU-heavy half of ingest (reading, spaCy, quotes, people) and
touches no database, so it can run in worker processes while the main
process stores what comes back, in input order.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import chain, islice

import numpy
from spacy.tokens import Doc

from articles.nlp import get_nlp
from articles.sources import Failure, Source
from articles.text import limits
from articles.text.analyse import analyse
from articles.text.errors import InputError
from articles.text.events import signature
from articles.text.reader import read_html, read_text
from articles.text.types import Analysis, ParsedArticle

BATCH_SIZE = 32
# Analysis of a long article takes a second or two; one that takes a
# minute has hit something pathological and is given up.
SECONDS_PER_ARTICLE = 60.0
WORKER_START_SECONDS = 30.0  # a fresh worker loads the spaCy pipeline first
AHEAD = 2  # chunks analysed ahead of the one being stored
# Docs spaCy tags at once. Its working memory grows with the batch (some
# 350 MB for 32 news articles, 90 MB for 8) while its speed does not.
NLP_BATCH_SIZE = 8


@dataclass
class Prepared:
    path: str
    source: str
    content_hash: str
    parsed: ParsedArticle
    analysis: Analysis
    signature: dict


def parse(source: Source) -> ParsedArticle:
    read = read_html if source.html else read_text
    parsed = read(source.text, url=source.url, hints=source.hints or None)
    limits.check(parsed.body)
    return parsed


def prepare_batch(sources: list[Source], nlp) -> list[Prepared | Failure]:
    """Read, then analyse a batch with one ``nlp.pipe`` call."""
    results: list[Prepared | Failure | None] = []
    readable: list[tuple[int, Source, ParsedArticle]] = []
    for source in sources:
        try:
            parsed = parse(source)
        except InputError as exc:
            results.append(Failure(source.path, str(exc)))
            continue
        except Exception as exc:  # a reader bug must cost one file, not the run
            results.append(Failure(source.path, f"could not be read ({type(exc).__name__})"))
            continue
        readable.append((len(results), source, parsed))
        results.append(None)

    # Strings spaCy interns for a batch are freed with it: a long import
    # would otherwise grow the vocabulary, and the process, without bound.
    # Only plain data leaves the zone.
    with nlp.memory_zone():
        docs = _pipe([limits.for_parser(parsed.body) for _, _, parsed in readable], nlp)
        for (index, source, parsed), doc in zip(readable, docs):
            if doc is None:
                results[index] = Failure(source.path, "could not be analysed by the language pipeline")
                continue
            try:
                analysis = analyse(parsed.body, doc)
                results[index] = Prepared(
                    path=source.path,
                    source=source.source,
                    content_hash=source.content_hash,
                    parsed=parsed,
                    analysis=analysis,
                    signature=signature(parsed, analysis),
                )
            except Exception as exc:
                results[index] = Failure(source.path, f"could not be analysed ({type(exc).__name__})")
    return results


def _pipe(texts: list[str], nlp) -> list:
    """Docs for ``texts`` in one ``nlp.pipe`` call; should one text break the
    batch, the texts are retried one by one and only the bad one is lost.

    A long text is parsed a piece at a time (``limits.pieces``) and the
    pieces joined back into one Doc, so that memory follows the piece, not
    the article; the others are parsed NLP_BATCH_SIZE at a time."""
    cut = [limits.pieces(text) for text in texts]
    try:
        whole = [i for i, parts in enumerate(cut) if len(parts) == 1]
        docs = [None] * len(texts)
        for i, doc in zip(whole, nlp.pipe([cut[i][0] for i in whole], batch_size=NLP_BATCH_SIZE)):
            docs[i] = doc
        for i, parts in enumerate(cut):
            if len(parts) > 1:
                docs[i] = _joined([_light(doc) for doc in nlp.pipe(parts, batch_size=1)])
        return docs
    except Exception:
        docs = []
        for parts in cut:
            try:
                docs.append(_joined([nlp(piece) for piece in parts]))
            except Exception:
                docs.append(None)
        return docs


def _light(doc):
    """The analysis reads tokens, tags, parses and entities, never the
    network's hidden vectors, which are most of a parsed piece's memory."""
    doc.tensor = numpy.zeros((0,), dtype="float32")
    return doc


def _joined(docs: list):
    # The pieces end where the text did: no space may be added between them.
    return docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)


def batched(iterable, size):
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


# Worker processes load the pipeline once, in their initializer.
_worker_nlp = None
PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _start_worker(parent: int, model_name: str):
    _die_with(parent)
    _init_worker(model_name)


def _die_with(parent: int) -> None:
    """Have the kernel kill this worker when the import that forked it dies
    (Linux). Else a killed import leaves its workers waiting for work that
    never comes, and, as they hold a copy of its database connection, its
    open transaction holding its locks."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it died before this took effect
        os._exit(1)


def _init_worker(model_name):
    global _worker_nlp
    import django

    django.setup()
    _worker_nlp = get_nlp(model_name)


def _work(batch):
    return prepare_batch(batch, _worker_nlp)


def prepare_all(chunks, *, workers: int, model_name: str, seconds_per_article: float | None = None):
    """Yield prepared batches in order.

    ``chunks`` yields lists of batches; it is advanced in this process (it may
    query the database). The batches are analysed by a pool of ``workers``
    processes, watched from outside (``WorkerPool``): every article has its
    time budget, even in an import of one file. The pool works on the next
    chunk while the caller stores the previous one, so storing costs no
    analysis time even with one worker.
    """
    budget = SECONDS_PER_ARTICLE if seconds_per_article is None else seconds_per_article
    chunks = iter(chunks)
    head = []
    for chunk in chunks:  # a run of skipped files starts no pool
        head.append(chunk)
        if chunk:
            break
    if not any(head):
        return
    with WorkerPool(workers, model_name, budget) as pool:
        # Keep chunks queued ahead of the one being stored, so that no worker
        # waits for this process; the queue's length bounds memory.
        submitted = ([pool.submit(batch) for batch in chunk] for chunk in chain(head, chunks))
        for jobs in ahead(submitted, AHEAD):
            for job in jobs:
                yield pool.result(job)


@dataclass
class _Job:
    batch: list[Source]
    future: Future


class WorkerPool:
    """Analysis processes watched from outside: a batch that runs past its
    time budget, or whose process dies (the kernel's OOM killer, a crash in
    native code), costs its own articles and nothing else. The pool is
    then rebuilt, the other queued batches resubmitted, and the batch
    retried article by article, so only the article at fault fails."""

    def __init__(self, workers: int, model_name: str, seconds_per_article: float):
        self.workers, self.model_name, self.budget = workers, model_name, seconds_per_article
        self.jobs: list[_Job] = []
        self._start()

    def _start(self):
        self.executor = ProcessPoolExecutor(
            self.workers, mp_context=process_context(), initializer=_start_worker,
            initargs=(os.getpid(), self.model_name),
        )

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.executor.shutdown(wait=True, cancel_futures=True)

    def submit(self, batch: list[Source]) -> _Job:
        job = _Job(batch, self.executor.submit(_work, batch))
        self.jobs.append(job)
        return job

    def result(self, job: _Job) -> list[Prepared | Failure]:
        self.jobs.remove(job)
        try:
            return job.future.result(timeout=self._seconds(job.batch))
        except (TimeoutError, BrokenProcessPool):
            self._restart()
        return [self._one(source) for source in job.batch]

    def _one(self, source: Source) -> Prepared | Failure:
        future = self.executor.submit(_work, [source])
        try:
            return future.result(timeout=self._seconds([source]))[0]
        except TimeoutError:
            self._restart()
            return Failure(source.path, f"took too long to analyse (over {self.budget:.0f} seconds)")
        except BrokenProcessPool:
            self._restart()
            return Failure(source.path, "its analysis process died (out of memory?)")

    def _seconds(self, batch) -> float:
        # Waiting starts when the caller asks, which is never before the
        # batch could start: the budget only errs on the generous side.
        return self.budget * len(batch) + WORKER_START_SECONDS

    def _restart(self):
        """Kill the pool's processes (the running analysis cannot be
        interrupted from inside), start a new pool, and resubmit what was queued."""
        # The executor has no public way to stop a running task before
        # Python 3.14's terminate_workers(); its process table is stable.
        for process in list((self.executor._processes or {}).values()):
            process.kill()
        self.executor.shutdown(wait=True, cancel_futures=True)
        self._start()
        for job in self.jobs:
            job.future = self.executor.submit(_work, job.batch)


def ahead(jobs, count: int):
    """Yield ``jobs`` in order, each once ``count`` later ones have been
    taken from the iterator (submitted), or at its end."""
    pending: deque = deque()
    for job in jobs:
        pending.append(job)
        if len(pending) > count:
            yield pending.popleft()
    yield from pending


def process_context():
    """fork keeps start-up cheap where it exists."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")
