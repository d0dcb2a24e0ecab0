"""A parent-death watchdog for worker processes.

A pool worker blocks on its task queue, whose write end other workers also hold,
so it never sees end-of-file when the driver dies: a driver killed with SIGKILL
(which runs no clean-up) would leave its workers, and the resource tracker they
keep alive, running for ever. Each worker therefore watches the driver: a daemon
thread waits on a pidfd of the driver's process (woken by the kernel the moment
it exits; polling ``kill(pid, 0)`` where pidfds are missing) and ends the worker.
"""

from __future__ import annotations

import os
import select
import threading
import time


def exit_with(pid: int) -> None:
    """End this process (``os._exit``) as soon as process ``pid`` has ended."""
    threading.Thread(target=_wait_then_exit, args=(pid,), name="dxclean-watchdog", daemon=True).start()


def _wait_then_exit(pid: int) -> None:
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:  # already gone
        os._exit(1)
    except (AttributeError, OSError):  # no pidfds here (old kernel, not Linux)
        fd = None
    if fd is not None:
        select.select([fd], [], [])
    else:
        while _alive(pid):
            time.sleep(0.5)
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
