"""Organisation spellings get the public body they name, so that a municipality's or ministry's
names in Lithuanian and English meet.

The backfill computes it for the spellings already stored, with the same function the registry
uses for new ones; organisations already kept apart stay apart (an editor joins them).
"""

from django.db import migrations, models


def fill_bodies(apps, schema_editor):
    from practicehub.catalogue.extract.bodies import public_body

    OrganisationName = apps.get_model("catalogue", "OrganisationName")
    db = schema_editor.connection.alias
    spellings = OrganisationName.objects.using(db).select_related("organisation")
    for spelling in spellings.iterator():
        match = public_body(spelling.name, spelling.organisation.country or None)
        if match is not None:
            spelling.body = match.body.id
            spelling.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0004_organisation_name_stem")]

    operations = [
        migrations.AddField(
            model_name="organisationname",
            name="body",
            field=models.CharField(blank=True, db_index=True, max_length=80),
        ),
        migrations.RunPython(fill_bodies, migrations.RunPython.noop),
    ]
