from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("record_id", models.CharField(max_length=64, unique=True)),
                ("language", models.CharField(blank=True, max_length=8)),
                ("title_stems", models.TextField(blank=True)),
                ("names_stems", models.TextField(blank=True)),
                ("body_stems", models.TextField(blank=True)),
                ("exact", models.TextField(blank=True)),
            ],
            options={"verbose_name_plural": "search entries"},
        ),
        migrations.CreateModel(
            name="SearchState",
            fields=[
                (
                    "id",
                    models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False),
                ),
                ("version", models.CharField(blank=True, max_length=32)),
            ],
        ),
    ]
