"""Set-up of the worker processes that read and extract for ``ingest --jobs``.

Kept apart from ``pipeline`` on purpose: a spawned worker unpickles this module's function
before Django is set up, so nothing here may import a model at import time.
"""

import os


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "practicehub.settings")
    import django

    django.setup()
