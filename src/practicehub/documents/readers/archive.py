"""Checks a DOCX or ODT package before any library unpacks it.

Both formats are ZIP archives, and a ZIP archive can claim to hold gigabytes in a few kilobytes (a
"zip bomb"). The central directory says how big each part unpacks to; Python's zipfile never reads
a part past the size it declares, so checking the declared sizes bounds what the libraries unpack.
"""

from __future__ import annotations

import io
import zipfile

from django.conf import settings

from practicehub.documents.readers.base import ReadError

# A long report has a few hundred parts (mostly images); tens of thousands is an attack.
MAX_PARTS = 10_000
# Parts smaller than this cannot hurt, however well they compress (an XML part of repeated
# empty runs compresses several hundred to one).
_RATIO_FLOOR_BYTES = 1024 * 1024


def check_zip(data: bytes, *, label: str) -> None:
    """Raise ReadError unless the archive opens and stays within the unpacking limits."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise ReadError(f"the {label} file is damaged or truncated") from exc
    if len(parts) > MAX_PARTS:
        raise ReadError(f"the {label} file has {len(parts)} parts, too many for a document")
    unpacked = sum(part.file_size for part in parts)
    limit = settings.MAX_UNPACKED_BYTES
    if unpacked > limit:
        raise ReadError(
            f"the {label} file would unpack to {unpacked / 2**20:.0f} MB, over the "
            f"{limit / 2**20:.0f} MB limit (a zip bomb?)"
        )
    ratio = settings.MAX_COMPRESSION_RATIO
    for part in parts:
        if part.file_size > _RATIO_FLOOR_BYTES and part.file_size > ratio * max(
            part.compress_size, 1
        ):
            raise ReadError(
                f"the {label} file is compressed more than {ratio} to 1 ({part.filename}), "
                "which no real document is (a zip bomb?)"
            )
