"""Find the inputs under IN, in a deterministic order, and turn them into tasks.

A folder is walked recursively; entries are sorted by name at every level so
the order never depends on the file system. Symbolic links to folders are not
followed (no loops); links to files are read when they stay inside IN, and are
an ``outside_input`` error otherwise (unless ``follow_symlinks``). A file name
that is not valid UTF-8 is shown with its undecodable bytes escaped (``\\xff``).
Everything found either becomes an :class:`~dxclean.readers.tasks.InputTask` or
an :class:`~dxclean.model.ErrorRecord`; a file deleted while the run goes on is
``vanished``.
"""

from __future__ import annotations

import os
import stat
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


def shown_name(name: str) -> str:
    """A file name as output shows it: bytes that are not UTF-8 (decoded by Python with
    surrogateescape) escaped, so it can be written as UTF-8.

    >>> shown_name(os.fsdecode(b"tin-\\xff\\xfe.txt"))
    'tin-\\\\xff\\\\xfe.txt'
    """
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")


def iter_files(root: Path, *, exclude: Path | None = None, skipped: list[str] | None = None) -> Iterator[tuple[Path, str]]:
    """Yield ``(path, relative posix path)`` for every file under ``root``, sorted
    (the relative path as :func:`shown_name` shows it).

    A folder below ``root`` that holds a dxclean run's output is not read; its relative
    path is appended to ``skipped``.
    """
    if root.is_file():
        yield root, shown_name(root.name)
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
            found.append((path, shown_name(path.relative_to(root).as_posix())))
    # One global sort by relative path: the same order on every machine.
    found.sort(key=lambda item: item[1])
    yield from found


def discover(root: Path, config: Config, *, exclude: Path | None = None, skipped: list[str] | None = None) -> Iterator[InputTask | ErrorRecord]:
    """All tasks and discovery errors under ``root`` in input order (``skipped``: see iter_files)."""
    inside = os.path.realpath(root) if root.is_dir() else None
    for path, rel in iter_files(root, exclude=exclude, skipped=skipped):
        problem = _problem(path, inside, config)
        if problem is not None:
            yield ErrorRecord(rel, *problem)
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


def _problem(path: Path, inside: str | None, config: Config) -> tuple[str, str] | None:
    """``(reason, kind)`` when ``path`` is not a regular file inside IN that can be read."""
    try:
        is_file = stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        if os.path.lexists(path):
            return "broken or looping symbolic link", "unreadable"
        return "the file was deleted or moved while the run was going on (no such file)", "vanished"
    except OSError as exc:
        return f"cannot read file: {exc.strerror or exc}", "unreadable"
    if not is_file:
        return "not a regular file", "unsupported"
    if inside is not None and not config.follow_symlinks:
        real = os.path.realpath(path)
        if os.path.commonpath([inside, real]) != inside:
            return ("symbolic link to a file outside IN, not read (use --follow-symlinks, "
                    "config follow_symlinks = true, to read it)", "outside_input")
    return None
