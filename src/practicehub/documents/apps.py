from django.apps import AppConfig
from django.db.backends.signals import connection_created


class DocumentsConfig(AppConfig):
    """Files as received: storage of originals, readers per format, language, ingestion."""

    name = "practicehub.documents"
    verbose_name = "Documents"

    def ready(self) -> None:
        from practicehub.documents import pg_arrays

        # Bulk inserts (ingest's above all) escape their array parameters faster; see pg_arrays.
        connection_created.connect(pg_arrays.register, dispatch_uid="documents_pg_arrays")
