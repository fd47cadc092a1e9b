from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Keyword and semantic indexes of the records, and the ranking that fuses them."""

    name = "practicehub.search"
    verbose_name = "Search"
