"""Sentence vectors from a static word-embedding model shipped inside a package.

WordLlama (PyPI ``wordllama``) carries its 256-dimension token embeddings
and its tokenizer in the package folder, so it loads with no network and
no torch; a sentence vector is the mean of its token vectors, L2-normalised,
so a dot product is a cosine. The model is loaded once per process.
"""
from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Sequence

import numpy as np
import wordllama
from wordllama import WordLlama

DIMENSIONS = 256


@functools.lru_cache(maxsize=1)
def model() -> WordLlama:
    # Never reach the hub: the weights and tokenizer are in the package.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    return WordLlama.load(dim=DIMENSIONS, cache_dir=Path(wordllama.__file__).parent, disable_download=True)


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit vectors, one row per text (a zero row for an empty text)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = np.asarray(model().embed(list(texts), norm=False), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms > 0, norms, 1.0)
