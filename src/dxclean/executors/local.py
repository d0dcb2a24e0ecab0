"""The local engine: the batches of a pass on a process pool (or in-process for one worker).

Results come back in submission order and at most ``2 × workers`` batches are
in flight, so memory does not grow with the corpus and output order never
depends on which worker finished first.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..config import Config
from ..model import ErrorRecord
from ..pipeline import Pipeline
from ..steps.base import StepStats
from ..steps.registry import step_class
from .watchdog import exit_with
from .work import Item, Outcome, run_batch

BatchResult = tuple[list[Outcome], dict[str, StepStats]]

# The pipeline of a pool worker process, built once by the pool initializer
# (steps may hold compiled tables; rebuilding them per batch would be waste).
_worker_pipeline: Pipeline | None = None


def _init_worker(config: Config, driver: int) -> None:
    global _worker_pipeline
    exit_with(driver)  # a driver killed with SIGKILL takes its workers with it
    # Ctrl-C reaches the whole process group: the driver handles it (exit 130) and shuts
    # the pool down; workers printing a KeyboardInterrupt traceback each would only be noise.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_pipeline = Pipeline.from_config(config)


def _run_in_worker(pass_number: int, items: list[Item]) -> BatchResult:
    assert _worker_pipeline is not None
    return run_batch(_worker_pipeline, pass_number, items, pack=True, prerender=True)


def _preload(config: Config) -> list[str]:
    modules = ["dxclean.executors.local", "dxclean.html", "dxclean.dedup.sketch"]
    for name in config.steps:
        try:
            modules.append(step_class(name).__module__)
        except Exception:  # noqa: BLE001 - the pipeline reports unknown steps itself
            pass
    return modules


class LocalExecutor:
    """Runs batches on ``config.worker_count`` processes."""

    name = "local"
    #: Documents per batch: a batch is one round trip to a worker.
    batch_size = 64
    #: Documents the last plan leaves unchanged come with their output (Packed.ready).
    prerender = True

    def __init__(self, config: Config) -> None:
        self.config = config
        self.workers = config.worker_count
        self._pool: ProcessPoolExecutor | None = None
        self._pipeline: Pipeline | None = None

    def _new_pool(self, workers: int) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("forkserver")
        # Workers fork from a server that has imported their modules once, instead of each
        # importing them (about half a second of CPU per worker). Ignored once the server runs.
        context.set_forkserver_preload(_preload(self.config))
        return ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(self.config, os.getpid()))

    def __enter__(self) -> LocalExecutor:
        if self.workers > 1:
            self._pool = self._new_pool(self.workers)
        else:
            self._pipeline = Pipeline.from_config(self.config)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def idle(self) -> None:
        """Between passes (while the driver plans): stop the workers, whose memory would sit
        idle beside the plan's; the next pass forks fresh ones (milliseconds, preloaded)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    def map_batches(self, pass_number: int, batches: Iterable[list[Item]]) -> Iterator[BatchResult]:
        if self._pool is None and self.workers > 1:
            self._pool = self._new_pool(self.workers)
        if self._pool is None:
            assert self._pipeline is not None, "use LocalExecutor as a context manager"
            for batch in batches:
                yield run_batch(self._pipeline, pass_number, batch, pack=True, prerender=True)
            return
        pending: deque[tuple[list[Item], Future[BatchResult]]] = deque()
        limit = 2 * self.workers
        for batch in batches:
            pending.append((batch, self._submit(pass_number, batch)))
            if len(pending) >= limit:
                yield self._result(pass_number, pending)
        while pending:
            yield self._result(pass_number, pending)

    def _submit(self, pass_number: int, batch: list[Item]) -> Future[BatchResult]:
        """Submit a batch; a pool already broken by a dead worker gives a failed future."""
        assert self._pool is not None
        if not batch:  # nothing to run (the last pass's documents all had their output): no round trip
            nothing: Future[BatchResult] = Future()
            nothing.set_result(([], {}))
            return nothing
        try:
            with _signals_deferred():  # a submit may start worker processes: not cut short
                return self._pool.submit(_run_in_worker, pass_number, batch)
        except BrokenProcessPool as exc:
            failed: Future[BatchResult] = Future()
            failed.set_exception(exc)
            return failed

    def _result(self, pass_number: int, pending: deque) -> BatchResult:
        batch, future = pending.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            # A worker process died (a crash in native code, the OOM killer...). Find the
            # culprit by re-running the batch one item at a time in a fresh pool, and
            # resubmit the batches that were in flight with it.
            self._replace_broken_pool()
            result = self._isolate(pass_number, batch)
            for i, (other, other_future) in enumerate(pending):
                if not (other_future.done() and other_future.exception() is None):
                    pending[i] = (other, self._submit(pass_number, other))
            return result

    def _replace_broken_pool(self) -> None:
        """A fresh pool for one a dead worker broke. The broken pool's survivors are killed
        rather than waited for: ``shutdown(wait=True)`` on a broken pool can hang for ever
        in CPython 3.11 (seen in the suite under load), its manager thread blocked on a queue."""
        assert self._pool is not None
        survivors = list((getattr(self._pool, "_processes", None) or {}).values())
        self._pool.shutdown(wait=False, cancel_futures=True)
        for process in survivors:
            if process.is_alive():
                process.kill()
        for process in survivors:
            process.join(timeout=10)
        self._pool = self._new_pool(self.workers)

    def _isolate(self, pass_number: int, batch: list[Item]) -> BatchResult:
        outcomes: list[Outcome] = []
        stats: dict[str, StepStats] = {}
        for item in batch:
            try:
                item_outcomes, item_stats = self._submit(pass_number, [item]).result()
            except BrokenProcessPool:
                self._replace_broken_pool()
                path = getattr(item.payload, "source_path", "?")
                item_outcomes, item_stats = [Outcome(item.index, ErrorRecord(path, "the worker process died while processing this input", "crash"))], {}
            outcomes += item_outcomes
            for name, step_stats in item_stats.items():
                stats[name] = stats.get(name, StepStats()) + step_stats
        return outcomes, stats


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGINT/SIGTERM back while worker processes may be starting, then deliver them.

    A pool starts its workers inside ``submit``. Interrupted there, the driver would exit
    before a half-started worker has read its semaphores from the driver, and that worker
    would print a traceback after the one-line "interrupted" message.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {sig: signal.signal(sig, lambda signum, _frame: caught.append(signum)) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if caught:
            signal.raise_signal(caught[0])
