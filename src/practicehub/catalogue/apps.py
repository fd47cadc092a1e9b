from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    """Records, organisations, funding programmes and themes: what the catalogue holds."""

    name = "practicehub.catalogue"
    verbose_name = "Catalogue"
