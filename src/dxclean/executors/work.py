"""The unit of work every executor runs: one pass over a batch of documents.

Pure functions of (pipeline, pass number, items) so the local process pool and
Ray run exactly the same code — the reason both engines give identical output.
A failure on one document becomes an :class:`ErrorRecord`; the batch goes on.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from ..model import Document, ErrorRecord
from ..pipeline import Pipeline
from ..readers import InputError, InputTask, load_document
from ..steps.base import StepStats

READ = "read"


@dataclass(slots=True)
class Item:
    """Input of a pass: a task (pass 0) or a document plus its slice of the last plan."""

    index: int
    payload: InputTask | Document | ErrorRecord
    plan: Any = None


@dataclass(slots=True)
class Outcome:
    index: int
    result: Document | ErrorRecord
    observation: Any = None


def run_batch(pipeline: Pipeline, pass_number: int, items: list[Item]) -> tuple[list[Outcome], dict[str, StepStats]]:
    """Run pass ``pass_number`` of ``pipeline`` over ``items``; return outcomes and stats."""
    passes = pipeline.passes()
    current = passes[pass_number]
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
            if pass_number == 0 and isinstance(item.payload, InputTask):
                doc = timed(READ, _load, item.payload, pipeline)
            elif pass_number == 0:  # a document built by the caller (the Python API)
                assert isinstance(item.payload, Document)
                doc = item.payload
            else:
                assert isinstance(item.payload, Document) and previous is not None
                step_name = previous.name
                doc = timed(previous.name, previous.apply, item.payload, item.plan)
            for step in current.document_steps:
                step_name = step.name
                doc = timed(step.name, step.process, doc)
            observation = None
            if current.observe is not None:
                step_name = current.observe.name
                observation = timed(step_name, current.observe.observe, doc)
            outcomes.append(Outcome(item.index, doc, observation))
        except InputError as exc:
            outcomes.append(Outcome(item.index, ErrorRecord(source_path, str(exc), exc.kind)))
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the run
            reason = f"step {step_name!r} failed: {type(exc).__name__}: {exc}"
            outcomes.append(Outcome(item.index, ErrorRecord(source_path, reason[:2000], "step")))
    return outcomes, stats


def _load(task: InputTask, pipeline: Pipeline, stats: StepStats) -> Document:
    doc = load_document(task, pipeline.config)
    stats.count("documents")
    stats.count("blocks", len(doc.blocks))
    return doc
