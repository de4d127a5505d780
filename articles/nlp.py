"""The spaCy pipeline, loaded once per process from ``settings.SPACY_MODEL``."""
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def get_nlp(name=None):
    # One cache entry whether the default is named or not: analysis workers
    # forked from a process that has the pipeline then start with it.
    return _load(name or settings.SPACY_MODEL)


@lru_cache(maxsize=None)
def _load(name):
    import spacy

    try:
        return spacy.load(name)
    except OSError:
        raise ImproperlyConfigured(
            f"spaCy pipeline {name!r} is not installed: run `pip install -e .` "
            "or set SPACY_MODEL to an installed pipeline."
        ) from None
