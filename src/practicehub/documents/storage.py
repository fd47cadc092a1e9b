"""Originals on disk, content-addressed by SHA-256, written atomically."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def original_path(sha256: str) -> Path:
    return Path(settings.ORIGINALS_DIR) / sha256[:2] / sha256


def original_save(*, data: bytes, sha256: str) -> Path:
    """Keep the bytes under their hash; a file already there is the same bytes."""
    path = original_path(sha256)
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def original_read(sha256: str) -> bytes:
    return original_path(sha256).read_bytes()
