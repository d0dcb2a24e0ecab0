"""Drive a pipeline over a corpus with any executor (local pool or Ray).

Pass 0 reads and runs the first document steps; each corpus-level step then
plans over the observations of every document, in input order, and the next
pass applies the plan. Between passes documents are spilled to a file in the
staging folder as the workers pickled them (:class:`~.work.Packed`: the driver
never unpickles a document), so memory stays flat; after the last pass the
workers hand back rendered output lines, which the driver only writes. The
executor only has to provide ``map_batches(pass_number, batches)`` returning
results in order; everything else — and so the output — is the same for every
engine.
"""

from __future__ import annotations

import inspect
import pickle
import struct
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..model import Document, ErrorRecord
from ..pipeline import Pipeline
from ..readers import InputTask
from ..steps.base import CorpusStep, StepStats
from ..writers.records import Rendered
from .memory import release_free_memory
from .work import Item, Outcome, Packed


class Executor(Protocol):
    name: str

    def map_batches(self, pass_number: int, batches: Iterable[list[Item]]) -> Iterator[tuple[list[Outcome], dict[str, StepStats]]]: ...


class Sink(Protocol):
    def write_document(self, doc: Document) -> None: ...

    def write_rendered(self, rendered: Rendered) -> None: ...

    def write_error(self, error: ErrorRecord) -> None: ...

    @property
    def staging(self) -> Path: ...


@dataclass
class RunStats:
    steps: dict[str, StepStats] = field(default_factory=dict)
    documents: int = 0
    errors: int = 0
    extra_outputs: list[str] = field(default_factory=list)
    seconds: float = 0.0
    #: (step, plan) of the corpus steps that override ``after_commit``: the runner calls
    #: them once the output is committed.
    after_commit: list[tuple[Any, Any]] = field(default_factory=list)

    def merge(self, stats: dict[str, StepStats]) -> None:
        for name, step_stats in stats.items():
            self.steps[name] = self.steps.get(name, StepStats()) + step_stats


#: (phase description, documents done in this call[, documents of the phase or None if unknown]):
#: a callback taking two arguments is called without the total.
Progress = Callable[..., None]


def execute(
    pipeline: Pipeline,
    entries: Iterable[InputTask | ErrorRecord],
    executor: Executor,
    sink: Sink,
    *,
    progress: Progress | None = None,
    batch_size: int | None = None,
    total: int | None = None,
) -> RunStats:
    """Run ``pipeline`` over ``entries``; ``total`` (an estimate of the inputs) only feeds progress."""
    started = time.perf_counter()
    run = RunStats()
    report = _reporter(progress)
    batch_size = batch_size or getattr(executor, "batch_size", 16)
    passes = pipeline.passes()
    items = _batched(_first_items(entries), batch_size)
    layouts: _Layouts | None = None
    for number, current in enumerate(passes):
        last = number == len(passes) - 1
        phase = f"pass {number + 1}/{len(passes)}" + (f" (then {current.observe.name})" if current.observe else "")
        spill_path = sink.staging / f"spill-{number}.bin"
        observations = current.observe.collector(sink.staging) if current.observe is not None else []
        report(phase, 0, total)
        with _Spill(spill_path, active=not last) as spill:
            for outcomes, stats in executor.map_batches(number, items):
                run.merge(stats)
                done = 0
                for outcome in (layouts.merge(outcomes) if layouts is not None else outcomes):
                    done += 1
                    if isinstance(outcome, tuple):  # a ready output and the stats of making it
                        sink.write_rendered(outcome[0])
                        run.merge(outcome[1])
                        run.documents += 1
                        continue
                    result = outcome.result
                    if isinstance(result, ErrorRecord):
                        sink.write_error(result)
                        run.errors += 1
                    elif last:
                        if isinstance(result, Rendered):
                            sink.write_rendered(result)
                        else:
                            sink.write_document(result)
                        run.documents += 1
                    else:
                        spill.add(outcome.index, result if isinstance(result, Packed) else Packed.of(result))
                        if outcome.observation is not None:  # None: nothing, or kept by the engine (Ray)
                            observations.append((outcome.index, outcome.observation))
                report(phase, done, total)
        total = spill.count
        if last:
            break
        step = current.observe
        assert step is not None
        plan_stats = StepStats()
        start = time.perf_counter()
        # An engine may plan distributed (Ray shuffles templates by site); same plan either way.
        if hasattr(executor, "idle"):  # e.g. the local pool stops its workers meanwhile
            executor.idle()
        if hasattr(observations, "finish"):  # a step's compact collector: its final form
            observations = observations.finish()
        release_free_memory()
        plan_with = getattr(executor, "plan", None)
        plan = plan_with(step, observations, plan_stats) if plan_with else step.plan(observations, plan_stats)
        run.extra_outputs += step.write_outputs(plan, str(sink.staging))
        if getattr(type(step), "after_commit", CorpusStep.after_commit) is not CorpusStep.after_commit:  # only plans needed later
            run.after_commit.append((step, plan))
        plan_stats.seconds = time.perf_counter() - start
        run.merge({step.name: plan_stats})
        del observations
        release_free_memory()
        entries = _spilled_items(spill_path, step, plan)
        if number + 1 == len(passes) - 1 and step.unplanned_unchanged:
            # Documents the plan leaves unchanged came with their output (Packed.ready):
            # only the others go through the last pass (see _Layouts).
            layouts = _Layouts(entries, batch_size)
            items = layouts.batches()
        else:
            items = _batched(entries, batch_size)
    run.seconds = time.perf_counter() - started
    return run


class _Layouts:
    """The last pass's batches when the documents the plan does not touch already have their
    output: a batch holds only the others, and its layout says, in input order, where each
    ready output goes among the batch's results. A batch is cut after ``batch_size``
    documents to run or ``4 x batch_size`` in all (possibly none to run), so the outputs
    held in the driver stay bounded by the batches in flight."""

    def __init__(self, items: Iterator[Item], batch_size: int) -> None:
        self.items = items
        self.batch_size = batch_size
        self.pending: deque[list[bytes | None]] = deque()  # layouts of the batches handed on

    def batches(self) -> Iterator[list[Item]]:
        batch: list[Item] = []
        layout: list[bytes | None] = []
        for item in self.items:
            packed = item.payload
            if item.plan is None and isinstance(packed, Packed) and packed.ready:
                layout.append(packed.ready)
            else:
                layout.append(None)
                batch.append(item)
            if len(batch) >= self.batch_size or len(layout) >= 4 * self.batch_size:
                self.pending.append(layout)
                yield batch
                batch, layout = [], []
        if layout:
            self.pending.append(layout)
            yield batch

    def merge(self, outcomes: list[Outcome]) -> Iterator[Outcome | Rendered]:
        """The outputs of a batch handed on, in input order: its ready outputs (with their
        stats, see :func:`~.work.run_batch`) and its ``outcomes``."""
        layout = self.pending.popleft()
        results = iter(outcomes)
        for ready in layout:
            yield next(results) if ready is None else pickle.loads(ready)


def _reporter(progress: Progress | None) -> Callable[[str, int, int | None], None]:
    if progress is None:
        return lambda phase, n, total: None
    try:
        parameters = list(inspect.signature(progress).parameters.values())
    except (TypeError, ValueError):
        parameters = []
    if len(parameters) >= 3 or any(p.kind is p.VAR_POSITIONAL for p in parameters):
        return progress
    return lambda phase, n, total: progress(phase, n)


def _first_items(entries: Iterable[InputTask | ErrorRecord]) -> Iterator[Item]:
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        if isinstance(entry, InputTask):
            entry.doc_id = _unique_id(entry, seen)
        yield Item(index, entry)


def _unique_id(task: InputTask, seen: set[str]) -> str:
    """The task's id, or — when an earlier input took it — its source path (always unique)."""
    candidate = task.doc_id
    if candidate in seen:
        candidate = task.source_path
        suffix = 2
        while candidate in seen:
            candidate = f"{task.source_path}~{suffix}"
            suffix += 1
    seen.add(candidate)
    return candidate


#: A spilled document: its index, the lengths of its source path, of its pickle and of its
#: ready output (:attr:`~.work.Packed.ready`).
_HEADER = struct.Struct("<qIII")


def _spilled_items(path: Path, step, plan) -> Iterator[Item]:
    with open(path, "rb", buffering=1 << 20) as handle:
        while header := handle.read(_HEADER.size):
            index, path_length, data_length, ready_length = _HEADER.unpack(header)
            source_path = handle.read(path_length).decode("utf-8", "surrogatepass")
            packed = Packed(source_path, handle.read(data_length), handle.read(ready_length))
            yield Item(index, packed, step.plan_for(plan, index))
    path.unlink()


def _batched(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Spill:
    """Documents between two passes, streamed to disk as the workers pickled them."""

    def __init__(self, path: Path, *, active: bool) -> None:
        self.path = path
        self.active = active
        self.count = 0
        self._handle = None

    def __enter__(self) -> _Spill:
        if self.active:
            self._handle = open(self.path, "wb", buffering=1 << 20)
        return self

    def add(self, index: int, packed: Packed) -> None:
        assert self._handle is not None
        source_path = packed.source_path.encode("utf-8", "surrogatepass")
        self._handle.write(_HEADER.pack(index, len(source_path), len(packed.data), len(packed.ready)))
        self._handle.write(source_path)
        self._handle.write(packed.data)
        self._handle.write(packed.ready)
        self.count += 1

    def __exit__(self, *exc_info: object) -> None:
        if self._handle is not None:
            self._handle.close()
