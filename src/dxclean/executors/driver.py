"""Drive a pipeline over a corpus with any executor (local pool or Ray).

Pass 0 reads and runs the first document steps; each corpus-level step then
plans over the observations of every document, in input order, and the next
pass applies the plan. Between passes documents are spilled to a file in the
staging folder, one pickle per document, so memory stays flat. The executor
only has to provide ``map_batches(pass_number, batches)`` returning results in
order; everything else — and so the output — is the same for every engine.
"""

from __future__ import annotations

import pickle
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..model import Document, ErrorRecord
from ..pipeline import Pipeline
from ..readers import InputTask
from ..steps.base import CorpusStep, StepStats
from .work import Item, Outcome


class Executor(Protocol):
    name: str

    def map_batches(self, pass_number: int, batches: Iterable[list[Item]]) -> Iterator[tuple[list[Outcome], dict[str, StepStats]]]: ...


class Sink(Protocol):
    def write_document(self, doc: Document) -> None: ...

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


Progress = Callable[[str, int], None]  # (phase description, documents done in this call)


def execute(
    pipeline: Pipeline,
    entries: Iterable[InputTask | ErrorRecord],
    executor: Executor,
    sink: Sink,
    *,
    progress: Progress | None = None,
    batch_size: int = 16,
) -> RunStats:
    started = time.perf_counter()
    run = RunStats()
    report = progress or (lambda phase, n: None)
    passes = pipeline.passes()
    items = _batched(_first_items(entries), batch_size)
    for number, current in enumerate(passes):
        last = number == len(passes) - 1
        phase = f"pass {number + 1}/{len(passes)}" + (f" (then {current.observe.name})" if current.observe else "")
        spill_path = sink.staging / f"spill-{number}.pickle"
        observations: list[tuple[int, Any]] = []
        with _Spill(spill_path, active=not last) as spill:
            for outcomes, stats in executor.map_batches(number, items):
                run.merge(stats)
                for outcome in outcomes:
                    if isinstance(outcome.result, ErrorRecord):
                        sink.write_error(outcome.result)
                        run.errors += 1
                    elif last:
                        sink.write_document(outcome.result)
                        run.documents += 1
                    else:
                        spill.add(outcome.index, outcome.result)
                        if outcome.observation is not None:  # None: nothing, or kept by the engine (Ray)
                            observations.append((outcome.index, outcome.observation))
                report(phase, len(outcomes))
        if last:
            break
        step = current.observe
        assert step is not None
        plan_stats = StepStats()
        start = time.perf_counter()
        # An engine may plan distributed (Ray shuffles templates by site); same plan either way.
        plan_with = getattr(executor, "plan", None)
        plan = plan_with(step, observations, plan_stats) if plan_with else step.plan(observations, plan_stats)
        run.extra_outputs += step.write_outputs(plan, str(sink.staging))
        if getattr(type(step), "after_commit", CorpusStep.after_commit) is not CorpusStep.after_commit:  # only plans needed later
            run.after_commit.append((step, plan))
        plan_stats.seconds = time.perf_counter() - start
        run.merge({step.name: plan_stats})
        del observations
        items = _batched(_spilled_items(spill_path, step, plan), batch_size)
    run.seconds = time.perf_counter() - started
    return run


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


def _spilled_items(path: Path, step, plan) -> Iterator[Item]:
    with open(path, "rb") as handle:
        while True:
            try:
                index, doc = pickle.load(handle)
            except EOFError:
                break
            yield Item(index, doc, step.plan_for(plan, index))
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
    def __init__(self, path: Path, *, active: bool) -> None:
        self.path = path
        self.active = active
        self._handle = None

    def __enter__(self) -> _Spill:
        if self.active:
            self._handle = open(self.path, "wb")
        return self

    def add(self, index: int, doc: Document) -> None:
        assert self._handle is not None
        pickle.dump((index, doc), self._handle, protocol=pickle.HIGHEST_PROTOCOL)

    def __exit__(self, *exc_info: object) -> None:
        if self._handle is not None:
            self._handle.close()
