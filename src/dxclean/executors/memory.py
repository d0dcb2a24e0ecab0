"""Give freed memory back to the operating system between the phases of a run.

glibc keeps the memory of freed numpy arrays in its heap when its (adaptive)
mmap threshold has grown past their size: after the driver folds the dedup
observations, or after a plan, the process's RSS would then stay at its peak
for the rest of the run although the memory is free. ``malloc_trim`` returns
it. Elsewhere (musl, macOS, Windows) this is a no-op.
"""

from __future__ import annotations

import ctypes
import ctypes.util


def release_free_memory() -> bool:
    """Return free heap memory to the OS (glibc); whether it could be asked."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        trim = getattr(libc, "malloc_trim", None)
    except OSError:
        return False
    if trim is None:
        return False
    trim(0)
    return True
