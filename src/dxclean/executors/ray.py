"""The Ray engine: the batches of a pass as a Ray Data ``map_batches``.

Same protocol as :class:`~dxclean.executors.local.LocalExecutor` and the same
unit of work (:func:`~dxclean.executors.work.run_batch`), so the output is
byte-identical to the local engine. Per pass:

1. the driver packs a window of the pass's batches (pickled, one row per batch,
   a few rows per block) into Ray's object store — it keeps only references;
2. one Ray Data dataset per window maps them with ``_run_block`` tasks (Ray reuses the
   worker processes, so imports are paid once); ``preserve_order`` keeps the
   results in input order, and they stream back to the driver batch by batch
   (progress moves as they arrive);
3. a block whose worker *died* (native crash, OOM killer, ``os._exit``) is
   skipped by Ray Data (``max_errored_blocks``) and re-run here one item per
   Ray task: the input that kills its worker becomes an ``errors.jsonl`` line
   of kind ``crash``; the others are processed normally.

Corpus-level plans go through :meth:`RayExecutor.plan`, which distributes the
steps :mod:`dxclean.executors.ray_plan` knows how to plan on Ray and falls back
to ``step.plan`` on the driver for the others.

Without an address (``--ray-address`` / ``RAY_ADDRESS``) a private local Ray
instance is started with ``config.worker_count`` CPUs; with one, the run joins
that cluster (every node needs the same dxclean installed).
"""

from __future__ import annotations

import logging
import os
import itertools
import pickle
import socket
import warnings
from collections.abc import Iterable, Iterator
from typing import Any

from ..config import Config
from ..model import ErrorRecord
from ..pipeline import Pipeline
from ..steps.base import CorpusStep, MissingDependency, StepStats
from .work import Item, Outcome, run_batch

BatchResult = tuple[list[Outcome], dict[str, StepStats]]

#: Batches (of ``driver.execute``'s batch size, 16 documents) per Ray Data block.
#: A block is the unit Ray schedules and the unit that is re-run item by item
#: when its worker dies.
BATCHES_PER_BLOCK = 4
#: Documents from which the Ray engine makes the dedup plan on Ray (the sketches stay
#: in the object store); below, the driver gathers them and plans locally (same plan).
DISTRIBUTED_PLAN_MIN = 20_000
#: Batches per Ray Data dataset. A pass runs as consecutive windows so that the
#: object store holds one window of documents (65,536 with 16 per batch), not the
#: whole corpus; a dataset costs ~0.3 s to set up, nothing next to a window's work.
WINDOW_BATCHES = 4096
CRASH_REASON = "the worker process died while processing this input"


def import_ray():
    """Import Ray, or explain how to install it."""
    try:
        import ray
        import ray.data  # noqa: F401 - the `data` extra is what we need
    except ImportError as exc:
        raise MissingDependency("the ray engine needs Ray Data: pip install 'dxclean[ray]'") from exc
    return ray


def _run_block(block: dict[str, Any], *, config: Config, pass_number: int, keep_observations: bool = False) -> dict[str, Any]:
    """A Ray Data task: run one block of batches.

    A plain task rather than an actor class: Ray reuses its worker processes
    across tasks and datasets, so the imports are paid once per process, while
    building a :class:`Pipeline` is a few microseconds. Actors would be started
    afresh for every pass's dataset (seconds each).

    With ``keep_observations`` the observations go to their own columns (a list
    per batch) instead of back to the driver with the documents.
    """
    pipeline = Pipeline.from_config(config)
    results, indexes, observations = [], [], []
    for payload in block["payload"]:
        items = pickle.loads(payload)
        outcomes, stats = run_batch(pipeline, pass_number, items, pack=True)
        if keep_observations:
            kept_indexes, kept_observations = _take_observations(outcomes)
            indexes.append(kept_indexes)
            observations.append(kept_observations)
        results.append(pickle.dumps((outcomes, stats), protocol=pickle.HIGHEST_PROTOCOL))
    out = {"seq": block["seq"], "result": results}
    if keep_observations:
        out.update(_observation_table(indexes, observations))
    return out


def _take_observations(outcomes: list[Outcome]) -> tuple[list[int], list[bytes]]:
    """Move the observations out of ``outcomes`` (so they do not travel with the documents):
    the documents' indexes and their pickled observations."""
    kept = [o for o in outcomes if o.observation is not None]
    observations = [pickle.dumps(o.observation, protocol=pickle.HIGHEST_PROTOCOL) for o in kept]
    for outcome in kept:
        outcome.observation = None
    return [o.index for o in kept], observations


def _observation_table(indexes: list[list[int]], observations: list[list[bytes]]) -> dict[str, Any]:
    """Kept observations as columns of a list per batch (read by ``ray_dedup_stages.observation_rows``)."""
    import pyarrow as pa

    return {"index": pa.array(indexes, pa.list_(pa.int64())), "observation": pa.array(observations, pa.list_(pa.large_binary()))}


def _run_item(config: Config, pass_number: int, item: Item) -> BatchResult:
    """One item in its own Ray task (used only to find the input that kills a worker)."""
    return run_batch(Pipeline.from_config(config), pass_number, [item], pack=True)


def check_reachable(address: str, *, timeout: float = 5.0) -> None:
    """Fail fast (ValueError) when a ``host:port`` address does not answer.

    Ray itself retries an unreachable head for minutes. ``auto``, ``local`` and
    ``ray://`` client addresses are left to Ray.

    >>> check_reachable("auto")
    """
    host, sep, port = address.rpartition(":")
    if not sep or "://" in address or not port.isdigit():
        return
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()
    except OSError as exc:
        raise ValueError(f"no Ray cluster answers at {address} ({exc}); start one with `ray start --head`") from exc


class RayExecutor:
    """Runs batches on Ray Data; see the module docstring."""

    name = "ray"
    distributed_plan_min = DISTRIBUTED_PLAN_MIN

    def __init__(self, config: Config) -> None:
        self.config = config
        self.ray = import_ray()
        self._started_ray = False
        self._saved_context: dict[str, Any] = {}
        self._run_item = None
        self._saved_log_level = logging.NOTSET
        self._passes = Pipeline.from_config(config).passes()
        self._kept: list = []  # this pass's observations for a distributed plan (Ray datasets)
        self._kept_documents = 0

    # -- lifecycle -----------------------------------------------------------------
    def __enter__(self) -> RayExecutor:
        ray = self.ray
        address = self.config.ray_address or os.environ.get("RAY_ADDRESS") or None
        if not ray.is_initialized():
            kwargs: dict[str, Any] = {"include_dashboard": False, "logging_level": logging.WARNING,
                                      "log_to_driver": False, "configure_logging": True}
            if address is None:
                kwargs["num_cpus"] = self.config.worker_count
            else:
                check_reachable(address)
            try:
                ray.init(address=address, **kwargs)
            except (ConnectionError, RuntimeError) as exc:
                raise ValueError(f"cannot join the Ray cluster at {address}: {exc}") from exc
            self._started_ray = True
        context = ray.data.DataContext.get_current()
        wanted = {
            "max_errored_blocks": -1,  # a dead worker skips its block; we re-run it (see _isolate)
            "enable_progress_bars": False,  # the CLI shows its own progress
            "print_on_execution_start": False,
        }
        for key, value in wanted.items():
            if hasattr(context, key):
                self._saved_context[key] = getattr(context, key)
                setattr(context, key, value)
        self._saved_context["preserve_order"] = context.execution_options.preserve_order
        context.execution_options.preserve_order = True
        # Ray Data logs a traceback for every skipped block; the run reports those
        # inputs in errors.jsonl instead. Real failures still raise.
        data_logger = logging.getLogger("ray.data")
        self._saved_log_level = data_logger.level
        data_logger.setLevel(logging.CRITICAL)
        self._run_item = ray.remote(max_retries=0, num_cpus=1)(_run_item)
        return self

    def __exit__(self, *exc_info: object) -> None:
        context = self.ray.data.DataContext.get_current()
        for key, value in self._saved_context.items():
            if key == "preserve_order":
                context.execution_options.preserve_order = value
            else:
                setattr(context, key, value)
        self._saved_context = {}
        logging.getLogger("ray.data").setLevel(self._saved_log_level)
        if self._started_ray:
            self.ray.shutdown()
            self._started_ray = False

    def cluster_cpus(self) -> int:
        return max(1, int(self.ray.cluster_resources().get("CPU", 1)))

    # -- the executor protocol -----------------------------------------------------
    def map_batches(self, pass_number: int, batches: Iterable[list[Item]]) -> Iterator[BatchResult]:
        assert self._run_item is not None, "use RayExecutor as a context manager"
        iterator = iter(batches)
        self._kept, self._kept_documents = [], 0
        keep = self._plans_distributed(pass_number)
        while True:
            window = list(itertools.islice(iterator, WINDOW_BATCHES))
            if not window:
                return
            yield from self._map_window(pass_number, window, keep=keep)

    def _plans_distributed(self, pass_number: int) -> bool:
        """Whether this pass observes for a plan made on Ray from observations left there."""
        from .ray_plan import plans_on_ray

        step = self._passes[pass_number].observe if pass_number < len(self._passes) else None
        return step is not None and plans_on_ray(step)

    def _map_window(self, pass_number: int, window: list[list[Item]], *, keep: bool = False) -> Iterator[BatchResult]:
        """One Ray Data dataset over a window of batches, results in order."""
        blocks, where = self._put_blocks(window)
        inputs = sum(len(batch) for batch in window)
        del window  # the object store holds the batches now
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # max_retries has no named parameter yet
            dataset = self.ray.data.from_arrow_refs(blocks).map_batches(
                _run_block,
                fn_kwargs={"config": self.config, "pass_number": pass_number, "keep_observations": keep},
                batch_size=None,  # one call per block
                batch_format="numpy",
                num_cpus=1,
                # A task whose worker dies is not retried (it would die again on the
                # same input): the block errors, Ray Data skips it and _isolate re-runs it.
                max_retries=0,
            )
        if keep:
            # Run the window, keep its observations in the object store, and bring
            # back only the documents.
            dataset = dataset.materialize()
            self._kept.append(dataset.select_columns(["index", "observation"]).materialize())
            dataset = dataset.select_columns(["seq", "result"])
            self._kept_documents += inputs  # documents or errors: an upper bound is enough here
        expected = 0
        for out in dataset.iter_batches(batch_size=None, batch_format="numpy", prefetch_batches=2):
            for seq, result in zip(out["seq"], out["result"]):
                seq = int(seq)
                while expected < seq:  # skipped: its worker died
                    yield self._isolate(pass_number, where[expected], keep=keep)
                    expected += 1
                yield pickle.loads(result)
                expected = seq + 1
        while expected < len(where):
            yield self._isolate(pass_number, where[expected], keep=keep)
            expected += 1

    def _put_blocks(self, window: list[list[Item]]) -> tuple[list, list[tuple[Any, int]]]:
        """Pickle the batches into object-store blocks; ``where[seq] = (block ref, row)``."""
        import pyarrow as pa

        blocks: list = []
        where: list[tuple[Any, int]] = []
        for start in range(0, len(window), BATCHES_PER_BLOCK):
            chunk = window[start:start + BATCHES_PER_BLOCK]
            table = pa.table({
                "seq": pa.array(range(start, start + len(chunk)), pa.int64()),
                "payload": pa.array([pickle.dumps(b, protocol=pickle.HIGHEST_PROTOCOL) for b in chunk], pa.large_binary()),
            })
            ref = self.ray.put(table)
            blocks.append(ref)
            where.extend((ref, row) for row in range(len(chunk)))
        return blocks, where

    def _isolate(self, pass_number: int, location: tuple[Any, int], *, keep: bool = False) -> BatchResult:
        """Re-run one batch item by item, each in its own task; a crash becomes an error line."""
        ref, row = location
        table = self.ray.get(ref)
        items: list[Item] = pickle.loads(table.column("payload")[row].as_py())
        pending = [self._run_item.remote(self.config, pass_number, item) for item in items]
        outcomes: list[Outcome] = []
        stats: dict[str, StepStats] = {}
        for item, task in zip(items, pending):
            try:
                item_outcomes, item_stats = self.ray.get(task)
            except self.ray.exceptions.RayError:
                path = getattr(item.payload, "source_path", "?")
                item_outcomes, item_stats = [Outcome(item.index, ErrorRecord(path, CRASH_REASON, "crash"))], {}
            outcomes += item_outcomes
            for name, step_stats in item_stats.items():
                stats[name] = stats.get(name, StepStats()) + step_stats
        if keep:
            import pyarrow as pa

            kept_indexes, kept_observations = _take_observations(outcomes)
            self._kept.append(self.ray.data.from_arrow(pa.table(_observation_table([kept_indexes], [kept_observations]))))
        return outcomes, stats

    # -- corpus-level planning -----------------------------------------------------
    def plan(self, step: CorpusStep, observations: list[tuple[int, Any]], stats: StepStats) -> Any:
        """``step.plan(observations, stats)``, computed on Ray when the step supports it."""
        from .ray_plan import plan_on_ray, plans_on_ray

        if plans_on_ray(step):
            from .ray_dedup import dedup_plan_on_ray, gather_observations

            kept, self._kept = self._kept, []
            dataset = kept[0].union(*kept[1:]) if len(kept) > 1 else kept[0] if kept else None
            if dataset is None or self._kept_documents < self.distributed_plan_min:
                # A small corpus: its sketches fit the driver, and the local plan costs
                # milliseconds where Ray's shuffles cost seconds. Same plan either way.
                return step.plan(gather_observations(dataset) if dataset is not None else [], stats)
            return dedup_plan_on_ray(self.ray, step.config.dedup, dataset, stats, partitions=2 * self.cluster_cpus())
        return plan_on_ray(self.ray, step, observations, stats)
