"""The Python API behind ``dxclean run``: read IN, run the pipeline, write OUT.

>>> from dxclean.runner import clean_texts
>>> record = clean_texts(["Tiêu đề bài viết", "Đoạn thân bài đầu tiên của bài viết."], steps=())
>>> record["text"]
'Tiêu đề bài viết\\n\\nĐoạn thân bài đầu tiên của bài viết.'
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Config
from .executors.driver import Progress, RunStats, execute
from .executors.work import Item, run_batch
from .model import Document
from .pipeline import Pipeline
from .progress import estimate_inputs
from .steps.base import StepStats
from .readers import discover
from .writers import SCHEMA_VERSION, OutputWriter, document_record, prepare_out_dir


@dataclass
class RunSummary:
    documents: int
    errors: int
    removed: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0

    def one_line(self) -> str:
        removed = ", ".join(f"{n} {label}" for label, n in sorted(self.removed.items())) or "none"
        return (
            f"{self.documents} documents, {self.errors} errors; blocks not in body: {removed}; "
            f"{self.seconds:.1f}s"
        )


def make_executor(config: Config):
    if config.engine == "local":
        from .executors.local import LocalExecutor

        return LocalExecutor(config)
    if config.engine == "ray":
        from .executors.ray import RayExecutor  # imported lazily: Ray is an optional extra

        return RayExecutor(config)
    raise ValueError(f"unknown engine {config.engine!r} (local or ray)")


def run(in_path: str | Path, out_path: str | Path, config: Config | None = None, *, force: bool = False, progress: Progress | None = None) -> RunSummary:
    """Clean every input under ``in_path`` into ``out_path`` (see README, output contract)."""
    config = config or Config()
    in_path, out_path = Path(in_path), Path(out_path)
    if not in_path.exists():
        raise FileNotFoundError(f"input {in_path} does not exist")
    pipeline = Pipeline.from_config(config)  # fail early on unknown steps / missing extras
    prepare_out_dir(out_path, force=force)
    writer = OutputWriter(out_path, text_mirror=config.text_mirror)
    entries = discover(in_path, config, exclude=out_path)
    total = estimate_inputs(in_path, config, exclude=out_path) if progress is not None else None
    with make_executor(config) as executor:
        run_stats = execute(pipeline, entries, executor, writer, progress=progress, total=total)
    stats = _stats_json(run_stats, writer.label_counts, pipeline, config)
    writer.commit(stats)
    for step, plan in run_stats.after_commit:  # e.g. the dedup index: only for committed runs
        step.after_commit(plan, str(out_path))
    removed = {k: v for k, v in writer.label_counts.items() if k != "body"}
    return RunSummary(run_stats.documents, run_stats.errors, removed, run_stats.seconds, stats)


def _stats_json(run: RunStats, labels: dict[str, int], pipeline: Pipeline, config: Config) -> dict[str, Any]:
    """stats.json. Everything but the ``seconds`` fields is deterministic."""
    steps = {}
    for name in ["read", *pipeline.names]:
        if name in run.steps:
            steps[name] = run.steps[name].to_json()
    return {
        "schema_version": SCHEMA_VERSION,
        "steps_run": pipeline.names,
        "totals": {
            "documents": run.documents,
            "errors": run.errors,
            "blocks": dict(sorted(Counter(labels).items())),
        },
        "steps": steps,
        "outputs": sorted(run.extra_outputs),
        "seconds": round(run.seconds, 3),
    }


def clean_document(doc: Document, config: Config | None = None) -> Document:
    """Run the per-document part of the pipeline, and the corpus steps on a corpus of one."""
    config = config or Config()
    pipeline = Pipeline.from_config(config)
    current: Any = doc
    passes = pipeline.passes()
    plan = None
    for number in range(len(passes)):
        (outcome,), _ = run_batch(pipeline, number, [Item(0, current, plan)])
        current = outcome.result
        if not isinstance(current, Document):
            raise ValueError(current.reason)
        step = passes[number].observe
        if step is not None:
            plan = step.plan_for(step.plan([(0, outcome.observation)], StepStats()), 0)
    return current


def clean_texts(blocks: list[str], *, steps: tuple[str, ...] | None = None, config: Config | None = None, doc_id: str = "doc") -> dict[str, Any]:
    """Clean one document given as its blocks; return its documents.jsonl record."""
    config = config or Config()
    if steps is not None:
        config = config.with_overrides({"steps": list(steps)})
    doc = Document.from_texts(doc_id, doc_id, list(blocks))
    return document_record(clean_document(doc, config))
