from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The open-data JSON API and its OpenAPI document."""

    name = "practicehub.api"
    verbose_name = "API"
