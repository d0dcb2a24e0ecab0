"""What a run holds while it writes: the locks on OUT and the index, and the rule that a
full disk or a read-only folder ends the run with one clear message and nothing staged.

>>> OutputNotWritten("x").exit_code
4
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from .lock import INDEX_LOCK, OUT_LOCK, FolderLock
from .output import STAGING, WRITE_ERRNOS, OutputExists


class OutputNotWritten(Exception):
    """OUT (or the index) could not be written: disk full, read-only, no permission."""

    exit_code = 4

    @classmethod
    def of(cls, exc: OSError, where: Path | str) -> OutputNotWritten:
        """The one-line message for ``exc`` (an OSError whose errno is in WRITE_ERRNOS)."""
        return cls(f"cannot write {exc.filename or where}: {exc.strerror or exc}; free some space or choose a "
                   f"writable OUT/--index, then run the same command again")


@contextmanager
def run_guard(out: Path, index: str | Path | None) -> Iterator[None]:
    """Hold the locks on ``out`` (and ``index``) and turn write failures into
    :class:`OutputNotWritten`, removing the staging folder first."""
    if out.exists() and not out.is_dir():
        raise OutputExists(f"{out} exists and is not a folder")
    try:
        with ExitStack() as stack:
            stack.enter_context(FolderLock(out, OUT_LOCK, what="OUT"))
            if index:
                stack.enter_context(FolderLock(index, INDEX_LOCK, what="dedup index"))
            try:
                yield
            except OSError as exc:
                if exc.errno not in WRITE_ERRNOS:
                    raise
                shutil.rmtree(out / STAGING, ignore_errors=True)
                raise
    except OSError as exc:
        if exc.errno not in WRITE_ERRNOS:
            raise
        raise OutputNotWritten.of(exc, out) from exc
