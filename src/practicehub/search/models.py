"""The keyword index: one row per published record, holding its analysed text.

The catalogue does not know about this table; the search app fills it from the catalogue's
signals. Each database adds its own full-text structure in a migration: SQLite an FTS5 table
kept in step by triggers, PostgreSQL a generated, GIN-indexed tsvector column. Neither refers to
the catalogue's tables, so flushing a test database never trips over them.
"""

from __future__ import annotations

from django.db import models


class SearchEntry(models.Model):
    record_id = models.CharField(max_length=64, unique=True)
    language = models.CharField(max_length=8, blank=True)
    # Stem streams ("moter lyderyst ..."), one per weight class, and the folded exact words.
    title_stems = models.TextField(blank=True)
    names_stems = models.TextField(blank=True)
    body_stems = models.TextField(blank=True)
    exact = models.TextField(blank=True)
    # Random, set when the entry is written: with the id it tells entries apart even where
    # SQLite reuses the id of a rolled-back one (the in-memory table follows entries by both).
    stamp = models.BigIntegerField(null=True, editable=False)

    class Meta:
        verbose_name_plural = "search entries"

    def __str__(self) -> str:
        return self.record_id


class SearchState(models.Model):
    """A token replaced whenever the index changes, so every process knows its cached facet
    table is stale (the web server caches it; an ingest run in another process changes it).
    A random token, not a counter: a rolled-back change must not reuse a version number."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    version = models.CharField(max_length=32, blank=True)

    def __str__(self) -> str:
        return f"search index {self.version}"
