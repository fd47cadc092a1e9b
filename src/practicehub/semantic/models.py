"""Passages of published records and the vectors of their texts.

A vector belongs to a text, not to a record: it is keyed by the model and the SHA-256 of the
passage text, so an unchanged passage is never embedded twice, and two records that share a
paragraph share its vector. Vectors are float32 blobs; the search loads them into one numpy
matrix (index.py), so no database extension is needed.
"""

from __future__ import annotations

import numpy as np
from django.db import models


class Passage(models.Model):
    """About 60-100 words of a published record; position 0 is the title and summary."""

    record = models.ForeignKey(
        "catalogue.Record", on_delete=models.CASCADE, related_name="passages"
    )
    position = models.PositiveIntegerField()
    # The record's language: scores are calibrated per language (services.py).
    language = models.CharField(max_length=8)
    text = models.TextField()
    content_hash = models.CharField(max_length=64, help_text="SHA-256 of the text, hex.")
    model = models.CharField(max_length=100, help_text="The embedding model the vector is for.")

    class Meta:
        ordering = ["record", "position"]
        constraints = [
            models.UniqueConstraint(fields=["record", "position"], name="unique_passage_position")
        ]
        indexes = [models.Index(fields=["model", "content_hash"])]

    def __str__(self) -> str:
        return f"{self.record_id} #{self.position}"


class PassageVector(models.Model):
    """The embedding of one passage text by one model."""

    model = models.CharField(max_length=100)
    content_hash = models.CharField(max_length=64)
    vector = models.BinaryField(help_text="float32, little-endian, unit length.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["model", "content_hash"], name="unique_vector_text")
        ]

    def __str__(self) -> str:
        return f"{self.model} {self.content_hash[:12]}"

    def as_array(self) -> np.ndarray:
        return np.frombuffer(bytes(self.vector), dtype="<f4")


class IndexVersion(models.Model):
    """One row whose number changes whenever passages or vectors change.

    Each process holds the vector matrix in memory; comparing this number (one indexed read)
    tells it when to load the matrix again, whichever process made the change.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    version = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"semantic index v{self.version}"


class WordForm(models.Model):
    """A word of the passages written with diacritics, under its plain-letter spelling.

    A query typed without Lithuanian letters ("moteru lyderyste") is searched also as the
    collection writes it ("moterų lyderystė"): the model reads the second far better.
    """

    folded = models.CharField(max_length=100, primary_key=True)
    form = models.CharField(max_length=100)

    def __str__(self) -> str:
        return f"{self.folded} -> {self.form}"
