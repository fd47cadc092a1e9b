from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Keyword and semantic indexes of the records, and the ranking that fuses them."""

    name = "practicehub.search"
    verbose_name = "Search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from practicehub.search import receivers  # noqa: F401  (connects the signal receivers)
