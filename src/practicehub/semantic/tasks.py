"""The background task that embeds new passages (run by ``practicehub db_worker``)."""

from __future__ import annotations

from django_tasks import task

from practicehub.semantic.embedding import embed_pending


@task()
def embed_pending_task() -> int:
    return embed_pending()


def embedding_enqueue() -> None:
    """Queue one embedding run unless one is already waiting to start.

    The task embeds everything pending, so a burst of saves (an ingest of a folder) needs one
    waiting run, not one per record.
    """
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # another task backend: let it queue every request
        DBTaskResult = None
    if DBTaskResult is not None and embed_pending_task.get_backend().__class__.__name__ == (
        "DatabaseBackend"
    ):
        waiting = DBTaskResult.objects.ready().filter(task_path=embed_pending_task.module_path)
        if waiting.exists():
            return
    embed_pending_task.enqueue()
