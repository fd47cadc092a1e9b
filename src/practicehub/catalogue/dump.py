"""A whole instance in one file, and back: records, registry, corrections, revisions, editors,
documents and their original bytes.

The dump is a ZIP archive:

- ``manifest.json`` — format name and version, the Practice Hub version, when, and counts;
- ``data/<app>.<model>.jsonl`` — the rows of each model in Django's JSON Lines serialization
  (timestamps and ids as stored; users' permissions by natural key);
- ``originals/<sha256>`` — each document's original bytes, checked against the hash on restore.

Search indexes and embeddings are not in the dump: they are derived from the records, and the
restore announces every record with ``records_changed`` so the apps that keep them rebuild
them. Restoring needs an empty instance (migrated, no documents, records, organisations or
users), so nothing already there is overwritten or mixed in.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, transaction
from django.db.models import Model
from django.utils import timezone

from practicehub import __version__
from practicehub.documents.storage import original_path, original_save

FORMAT = "practicehub-dump"
VERSION = 1
# Parents before children, so the order is also a valid insertion order.
MODELS = [
    "auth.group",
    "auth.user",
    "catalogue.theme",
    "catalogue.programme",
    "catalogue.organisation",
    "catalogue.organisationname",
    "documents.document",
    "catalogue.record",
    "catalogue.participation",
    "catalogue.funding",
    "catalogue.correction",
    "catalogue.revision",
]
# What makes an instance non-empty: restoring over any of these would mix two catalogues.
_MUST_BE_EMPTY = ["documents.document", "catalogue.record", "catalogue.organisation", "auth.user"]


class DumpError(Exception):
    """The dump cannot be written or read, or the target is not empty; the message says why."""


@dataclass
class Summary:
    counts: dict[str, int] = field(default_factory=dict)
    originals: int = 0
    missing_originals: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        rows = ", ".join(f"{n} {label.split('.')[1]}" for label, n in self.counts.items() if n)
        return f"{rows}; {self.originals} original files"


def _model(label: str) -> type[Model]:
    return apps.get_model(label)


class _Encoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds (it cuts them to milliseconds)."""

    def default(self, o: object) -> object:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def _rows(label: str) -> Iterator[str]:
    model = _model(label)
    queryset = model._default_manager.order_by("pk")
    for obj in queryset.iterator(chunk_size=500):
        (row,) = serializers.serialize("python", [obj], use_natural_foreign_keys=True)
        yield json.dumps(row, cls=_Encoder, ensure_ascii=False) + "\n"


def instance_dump(path: Path) -> Summary:
    """Write the instance to ``path`` (replaced atomically when the dump is complete)."""
    summary = Summary()
    tmp = path.with_name(f".{path.name}.partial")
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
            for label in MODELS:
                count = 0
                with zf.open(f"data/{label}.jsonl", "w") as member:
                    for line in _rows(label):
                        member.write(line.encode())
                        count += 1
                summary.counts[label] = count
            Document = _model("documents.document")
            for sha256 in Document.objects.order_by("sha256").values_list("sha256", flat=True):
                source = original_path(sha256)
                if not source.is_file():
                    summary.missing_originals.append(sha256)
                    continue
                zf.write(source, f"originals/{sha256}", compress_type=zipfile.ZIP_STORED)
                summary.originals += 1
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "practicehub": __version__,
                "created_at": timezone.now().isoformat(),
                "counts": summary.counts,
                "originals": summary.originals,
                "missing_originals": summary.missing_originals,
            }
            zf.writestr("manifest.json", json.dumps(manifest, indent=2))
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise DumpError(f"{path}: cannot write the dump: {exc}") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return summary


def _open(path: Path) -> tuple[zipfile.ZipFile, dict]:
    if not path.is_file():
        raise DumpError(f"{path}: no such file")
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise DumpError(f"{path}: not a Practice Hub dump ({exc})") from exc
    try:
        manifest = json.loads(zf.read("manifest.json"))
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        zf.close()
        raise DumpError(f"{path}: not a Practice Hub dump (no readable manifest.json)") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        zf.close()
        raise DumpError(f"{path}: not a Practice Hub dump (manifest format is not {FORMAT!r})")
    if manifest.get("version") != VERSION:
        zf.close()
        raise DumpError(
            f"{path}: dump format version {manifest.get('version')!r}; this Practice Hub "
            f"({__version__}) reads version {VERSION}"
        )
    return zf, manifest


def _check_empty() -> None:
    found = {label: n for label in _MUST_BE_EMPTY if (n := _model(label)._default_manager.count())}
    if found:
        held = ", ".join(f"{n} {label.split('.')[1]}s" for label, n in found.items())
        raise DumpError(
            f"the database is not empty ({held}); restore into a new, migrated database "
            "(set DATABASE_URL and PRACTICEHUB_DATA_DIR, run `practicehub migrate`)"
        )


def instance_restore(path: Path) -> Summary:
    """Load a dump into this (empty) instance: all rows in one transaction, then the originals."""
    from practicehub.catalogue.models import Record
    from practicehub.catalogue.signals import records_changed

    zf, manifest = _open(path)
    summary = Summary()
    with zf:
        _check_empty()
        names = set(zf.namelist())
        missing = [label for label in MODELS if f"data/{label}.jsonl" not in names]
        if missing:
            raise DumpError(f"{path}: the dump lacks {', '.join(missing)}")
        try:
            with transaction.atomic(), connection.constraint_checks_disabled():
                for label in MODELS:
                    summary.counts[label] = _load(zf, label)
                connection.check_constraints(
                    table_names=[_model(label)._meta.db_table for label in MODELS]
                )
                _reset_sequences()
                summary.originals = _restore_originals(zf, names)
        except (DeserializationError, IntegrityError, ValueError) as exc:
            raise DumpError(f"{path}: the dump is damaged: {exc}") from exc
    summary.missing_originals = list(manifest.get("missing_originals", []))
    ids = list(Record.objects.values_list("id", flat=True))
    if ids:
        records_changed.send(sender=Record, record_ids=ids)
    return summary


def _load(zf: zipfile.ZipFile, label: str) -> int:
    count = 0
    with zf.open(f"data/{label}.jsonl") as member:
        rows = (json.loads(line) for line in io.TextIOWrapper(member, encoding="utf-8"))
        for obj in serializers.deserialize("python", rows):
            if obj.object._meta.label_lower != label:
                raise DumpError(f"data/{label}.jsonl holds a {obj.object._meta.label_lower} row")
            obj.save()
            count += 1
    return count


def _reset_sequences() -> None:
    # Rows came in with their ids; the next row made here must not reuse one.
    statements = connection.ops.sequence_reset_sql(no_style(), [_model(m) for m in MODELS])
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _restore_originals(zf: zipfile.ZipFile, names: set[str]) -> int:
    restored = 0
    for name in sorted(n for n in names if n.startswith("originals/")):
        sha256 = name.removeprefix("originals/")
        data = zf.read(name)
        if hashlib.sha256(data).hexdigest() != sha256:
            raise DumpError(f"{name}: the bytes do not match their SHA-256; the dump is damaged")
        original_save(data=data, sha256=sha256)
        restored += 1
    return restored
