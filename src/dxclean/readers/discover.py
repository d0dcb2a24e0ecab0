"""Find the inputs under IN, in a deterministic order, and turn them into tasks.

A folder is walked recursively; entries are sorted by name at every level so
the order never depends on the file system. Symbolic links to folders are not
followed (no loops); links to files are read. Everything found either becomes an
:class:`~dxclean.readers.tasks.InputTask` or an :class:`~dxclean.model.ErrorRecord`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from ..config import Config
from ..model import ErrorRecord
from ..writers.output import is_run_output
from .jsonl import iter_jsonl_tasks
from .tasks import HTML, TEXT, InputTask

TEXT_SUFFIXES = (".txt", ".text")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz", ".xhtml")


def input_kind(name: str, config: Config) -> str | None:
    """The reader for a file name: ``text``, ``jsonl``, ``html`` or None (unsupported).

    >>> input_kind("a/B.HTML.gz", Config())
    'html'
    >>> input_kind("notes.md", Config()) is None
    True
    """
    if config.input_format != "auto":
        return config.input_format
    lower = name.lower()
    if lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(HTML_SUFFIXES):
        return "html"
    if lower.endswith(TEXT_SUFFIXES):
        return "text"
    return None


def iter_files(root: Path, *, exclude: Path | None = None, skipped: list[str] | None = None) -> Iterator[tuple[Path, str]]:
    """Yield ``(path, relative posix path)`` for every file under ``root``, sorted.

    A folder below ``root`` that holds a dxclean run's output is not read; its relative
    path is appended to ``skipped``.
    """
    if root.is_file():
        yield root, root.name
        return
    # realpath, not Path.resolve(): it does not raise on symbolic link loops.
    excluded = os.path.realpath(exclude) if exclude is not None else None
    stack = [root]
    found: list[tuple[Path, str]] = []
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            path = Path(entry.path)
            if excluded is not None and os.path.realpath(path) == excluded:
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    if is_run_output(path):
                        if skipped is not None:
                            skipped.append(path.relative_to(root).as_posix())
                    else:
                        stack.append(path)
                    continue
            except OSError:
                pass
            found.append((path, path.relative_to(root).as_posix()))
    # One global sort by relative path: the same order on every machine.
    found.sort(key=lambda item: item[1])
    yield from found


def discover(root: Path, config: Config, *, exclude: Path | None = None, skipped: list[str] | None = None) -> Iterator[InputTask | ErrorRecord]:
    """All tasks and discovery errors under ``root`` in input order (``skipped``: see iter_files)."""
    for path, rel in iter_files(root, exclude=exclude, skipped=skipped):
        if path.is_symlink() and not path.exists():
            yield ErrorRecord(rel, "broken or looping symbolic link", "unreadable")
            continue
        if not path.is_file():
            yield ErrorRecord(rel, "not a regular file", "unsupported")
            continue
        kind = input_kind(rel, config)
        if kind is None:
            yield ErrorRecord(
                rel,
                "unsupported file type (expected .txt, .jsonl, .jsonl.gz, .html, .htm, .html.gz)",
                "unsupported",
            )
        elif kind == "jsonl":
            yield from iter_jsonl_tasks(path, rel, config)
        elif kind == "html":
            yield InputTask(HTML, rel, rel, path=str(path))
        else:
            yield InputTask(TEXT, rel, rel, path=str(path))
