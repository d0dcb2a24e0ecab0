"""Executors run a pipeline's passes: locally on a process pool, or on Ray."""

from .driver import RunStats, execute
from .local import LocalExecutor

__all__ = ["LocalExecutor", "RunStats", "execute"]
