"""Shingle hashes kept on disk, not in the driver's memory, between observe and plan.

Exact verification needs every paragraph's shingle hashes (``8 x shingles`` bytes,
about 3 KB per VietNews paragraph: 95 % of what the dedup plan holds per paragraph).
:class:`HashSpill` appends them to a file as the observations are folded and maps
the file read-only for the plan (:func:`numpy.memmap`), which reads them in slices
(anchors, candidate pairs). Pages of a mapped file count in a process's RSS once
read, until they are unmapped or the kernel reclaims them: :func:`drop_resident`,
called after each slice, gives them back (they stay in the page cache, not in the
process), so the plan's memory is bounded by its slices, not by the corpus.
"""

from __future__ import annotations

import mmap
import os
from pathlib import Path

import numpy as np


class HashSpill:
    """An append-only file of uint64 hashes, read back as one read-only array."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.count = 0
        self._handle = open(self.path, "wb", buffering=1 << 20)

    def append(self, hashes: np.ndarray) -> None:
        data = np.ascontiguousarray(hashes, dtype=np.uint64)
        self._handle.write(memoryview(data).cast("B"))
        self.count += len(data)

    def open(self) -> np.ndarray:
        """All hashes appended, mapped read-only; the file is removed (the mapping keeps it)."""
        self._handle.close()
        try:
            if self.count == 0:
                return np.zeros(0, np.uint64)
            return np.memmap(self.path, dtype=np.uint64, mode="r", shape=(self.count,))
        finally:
            try:
                os.unlink(self.path)
            except OSError:  # e.g. Windows, which keeps a mapped file: left in staging (spill-*)
                pass

    def close(self) -> None:
        if not self._handle.closed:
            self._handle.close()
            self.path.unlink(missing_ok=True)


def drop_resident(array: np.ndarray) -> None:
    """Give back the pages of a mapped ``array`` (or of the mapping it views) that reading it
    made resident; a no-op for an array in memory."""
    mapping = getattr(array, "_mmap", None)
    if mapping is None or not hasattr(mapping, "madvise") or not hasattr(mmap, "MADV_DONTNEED"):
        return
    try:
        mapping.madvise(mmap.MADV_DONTNEED)
    except (OSError, ValueError):  # a closed mapping, or a platform without it
        pass
