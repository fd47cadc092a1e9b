from django.apps import AppConfig


class SemanticConfig(AppConfig):
    """Passages of the published records, their embeddings and the vector search over them."""

    name = "practicehub.semantic"
    verbose_name = "Semantic search"

    def ready(self) -> None:
        # Connects the catalogue's signals: passages follow the records, embedding is queued.
        from practicehub.semantic import receivers  # noqa: F401
