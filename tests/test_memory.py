"""Memory freed by a large load goes back to the system, not only to the process's allocator."""

from __future__ import annotations

import pytest

from practicehub.memory import _trim, release_free_memory


def _rss_mib() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(_trim() is None, reason="the C library has no malloc_trim (not glibc)")
def test_pages_freed_inside_the_heap_are_given_back():
    # 150 MB in blocks too large for Python's own small-object allocator, the last one kept so
    # the heap cannot simply shrink from its top when the others are freed.
    blocks = [bytearray(2048) for _ in range(75_000)]
    kept = blocks[-1]
    del blocks
    before = _rss_mib()
    release_free_memory()
    after = _rss_mib()
    assert before - after > 100, (before, after)
    assert len(kept) == 2048
