from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """Files as received: storage of originals, readers per format, language, ingestion."""

    name = "practicehub.documents"
    verbose_name = "Documents"
