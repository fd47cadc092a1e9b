"""Organisation spellings get the stem key that lets a name in another case meet its nominative.

The backfill computes it for the spellings already stored, with the same function the registry
uses for new ones.
"""

from django.db import migrations, models


def fill_stems(apps, schema_editor):
    from practicehub.catalogue.extract.names import stem_key

    OrganisationName = apps.get_model("catalogue", "OrganisationName")
    db = schema_editor.connection.alias
    for spelling in OrganisationName.objects.using(db).iterator():
        spelling.stem = stem_key(spelling.name)
        spelling.save(update_fields=["stem"])


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0003_organisation_name_core")]

    operations = [
        migrations.AddField(
            model_name="organisationname",
            name="stem",
            field=models.CharField(blank=True, db_index=True, max_length=400),
        ),
        migrations.RunPython(fill_stems, migrations.RunPython.noop),
    ]
