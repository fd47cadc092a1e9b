"""Bringing the ``Theme`` and ``Programme`` rows in line with the vocabulary files.

One function serves the data migration (which passes its historical models), the post-migrate
handler and the ``vocab_sync`` command, so an edited label reaches every database the same way:
rows are matched on their id, created when missing and updated when they differ. Rows whose id
left the files are reported, not deleted: records and funding statements may still point at them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction

from practicehub.vocab.load import Entry, programmes, themes


@dataclass
class TableSync:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    stale: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def summary(self, noun: str) -> str:
        text = (
            f"{noun}: {len(self.created)} created, {len(self.updated)} updated, "
            f"{self.unchanged} unchanged"
        )
        if self.stale:
            text += f"; in the database but no longer in the files: {', '.join(self.stale)}"
        return text


def theme_row(entry: Entry) -> dict[str, Any]:
    return {
        "label_en": entry["label"]["en"],
        "label_lt": entry["label"]["lt"],
        "eurovoc": entry["eurovoc"] or "",
    }


def programme_row(entry: Entry) -> dict[str, Any]:
    return {
        "name_en": entry["name"]["en"],
        "name_lt": entry["name"]["lt"],
        "scope": entry["scope"],
        "parent_id": entry["parent"],
    }


def _sync_table(model: type[models.Model], rows: dict[str, dict], using: str) -> TableSync:
    # A historical model (in a migration) may predate a column the files now fill: write only
    # the columns this version of the model has.
    columns = {f.attname for f in model._meta.concrete_fields}
    rows = {pk: {k: v for k, v in row.items() if k in columns} for pk, row in rows.items()}
    manager = model._default_manager.db_manager(using)
    existing = {obj.pk: obj for obj in manager.all()}
    result = TableSync(stale=sorted(set(existing) - set(rows)))
    new, changed = [], []
    for pk, row in rows.items():
        obj = existing.get(pk)
        if obj is None:
            new.append(model(pk=pk, **row))
            result.created.append(pk)
        elif any(getattr(obj, k) != v for k, v in row.items()):
            for k, v in row.items():
                setattr(obj, k, v)
            changed.append(obj)
            result.updated.append(pk)
        else:
            result.unchanged += 1
    manager.bulk_create(new)
    if changed:
        manager.bulk_update(changed, fields=sorted({k for row in rows.values() for k in row}))
    return result


def vocab_sync(
    *,
    theme_model: type[models.Model] | None = None,
    programme_model: type[models.Model] | None = None,
    theme_entries: tuple[Entry, ...] | None = None,
    programme_entries: tuple[Entry, ...] | None = None,
    using: str = "default",
) -> dict[str, TableSync]:
    """Create or update one row per theme and programme; the shipped files unless told."""
    if theme_model is None or programme_model is None:
        from practicehub.catalogue.models import Programme, Theme

        theme_model = theme_model or Theme
        programme_model = programme_model or Programme
    theme_entries = themes() if theme_entries is None else theme_entries
    programme_entries = programmes() if programme_entries is None else programme_entries
    # One transaction: a programme may name a parent created in the same run, and a failure
    # leaves the tables as they were.
    with transaction.atomic(using=using):
        return {
            "themes": _sync_table(
                theme_model, {e["id"]: theme_row(e) for e in theme_entries}, using
            ),
            "programmes": _sync_table(
                programme_model, {e["id"]: programme_row(e) for e in programme_entries}, using
            ),
        }
