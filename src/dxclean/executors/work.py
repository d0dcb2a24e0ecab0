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


def run_batch(pipeline: Pipeline, pass_number: int, items: list[Item], *, pack: bool = False) -> tuple[list[Outcome], dict[str, StepStats]]:
    """Run pass ``pass_number`` of ``pipeline`` over ``items``; return outcomes and stats."""
    passes = pipeline.passes()
    current = passes[pass_number]
    last = pass_number == len(passes) - 1
    previous = passes[pass_number - 1].observe if pass_number > 0 else None
    stats: dict[str, StepStats] = {}

    def timed(name: str, fn, *args):
        step_stats = stats.setdefault(name, StepStats())
        start = time.perf_counter()
        try:
            return fn(*args, step_stats)
        finally:
            step_stats.seconds += time.perf_counter() - start

    outcomes = []
    for item in items:
        if isinstance(item.payload, ErrorRecord):  # found broken at discovery: pass through
            outcomes.append(Outcome(item.index, item.payload))
            continue
        source_path = item.payload.source_path
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
            observation = None
            if current.observe is not None:
                step_name = current.observe.name
                observation = timed(step_name, current.observe.observe, doc)
            result: Any = doc
            if pack:
                step_name = "write"
                result = render(doc, pipeline.config.text_mirror) if last else Packed.of(doc)
            outcomes.append(Outcome(item.index, result, observation))
        except InputError as exc:
            outcomes.append(Outcome(item.index, ErrorRecord(source_path, str(exc), exc.kind)))
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the run
            reason = f"step {step_name!r} failed: {type(exc).__name__}: {exc}"
            outcomes.append(Outcome(item.index, ErrorRecord(source_path, reason[:2000], "step")))
    return outcomes, stats


def _load(task: InputTask, pipeline: Pipeline, stats: StepStats) -> Document:
    doc = load_document(task, pipeline.config)
    doc.from_record = task.kind == RECORD
    stats.count("documents")
    stats.count("blocks", len(doc.blocks))
    return doc
