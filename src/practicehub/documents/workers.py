"""Set-up of the worker processes that read and extract for ``ingest --jobs``.

Kept apart from ``pipeline`` on purpose: a spawned worker unpickles this module's function
before Django is set up, so nothing here may import a model at import time.
"""

import gc
import os


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "practicehub.settings")
    import django

    django.setup()
    tune_gc()


def tune_gc() -> None:
    """Garbage collection for a worker: what it holds when it starts (the extraction tables,
    the language model, inherited from the process that forked it) is left out of every
    collection, and collections come less often. Reading and extraction make many short-lived
    objects and few cycles; by default collections cost a worker a few percent of its CPU."""
    gc.freeze()
    gc.set_threshold(10_000, 20, 10)
