"""The catalogue: records and the registry of organisations, programmes and themes.

Field names follow ``shared/schema/record.schema.json``; ``Record.to_dict()`` produces that shape.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Theme(models.Model):
    """A concept of the controlled theme vocabulary (loaded from ``vocab/themes.json``)."""

    id = models.SlugField(primary_key=True, max_length=60)
    label_en = models.CharField(max_length=200)
    label_lt = models.CharField(max_length=200)
    eurovoc = models.CharField(max_length=20, blank=True, help_text="EuroVoc concept id.")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.label_en


class Programme(models.Model):
    """A funding programme of the controlled list (loaded from ``vocab/programmes.json``)."""

    id = models.SlugField(primary_key=True, max_length=60)
    name_en = models.CharField(max_length=300)
    name_lt = models.CharField(max_length=300)
    scope = models.CharField(max_length=20, blank=True, help_text="eu, eea, national, ...")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name_en


class Organisation(models.Model):
    """One organisation, however many records and spellings name it."""

    id = models.SlugField(primary_key=True, max_length=100)
    name = models.CharField(max_length=400, help_text="Canonical name.")
    acronym = models.CharField(max_length=40, blank=True, db_index=True)
    country = models.CharField(max_length=2, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganisationName(models.Model):
    """A spelling the organisation was seen under, with the key used to match spellings."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=400)
    key = models.CharField(max_length=400, db_index=True)
    # The distinctive part of the name ("magnum bonum") and the concepts of its generic part
    # ("fund partnership social"), so a name and its translation can meet (registry.py).
    core = models.CharField(max_length=400, blank=True, db_index=True)
    kind = models.CharField(max_length=200, blank=True)
    # The key cut to Lithuanian word stems, so that a name written in another grammatical case
    # ("Lygių galimybių plėtros centru") meets the organisation it names (registry.py).
    stem = models.CharField(max_length=400, blank=True, db_index=True)
    # The Lithuanian public body the spelling names ("lt-municipality-vilnius-city"), so that
    # its names in either language meet (extract/bodies.py).
    body = models.CharField(max_length=80, blank=True, db_index=True)
    language = models.CharField(max_length=8, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_org_name")
        ]

    def __str__(self) -> str:
        return self.name


class Record(models.Model):
    class Kind(models.TextChoices):
        PROJECT = "project", "Project"
        GOOD_PRACTICE = "good_practice", "Good practice"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"
        ARCHIVED = "archived", "Archived"

    id = models.CharField(primary_key=True, max_length=64)
    document = models.ForeignKey(
        "documents.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="records",
    )
    # Position of the record in its document (1-based); with the document it identifies the
    # record across re-ingests.
    ordinal = models.PositiveIntegerField(default=1)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PROJECT)
    title = models.CharField(max_length=1000)
    language = models.CharField(max_length=8)
    summary = models.TextField(blank=True)
    sections = models.JSONField(default=list, blank=True)
    objectives = models.JSONField(default=list, blank=True)
    activities = models.JSONField(default=list, blank=True)
    project_numbers = models.JSONField(default=list, blank=True)
    period_start = models.CharField(max_length=10, blank=True)
    period_end = models.CharField(max_length=10, blank=True)
    target_groups = models.JSONField(default=list, blank=True)
    emails = models.JSONField(default=list, blank=True)
    websites = models.JSONField(default=list, blank=True)
    addresses = models.JSONField(default=list, blank=True)
    span_start = models.PositiveIntegerField(null=True, blank=True)
    span_end = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    themes = models.ManyToManyField(Theme, blank=True, related_name="records")
    # Field name -> list of [start, end) spans in the document text the value came from.
    provenance = models.JSONField(default=dict, blank=True)
    # The values extraction produced last time, so an editor's change can be told apart from
    # the machine's and kept when the document is read again.
    extracted = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["status", "kind"]),
            models.Index(fields=["language"]),
        ]

    def __str__(self) -> str:
        return self.title


class Participation(models.Model):
    """An organisation's part in a record, with the name as the record writes it."""

    class Role(models.TextChoices):
        PROVIDER = "provider"
        COORDINATOR = "coordinator"
        PARTNER = "partner"
        FUNDER = "funder"
        IMPLEMENTER = "implementer"
        MEMBER = "member"
        OTHER = "other"

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="participations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="participations"
    )
    name = models.CharField(max_length=400, help_text="Name as written in the record.")
    role = models.CharField(max_length=20, choices=Role.choices)
    acronym = models.CharField(max_length=40, blank=True)
    country = models.CharField(max_length=2, blank=True)
    position = models.PositiveIntegerField(default=0)
    span_start = models.PositiveIntegerField(null=True, blank=True)
    span_end = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["record", "position"]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})"


class Funding(models.Model):
    """A funding statement of a record, mapped to a programme where the list has it."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="funding")
    programme = models.ForeignKey(
        Programme, null=True, blank=True, on_delete=models.PROTECT, related_name="funding"
    )
    text = models.TextField()
    position = models.PositiveIntegerField(default=0)
    span_start = models.PositiveIntegerField(null=True, blank=True)
    span_end = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["record", "position"]

    def __str__(self) -> str:
        return self.text[:80]


class Correction(models.Model):
    """An editor's value for a field; it wins over what a later extraction finds."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="corrections")
    field = models.CharField(max_length=40)
    value = models.JSONField()
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    corrected_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["record", "field"], name="unique_correction")
        ]

    def __str__(self) -> str:
        return f"{self.record_id}.{self.field}"


class Revision(models.Model):
    """Every change to a record: who, when, what."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="revisions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    action = models.CharField(max_length=40, help_text="ingest, reingest, edit, status, ...")
    changes = models.JSONField(default=dict, help_text="Field -> [old, new].")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["record", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.record_id} {self.action} {self.created_at:%Y-%m-%d %H:%M}"
