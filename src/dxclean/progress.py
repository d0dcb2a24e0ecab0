"""Progress of a run on stderr.

On a terminal: one rich bar per pass with documents done / total, percentage,
elapsed time and ETA; a finished pass's bar stops (its timer too) and stays.
Elsewhere (CI, nohup, a pipe): a plain line every ``every`` seconds and at the
end of each pass. The total of the first pass is an estimate made before the
run (:func:`estimate_inputs`: files, and lines of uncompressed JSONL, counted, or
estimated from the first MiB of a file over 16 MiB); the
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

#: JSONL bytes of a file up to which its lines are counted for the first pass's total;
#: a bigger file's lines are estimated from its first ``SAMPLE_BYTES`` (not read twice).
EXACT_BYTES = 16 << 20
SAMPLE_BYTES = 1 << 20


def estimate_inputs(root: Path, config: Config, *, exclude: Path | None = None) -> int | None:
    """Documents the inputs under ``root`` should give (None when it cannot be told cheaply:
    compressed JSONL). Lines of a JSONL file over ``EXACT_BYTES`` are estimated from the
    length of its first lines."""
    total = 0
    for path, rel in iter_files(root, exclude=exclude):
        if input_kind(rel, config) != "jsonl":
            total += 1
            continue
        if rel.lower().endswith(".gz"):
            return None
        try:
            total += _count_lines(path, path.stat().st_size)
        except OSError:
            total += 1  # it will be an errors.jsonl line
    return total


def _count_lines(path: Path, size: int) -> int:
    """Lines of ``path`` (``size`` bytes): counted, or estimated for a big file.

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("wb", delete=False) as f:
    ...     _ = f.write(b"a\\nbb\\nc")
    >>> _count_lines(Path(f.name), 6); os.unlink(f.name)
    3
    """
    with open(path, "rb") as handle:
        if size > EXACT_BYTES:
            sample = handle.read(SAMPLE_BYTES)
            lines = sample.count(b"\n")
            return max(1, round(lines * size / max(1, len(sample))))
        lines, last = 0, b"\n"
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
