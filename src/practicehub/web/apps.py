from django.apps import AppConfig


class WebConfig(AppConfig):
    """The pages people read: search, records, organisations, in Lithuanian and English."""

    name = "practicehub.web"
    verbose_name = "Web"
