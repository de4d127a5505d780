"""The Celery tasks of a queued import; the work is in ``articles.queued``.

``analyse`` takes a few articles of a run, analyses them, then stores
whatever is next in the run's input order; the worker that stores a run's
last article sends one ``finish_event`` per event. Every task may run more
than once (late acknowledgement redelivers the task of a worker that died)
and retries with growing delays when the database or the broker is away.
"""
import os

from celery import Task, shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerError

from articles import queued
from articles.nlp import get_nlp

RETRY = dict(
    autoretry_for=(OperationalError, InterfaceError, BrokerError),
    retry_backoff=2,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=8,
)


class AnalyseTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        """Out of retries or time: the articles go to the dead-letter record."""
        run_id, seqs = args
        reason = f"the queue gave up on it ({type(exc).__name__}: {exc})".splitlines()[0]
        queued.give_up(run_id, seqs, reason)
        send_finishing(run_id, queued.drain(run_id))


@shared_task(name="articles.analyse", base=AnalyseTask, bind=True, **RETRY)
def analyse(self, run_id: int, seqs: list[int]) -> None:
    worker = f"{self.request.hostname or 'local'}:{os.getpid()}"
    queued.analyse(run_id, seqs, get_nlp(settings.SPACY_MODEL), worker=worker)
    send_finishing(run_id, queued.drain(run_id))


@shared_task(name="articles.drain", **RETRY)
def drain(run_id: int) -> None:
    send_finishing(run_id, queued.drain(run_id))


@shared_task(name="articles.finish_event", **RETRY)
def finish_event(run_id: int, event_id: int) -> None:
    queued.finish_event(run_id, event_id, sender=finish_event)


def send_finishing(run_id: int, event_ids: list[int]) -> None:
    for event_id in event_ids:
        finish_event.delay(run_id, event_id)
