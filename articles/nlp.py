"""The spaCy pipeline, loaded once per process from ``settings.SPACY_MODEL``."""
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@lru_cache(maxsize=None)
def get_nlp(name=None):
    import spacy

    name = name or settings.SPACY_MODEL
    try:
        return spacy.load(name)
    except OSError:
        raise ImproperlyConfigured(
            f"spaCy pipeline {name!r} is not installed: run `pip install -e .` "
            "or set SPACY_MODEL to an installed pipeline."
        ) from None
