"""The Python API behind ``dxclean run``: read IN, run the pipeline, write OUT.

>>> from dxclean.runner import clean_texts
>>> record = clean_texts(["Tiêu đề bài viết", "Đoạn thân bài đầu tiên của bài viết."], steps=())
>>> record["text"]
'Tiêu đề bài viết\\n\\nĐoạn thân bài đầu tiên của bài viết.'
"""

from __future__ import annotations

import os
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Config
from .executors.driver import Progress, RunStats, execute
from .executors.work import Item, run_batch
from .mainguard import in_worker_bootstrap, unguarded_main_call
from .model import Document
from .pipeline import Pipeline
from .progress import estimate_inputs
from .steps.base import StepStats
from .readers import check_limits, discover
from .readers.discover import iter_files
from .writers import SCHEMA_VERSION, OutputWriter, document_record, prepare_out_dir
from .writers.guard import run_guard
from .writers.output import OWNED, PENDING, STAGING


class RunFailed(RuntimeError):
    """Every input crashed a worker process; the output (errors.jsonl) was still written."""

    def __init__(self, message: str, summary: RunSummary) -> None:
        super().__init__(message)
        self.summary = summary


class EmptyInput(ValueError):
    """IN holds nothing to read; nothing was written."""


@dataclass
class RunSummary:
    documents: int
    errors: int
    removed: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    stats: dict[str, Any] = field(default_factory=dict)
    #: Documents the filter step left out of documents.jsonl, per rule.
    dropped: dict[str, int] = field(default_factory=dict)
    #: Folders under IN holding an earlier run's output, not read.
    skipped_outputs: list[str] = field(default_factory=list)
    out: str = ""

    @property
    def exit_code(self) -> int:
        """0 all inputs processed; 1 some went to errors.jsonl; 3 every input did."""
        if not self.errors:
            return 0
        return 3 if self.documents + sum(self.dropped.values()) == 0 else 1

    def one_line(self) -> str:
        removed = ", ".join(f"{n} {label}" for label, n in sorted(self.removed.items())) or "none"
        line = f"{_plural(self.documents, 'document')}, {_plural(self.errors, 'error')}"
        if self.errors:
            line += f" (see {Path(self.out or '.') / 'errors.jsonl'})"
        if self.dropped:
            line += f"; {_plural(sum(self.dropped.values()), 'document')} left out (" + ", ".join(
                f"{n} {rule}" for rule, n in sorted(self.dropped.items())) + ")"
        if self.skipped_outputs:
            line += f"; skipped {_plural(len(self.skipped_outputs), 'earlier output folder')} ({', '.join(self.skipped_outputs[:3])})"
        return f"{line}; blocks not in body: {removed}; {self.seconds:.1f}s"


def _plural(n: int, noun: str) -> str:
    """
    >>> _plural(1, "document"), _plural(2, "error"), _plural(0, "earlier output folder")
    ('1 document', '2 errors', '0 earlier output folders')
    """
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def make_executor(config: Config):
    if config.engine == "local":
        from .executors.local import LocalExecutor

        return LocalExecutor(config)
    if config.engine == "ray":
        from .executors.ray import RayExecutor  # imported lazily: Ray is an optional extra

        return RayExecutor(config)
    raise ValueError(f"unknown engine {config.engine!r} (local or ray)")


def run(in_path: str | Path, out_path: str | Path, config: Config | None = None, *, force: bool = False, progress: Progress | None = None) -> RunSummary:
    """Clean every input under ``in_path`` into ``out_path`` (see README, output contract).

    Raises ValueError (and its subclasses EmptyInput, UnknownStep) for a usage error,
    OutputExists when OUT needs ``force``, RunFailed when every input crashed.
    """
    if in_worker_bootstrap():
        raise RuntimeError(
            "dxclean.run() was called while a worker process was importing your script: "
            "put the call under `if __name__ == \"__main__\":`")
    config = config or Config()
    if config.engine == "local" and config.worker_count > 1 and unguarded_main_call():
        warnings.warn(
            "dxclean.run() is called at the top level of a script without `if __name__ == \"__main__\":`; "
            "worker processes would import the script again, so this run stays in one process "
            "(put the call under the guard to use several)", RuntimeWarning, stacklevel=2)
        config = config.with_overrides({"workers": 1})
    in_path, out_path = Path(in_path), Path(out_path)
    if not in_path.exists():
        raise FileNotFoundError(f"input {in_path} does not exist")
    check_in_out(in_path, out_path)
    pipeline = Pipeline.from_config(config)  # fail early on unknown steps / missing extras
    if config.filter.active and "filter" not in pipeline.names:
        raise ValueError("filter options (min_words, min_chars, languages) need the `filter` step in the steps")
    check_limits(config)
    index = config.dedup.index if "dedup" in pipeline.names else None
    with run_guard(out_path, index):  # locks OUT and the index; a full disk: OutputNotWritten
        prepare_out_dir(out_path, force=force)
        writer = OutputWriter(out_path, text_mirror=config.text_mirror)
        skipped: list[str] = []
        counted = _Counted(discover(in_path, config, exclude=out_path, skipped=skipped))
        total = estimate_inputs(in_path, config, exclude=out_path) if progress is not None else None
        with make_executor(config) as executor:
            run_stats = execute(pipeline, counted, executor, writer, progress=progress, total=total)
        skipped.sort()
        if counted.n == 0 and next(iter_files(in_path, exclude=out_path), None) is None:  # no file (an empty JSONL file is one)
            writer.discard()
            where = f"; skipped earlier dxclean output: {', '.join(skipped)}" if skipped else ""
            raise EmptyInput(f"{in_path} holds no input files{where}: point IN at a folder of .txt, .jsonl(.gz) or "
                             ".html(.gz) files, or at one such file")
        documents = run_stats.documents - sum(writer.dropped.values())
        stats = _stats_json(run_stats, writer, pipeline, documents, skipped)
        if run_stats.after_commit and index:  # committed, not finished until the index append (PENDING)
            (writer.staging / PENDING).write_text("the dedup index append is not done yet\n", encoding="utf-8")
        writer.commit(stats)
        for step, plan in run_stats.after_commit:  # e.g. the dedup index: only for committed runs
            step.after_commit(plan, str(out_path))
        (out_path / PENDING).unlink(missing_ok=True)
    removed = {k: v for k, v in writer.label_counts.items() if k != "body"}
    summary = RunSummary(documents, run_stats.errors, removed, run_stats.seconds, stats, dict(sorted(writer.dropped.items())),
                         skipped, str(out_path))
    if run_stats.errors and run_stats.errors == writer.error_kinds.get("crash", 0) and summary.exit_code == 3:
        raise RunFailed(
            f"every input ({run_stats.errors}) crashed its worker process; see {out_path / 'errors.jsonl'}. "
            "Run with workers=1 to see the error, and call dxclean.run() under `if __name__ == \"__main__\":`", summary)
    return summary


def check_in_out(in_path: Path, out_path: Path) -> None:
    """OUT must not be IN, nor hold IN among the files a run replaces (even with --force).

    OUT inside IN is fine: it is not read as input.
    """
    real_in, real_out = Path(os.path.realpath(in_path)), Path(os.path.realpath(out_path))
    if real_in == real_out:
        raise ValueError(f"OUT ({out_path}) is the input folder IN: give an OUT outside IN or below it, e.g. {out_path / 'out'}")
    for name in (*OWNED, STAGING):
        if real_in == real_out / name or (real_out / name) in real_in.parents:
            raise ValueError(f"IN ({in_path}) is part of the output a run into {out_path} replaces: "
                             "copy it elsewhere first or write to another OUT")


class _Counted:
    """Iterates ``entries`` and counts them."""

    def __init__(self, entries: Iterable[Any]) -> None:
        self.entries = entries
        self.n = 0

    def __iter__(self) -> Iterator[Any]:
        for entry in self.entries:
            self.n += 1
            yield entry


def _stats_json(run: RunStats, writer: OutputWriter, pipeline: Pipeline, documents: int, skipped: list[str]) -> dict[str, Any]:
    """stats.json. Everything but the ``seconds`` fields is deterministic."""
    steps = {}
    for name in ["read", *pipeline.names]:
        if name in run.steps:
            steps[name] = run.steps[name].to_json()
    return {
        "schema_version": SCHEMA_VERSION,
        "steps_run": pipeline.names,
        "totals": {
            "documents": documents,
            "errors": run.errors,
            "errors_by_kind": dict(sorted(writer.error_kinds.items())),
            "dropped": dict(sorted(writer.dropped.items())),
            "skipped_outputs": skipped,
            "blocks": dict(sorted(Counter(writer.label_counts).items())),
        },
        "steps": steps,
        "outputs": writer.outputs(),
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
