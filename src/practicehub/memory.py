"""Giving the memory freed by a large load back to the system.

Loading the search tables at 100,000 records makes and drops hundreds of megabytes of
temporary rows; glibc keeps the freed pages in the process for later use, so a server that
loaded once held ~130 MB more than it used, on top of which the next load and every request
counted toward its peak. ``malloc_trim`` hands back the free pages at the heap's top and
inside it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools


@functools.cache
def _trim():
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to give back this way
        return None


def release_free_memory() -> None:
    """Return the allocator's free pages to the system (a no-op where that is not possible)."""
    trim = _trim()
    if trim is not None:
        trim(0)
