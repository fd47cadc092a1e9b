from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


def _sync_after_migrate(sender, *, using: str, verbosity: int = 1, **kwargs) -> None:
    """Every ``migrate`` (and test-database flush) leaves the rows as the files say."""
    from practicehub.vocab.sync import vocab_sync

    state = kwargs.get("apps") or apps
    try:
        theme = state.get_model("catalogue", "Theme")
        programme = state.get_model("catalogue", "Programme")
    except LookupError:
        return  # the catalogue tables are not there (yet, or any more)
    report = vocab_sync(theme_model=theme, programme_model=programme, using=using)
    stdout = kwargs.get("stdout")
    if verbosity >= 1 and stdout is not None:
        for noun, table in report.items():
            if table.changed:
                stdout.write(f"  Vocabulary {table.summary(noun)}\n")


class VocabConfig(AppConfig):
    """Controlled vocabularies kept as data: themes, funding programmes, the LT–EN glossary."""

    name = "practicehub.vocab"
    verbose_name = "Vocabularies"

    def ready(self) -> None:
        # post_migrate is sent once per app that has models; the catalogue holds the rows.
        post_migrate.connect(
            _sync_after_migrate,
            sender=apps.get_app_config("catalogue"),
            dispatch_uid="practicehub.vocab.sync_after_migrate",
        )
