"""Documents as received: the original bytes (on disk, by SHA-256), their text and blocks."""

from __future__ import annotations

from django.db import models


class Document(models.Model):
    sha256 = models.CharField(max_length=64, unique=True)
    filename = models.CharField(max_length=255, help_text="File name as ingested.")
    # Where the file came from (absolute path for the command line, "upload:<user>/<name>" for
    # the web); a changed file at the same source replaces the document it had before.
    source = models.CharField(max_length=1024, blank=True, db_index=True)
    media_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    encoding = models.CharField(max_length=40, blank=True)
    text = models.TextField()
    blocks = models.JSONField(default=list)
    language = models.CharField(max_length=8, blank=True)
    # Share of the text's letters per detected language, e.g. {"lt": 0.8, "en": 0.2}.
    languages = models.JSONField(default=dict)
    is_mixed_language = models.BooleanField(default=False)
    metadata = models.JSONField(default=dict)
    replaced_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaces"
    )
    ingested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.sha256[:12]})"

    @property
    def original_path(self) -> str:
        """Path of the original bytes relative to the originals folder."""
        return f"{self.sha256[:2]}/{self.sha256}"
