"""Progress of a run on stderr.

On a terminal: one rich bar per pass with documents done / total, percentage,
elapsed time and ETA; a finished pass's bar stops (its timer too) and stays.
Elsewhere (CI, nohup, a pipe): a plain line every ``every`` seconds and at the
end of each pass. The total of the first pass is an estimate made before the
run (:func:`estimate_inputs`: files, and lines of uncompressed JSONL); the
later passes know theirs exactly.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import IO

from .config import Config
from .readers import input_kind
from .readers.discover import iter_files

#: JSONL bytes up to which the first pass's total is counted (newlines) before the run.
COUNT_LIMIT = 4 << 30


def estimate_inputs(root: Path, config: Config, *, exclude: Path | None = None) -> int | None:
    """Documents the inputs under ``root`` should give (None when it cannot be told cheaply:
    compressed JSONL, or more than ``COUNT_LIMIT`` bytes of JSONL to count)."""
    total, budget = 0, COUNT_LIMIT
    for path, rel in iter_files(root, exclude=exclude):
        if input_kind(rel, config) != "jsonl":
            total += 1
            continue
        if rel.lower().endswith(".gz"):
            return None
        try:
            budget -= path.stat().st_size
            if budget < 0:
                return None
            total += _count_lines(path)
        except OSError:
            total += 1  # it will be an errors.jsonl line
    return total


def _count_lines(path: Path) -> int:
    lines, last = 0, b"\n"
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 22):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return lines + (last != b"\n")


class RunProgress:
    """A context manager giving the ``progress(phase, n, total)`` callback of a run (or None
    when quiet)."""

    def __init__(self, quiet: bool = False, *, stream: IO[str] | None = None, every: float = 10.0) -> None:
        self.stream = stream or sys.stderr
        self.enabled = not quiet
        self.tty = self.enabled and self.stream.isatty()
        self.every = every
        self._bar = None
        self._phase: str | None = None
        self._task = None
        self._done = 0
        self._total: int | None = None
        self._started = self._last = 0.0

    def __enter__(self):
        if not self.enabled:
            return None
        if self.tty:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TaskProgressColumn,
                                       TextColumn, TimeElapsedColumn, TimeRemainingColumn)

            self._bar = Progress(SpinnerColumn(finished_text="✓"), TextColumn("{task.description}"), BarColumn(),
                                 MofNCompleteColumn(), TextColumn("docs"), TaskProgressColumn(), TimeElapsedColumn(),
                                 TextColumn("ETA"), TimeRemainingColumn(), console=Console(file=self.stream))
            self._bar.start()
        return self.update

    def update(self, phase: str, n: int, total: int | None = None) -> None:
        now = time.perf_counter()
        if phase != self._phase:
            self._finish()
            self._phase, self._done, self._total, self._started, self._last = phase, 0, total, now, now
            if self._bar is not None:
                self._task = self._bar.add_task(phase, total=total)
        self._done += n
        if self._bar is not None:
            self._bar.update(self._task, advance=n, total=total)
        elif n and now - self._last >= self.every:
            self._last = now
            self._line(now)

    def _finish(self) -> None:
        """End the current pass: its bar shows the final count and its timer stops."""
        if self._phase is None:
            return
        if self._bar is not None:
            self._bar.update(self._task, total=self._done, completed=self._done)
            self._bar.stop_task(self._task)
        else:
            self._line(time.perf_counter(), final=True)

    def _line(self, now: float, *, final: bool = False) -> None:
        elapsed = now - self._started
        text = f"dxclean: {self._phase}: {self._done:,}"
        if final:
            text += f" {_documents(self._done)}, done in {elapsed:.1f} s"
        elif self._total:
            share = min(1.0, self._done / self._total)
            eta = elapsed * (1 - share) / share if share else float("nan")
            text += f"/{self._total:,} {_documents(self._total)} ({share:.0%}), {elapsed:.0f} s, ETA {eta:.0f} s"
        else:
            text += f" {_documents(self._done)}, {elapsed:.0f} s"
        print(text, file=self.stream, flush=True)

    def __exit__(self, *exc_info: object) -> None:
        if not self.enabled:
            return
        if exc_info[0] is None:
            self._finish()
        if self._bar is not None:
            self._bar.stop()


def _documents(n: int) -> str:
    """The noun for ``n`` documents.

    >>> _documents(1), _documents(2)
    ('document', 'documents')
    """
    return "document" if n == 1 else "documents"
