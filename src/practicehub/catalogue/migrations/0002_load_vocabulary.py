"""Loads the theme and funding-programme vocabularies into the registry rows.

It calls the same code as ``practicehub vocab_sync`` with the historical models, so a fresh
database gets today's files; later edits to the files arrive through that command or the
post-migrate handler, without a new migration for each label.
"""

from django.db import migrations


def load_vocabulary(apps, schema_editor):
    from practicehub.vocab.sync import vocab_sync

    vocab_sync(
        theme_model=apps.get_model("catalogue", "Theme"),
        programme_model=apps.get_model("catalogue", "Programme"),
        using=schema_editor.connection.alias,
    )


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [
        # Unapplying leaves the rows: the table itself goes with 0001.
        migrations.RunPython(load_vocabulary, migrations.RunPython.noop),
    ]
