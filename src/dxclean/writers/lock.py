"""Exclusive locks on OUT and on the dedup index: one run at a time per folder.

A lock is an ``fcntl.flock`` on a small file in the folder (``OUT/.dxclean-lock``,
``INDEX/.lock``) that holds the owner's pid while the lock is held. The kernel
drops the lock when its holder dies, however it dies, so a lock file left by a
killed run (a *stale* lock: its pid is gone) is simply taken over by the next
run; a lock held by a live run makes the second run fail at once with
:class:`LockHeld`, naming the holder's pid. On release the pid is erased (the
file is left in place: removing a lock file races with a run that has just
opened it), so a finished run leaves an empty lock file, the same every time; only a
folder the lock itself created and nothing else was written to (a run refused
before writing) is removed again.

The lock file is opened close-on-exec, so worker processes never hold it.
"""

from __future__ import annotations

import errno
import fcntl
import os
from pathlib import Path

OUT_LOCK = ".dxclean-lock"
INDEX_LOCK = ".lock"


class LockHeld(Exception):
    """Another live process holds the lock (the message names its pid)."""


class FolderLock:
    """``with FolderLock(folder, name, what="OUT"):`` holds the folder's lock."""

    def __init__(self, folder: str | Path, name: str, *, what: str) -> None:
        self.path = Path(folder) / name
        self.what = what
        self._fd: int | None = None
        self._created = False

    def acquire(self) -> FolderLock:
        self._created = not self.path.parent.exists()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            holder = _read_pid(fd)
            os.close(fd)
            if exc.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            who = f"pid {holder}" if holder else "another process"
            raise LockHeld(
                f"{self.what} {self.path.parent} is in use by another dxclean run ({who}); "
                f"wait for it to finish, or use another folder"
            ) from None
        # A stale lock (its holder died) is taken over: our pid replaces the dead one.
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            os.ftruncate(self._fd, 0)
        except OSError:
            pass
        finally:
            if self._created:  # a folder this lock made, left with nothing but the lock: removed
                self._remove_if_alone()
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def _remove_if_alone(self) -> None:
        try:
            if os.listdir(self.path.parent) == [self.path.name]:
                self.path.unlink()
                self.path.parent.rmdir()
        except OSError:
            pass

    def __enter__(self) -> FolderLock:
        return self.acquire()

    def __exit__(self, *exc_info: object) -> None:
        self.release()


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        return int(text) if text.isdigit() else None
    except (OSError, ValueError):
        return None
