"""The unit of work every executor runs: one pass over a batch of documents.

Pure functions of (pipeline, pass number, items) so the local process pool and
Ray run exactly the same code — the reason both engines give identical output.
A failure on one document becomes an :class:`ErrorRecord`; the batch goes on.

With ``pack=True`` (what the engines use) a document leaves the worker already
serialised, once: between passes as a pickle (:class:`Packed`, which the driver
spills and sends back without ever unpickling it), after the last pass as its
rendered output lines (:class:`~dxclean.writers.records.Rendered`). The driver
then only moves bytes.
"""

from __future__ import annotations

import functools
import pickle
import time
from dataclasses import dataclass
from typing import Any

from ..model import Document, ErrorRecord
from ..pipeline import Pipeline
from ..readers import InputError, InputTask, load_document
from ..readers.tasks import RECORD
from ..steps.base import StepStats
from ..writers.records import Rendered, render

READ = "read"


@dataclass(slots=True)
class Packed:
    """A document pickled by the worker that made it (between passes)."""

    source_path: str
    data: bytes
    #: Made by a pass whose next pass is the last (see :func:`run_batch`, ``prerender``):
    #: pickled ``(Rendered, stats)``, the document's output after the last pass's document
    #: steps, for when the plan leaves it unchanged; empty when not made.
    ready: bytes = b""

    @classmethod
    def of(cls, doc: Document) -> Packed:
        return cls(doc.source_path, pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))

    def unpack(self) -> Document:
        return pickle.loads(self.data)


@dataclass(slots=True)
class Item:
    """Input of a pass: a task (pass 0) or a document plus its slice of the last plan."""

    index: int
    payload: InputTask | Document | Packed | ErrorRecord
    plan: Any = None


@dataclass(slots=True)
class Outcome:
    index: int
    result: Document | Packed | Rendered | ErrorRecord
    observation: Any = None


def run_batch(pipeline: Pipeline, pass_number: int, items: list[Item], *, pack: bool = False,
              prerender: bool = False) -> tuple[list[Outcome], dict[str, StepStats]]:
    """Run pass ``pass_number`` of ``pipeline`` over ``items``; return outcomes and stats.

    ``prerender`` (with ``pack``): in the pass before the last, when the corpus step
    between them leaves a document it has no plan for unchanged, also give each packed
    document its output after the last pass (:attr:`Packed.ready`): the driver writes
    it for the documents the plan does not touch, which then skip the last pass.
    """
    passes = pipeline.passes()
    current = passes[pass_number]
    last = pass_number == len(passes) - 1
    prerender = prerender and pack and pass_number == len(passes) - 2 and current.observe.unplanned_unchanged
    previous = passes[pass_number - 1].observe if pass_number > 0 else None
    stats: dict[str, StepStats] = {}
    timed = functools.partial(_timed, stats)
    outcomes: list[Outcome | None] = [None] * len(items)
    ready: list[tuple[int, Document]] = []  # (slot in items, document) to observe and pack
    for slot, item in enumerate(items):
        if isinstance(item.payload, ErrorRecord):  # found broken at discovery: pass through
            outcomes[slot] = Outcome(item.index, item.payload)
            continue
        step_name = READ
        try:
            payload = item.payload.unpack() if isinstance(item.payload, Packed) else item.payload
            if pass_number == 0 and isinstance(payload, InputTask):
                doc = timed(READ, _load, payload, pipeline)
            elif pass_number == 0:  # a document built by the caller (the Python API)
                assert isinstance(payload, Document)
                doc = payload
            else:
                assert isinstance(payload, Document) and previous is not None
                step_name = previous.name
                doc = timed(previous.name, previous.apply, payload, item.plan)
            for step in current.document_steps:
                step_name = step.name
                doc = timed(step.name, step.process, doc)
            ready.append((slot, doc))
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the run
            outcomes[slot] = Outcome(item.index, _error(item, step_name, exc))
    observations = _observe(current.observe, [doc for _, doc in ready], timed)
    for (slot, doc), observation in zip(ready, observations):
        item = items[slot]
        step_name = "write"
        try:
            if isinstance(observation, Exception):
                step_name = current.observe.name
                raise observation
            result: Any = doc
            if pack:
                result = render(doc, pipeline.config.text_mirror) if last else Packed.of(doc)
                if prerender:
                    result.ready = _ready(doc, passes[-1].document_steps, pipeline)
            outcomes[slot] = Outcome(item.index, result, observation)
        except Exception as exc:  # noqa: BLE001
            outcomes[slot] = Outcome(item.index, _error(item, step_name, exc))
    return outcomes, stats


def _ready(doc: Document, steps: list, pipeline: Pipeline) -> bytes:
    """Pickled ``(Rendered, stats)`` of ``doc`` after ``steps`` (the last pass's document
    steps; ``doc`` is changed, it is already packed), or b"" when one fails (the last pass
    then runs it and reports the failure as it would have)."""
    stats: dict[str, StepStats] = {}
    try:
        for step in steps:
            doc = _timed(stats, step.name, step.process, doc)
        return pickle.dumps((render(doc, pipeline.config.text_mirror), stats), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - found again in the last pass
        return b""


def _timed(stats: dict[str, StepStats], name: str, fn, *args):
    """``fn(*args, stats of name)``, its time added to that step's seconds."""
    step_stats = stats.setdefault(name, StepStats())
    start = time.perf_counter()
    try:
        return fn(*args, step_stats)
    finally:
        step_stats.seconds += time.perf_counter() - start


def _observe(step, docs: list[Document], timed) -> list[Any]:
    """The observations of ``docs`` (one call for all of them), or of each document alone
    when that fails, so that a failure is the failing document's (an exception in its slot)."""
    if step is None:
        return [None] * len(docs)
    try:
        observations = timed(step.name, step.observe_batch, docs)
        if len(observations) == len(docs):
            return observations
    except Exception:  # noqa: BLE001 - found again below, document by document
        pass
    found: list[Any] = []
    for doc in docs:
        try:
            found.append(timed(step.name, step.observe, doc))
        except Exception as exc:  # noqa: BLE001
            found.append(exc)
    return found


def _error(item: Item, step_name: str, exc: Exception) -> ErrorRecord:
    source_path = item.payload.source_path
    if isinstance(exc, InputError):
        return ErrorRecord(source_path, str(exc), exc.kind)
    reason = f"step {step_name!r} failed: {type(exc).__name__}: {exc}"
    return ErrorRecord(source_path, reason[:2000], "step")


def _load(task: InputTask, pipeline: Pipeline, stats: StepStats) -> Document:
    doc = load_document(task, pipeline.config)
    doc.from_record = task.kind == RECORD
    stats.count("documents")
    stats.count("blocks", len(doc.blocks))
    return doc
