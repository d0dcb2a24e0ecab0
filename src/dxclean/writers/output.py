"""OUT/: everything is written into a staging folder and moved into place at the end.

While a run is going on its files live in ``OUT/.dxclean-partial/``; nothing in
OUT itself looks complete. At the end the files are moved into OUT one by one
(each ``os.replace`` is atomic) between writing and removing the marker
``OUT/.dxclean-incomplete``; ``stats.json`` goes last. So:

- a run killed while writing leaves only the staging folder;
- a run killed while moving leaves the marker;
- a run killed after moving but before its ``after_commit`` work (the dedup
  index append) leaves the marker ``OUT/.dxclean-pending``;
- a run killed while writing ``--report`` leaves ``OUT/report.tmp``;
- in all cases the next run clears the leftovers and starts again (no
  ``--force`` needed), producing the same complete output as an uninterrupted run.

The lock file ``OUT/.dxclean-lock`` (see :mod:`.lock`) is not output: it is never
counted as "OUT is not empty".

An OUT holding the output of a *completed* run (or anything else) is refused
unless ``force=True``, which replaces dxclean's own files and leaves others alone.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

from ..model import Document, ErrorRecord
from .lock import OUT_LOCK
from .records import Rendered, dumps, render

STAGING = ".dxclean-partial"
MARKER = ".dxclean-incomplete"
#: In OUT from the commit until the run's after-commit work (index append) is done.
PENDING = ".dxclean-pending"
REPORT_STAGING = "report.tmp"
#: Written into OUT by every committed run: a folder holding it is a dxclean output, which
#: a later run never reads as input (see :func:`is_run_output`).
OUTPUT_MARKER = ".dxclean-output"
MAIN_FILES = ("documents.jsonl", "removed.jsonl", "errors.jsonl")
#: Files and folders a run owns in OUT (replaced by --force).
OWNED = (*MAIN_FILES, "stats.json", "duplicates.jsonl", "text", "report", REPORT_STAGING, "report.old", PENDING, OUTPUT_MARKER)

#: Write buffer of each output file (bytes).
BUFFER = 1 << 20

_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")
RENAMED = "_renamed"
#: errno values that mean "this folder cannot be written", not "this name is bad".
WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EFBIG})


class OutputExists(Exception):
    """OUT already holds a completed run or other files; needs --force."""


def prepare_out_dir(out: Path, *, force: bool) -> None:
    """Check OUT and clear leftovers of interrupted runs (see module docstring)."""
    if out.exists() and not out.is_dir():
        raise OutputExists(f"{out} exists and is not a folder")
    out.mkdir(parents=True, exist_ok=True)
    interrupted = any((out / name).exists() for name in (MARKER, PENDING, REPORT_STAGING))
    if (out / STAGING).exists():
        shutil.rmtree(out / STAGING)
    others = [p.name for p in out.iterdir() if p.name not in (MARKER, OUT_LOCK)]
    if others and not force and not interrupted:
        shown = ", ".join(sorted(others)[:5])
        raise OutputExists(f"{out} is not empty ({shown}); use --force to replace dxclean's output in it")


def is_run_output(folder: Path) -> bool:
    """Does ``folder`` hold a dxclean run's output (finished, running or interrupted)?

    Runs before the marker existed are recognised by their stats.json.
    """
    if any((folder / name).exists() for name in (OUTPUT_MARKER, STAGING, MARKER)):
        return True
    try:
        stats = json.loads((folder / "stats.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    return isinstance(stats, dict) and {"schema_version", "steps_run", "totals"} <= stats.keys()


def mirror_path(source_path: str) -> str:
    """Relative path of the text mirror of a document (control characters made safe; a
    ``.txt`` input keeps its name). Not injective on its own (``x\\ny.txt`` and ``x_y.txt``):
    the writer gives a name already taken, or refused by the file system, the document's
    :func:`hashed_mirror_path` (from its id, unique in a run) instead, and
    :func:`find_mirror` looks there first.

    >>> mirror_path("a/b.txt"), mirror_path("a/b.html")
    ('a/b.txt', 'a/b.html.txt')
    >>> mirror_path("news.jsonl#3")
    'news.jsonl#3.txt'
    >>> mirror_path("odd\\nname.txt")
    'odd_name.txt'
    """
    parts = [_UNSAFE.sub("_", p) for p in source_path.split("/") if p not in ("", ".", "..")]
    name = "/".join(parts)
    return name if name.endswith(".txt") else name + ".txt"


def hashed_mirror_path(doc_id: str) -> str:
    """The mirror's name when :func:`mirror_path` is taken or refused: one per document id
    (ids are unique in a run; two inputs can show the same source path, e.g. a name with a
    literal ``\\xff`` and one with the undecodable byte)."""
    digest = hashlib.sha256(doc_id.encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return f"{RENAMED}/{digest}.txt"


def find_mirror(out: Path, source_path: str, doc_id: str) -> str | None:
    """The text mirror of a document in ``out/text/``, relative to it (None: none)."""
    for relative in (hashed_mirror_path(doc_id), mirror_path(source_path)):
        try:
            if (out / "text" / relative).is_file():
                return relative
        except OSError:  # a name too long for this file system
            continue
    return None


class OutputWriter:
    """Writes the contract files into the staging folder, then commits them."""

    def __init__(self, out: Path, *, text_mirror: bool | str = "auto") -> None:
        self.out = out
        self.staging_dir = out / STAGING
        self.staging_dir.mkdir(parents=True, exist_ok=True)
        self.text_mirror = text_mirror
        self._files = {name: open(self.staging_dir / name, "w", encoding="utf-8", newline="\n", buffering=BUFFER)
                       for name in MAIN_FILES}
        self._folders: set[Path] = set()  # mirror folders made so far
        self.label_counts: dict[str, int] = {}
        #: Documents left out of documents.jsonl (``metadata["dropped"]``), per rule.
        self.dropped: dict[str, int] = {}
        #: errors.jsonl lines per kind.
        self.error_kinds: dict[str, int] = {}

    @property
    def staging(self) -> Path:
        return self.staging_dir

    def write_document(self, doc: Document) -> None:
        self.write_rendered(render(doc, self.text_mirror))

    def write_rendered(self, rendered: Rendered) -> None:
        """Write a document rendered by :func:`~dxclean.writers.records.render` (in a worker)."""
        if rendered.dropped is not None:
            self.dropped[rendered.dropped] = self.dropped.get(rendered.dropped, 0) + 1
        else:
            self._files["documents.jsonl"].write(rendered.record)
        if rendered.removed:
            self._files["removed.jsonl"].write(rendered.removed)
        counts = self.label_counts
        for label, n in rendered.labels.items():
            counts[label] = counts.get(label, 0) + n
        if rendered.mirror is not None:
            self._write_mirror(rendered.source_path, rendered.doc_id, rendered.mirror)

    def _write_mirror(self, source_path: str, doc_id: str, content: str) -> None:
        relative = mirror_path(source_path)
        try:
            if relative.startswith(RENAMED + "/"):  # that folder is for hashed names only
                raise FileExistsError(relative)
            _write_new(self.staging_dir / "text" / relative, content, self._folders)
        except OSError as exc:
            if exc.errno in WRITE_ERRNOS:  # a full disk is not a bad name
                raise
            # A name taken by another document (names made safe can meet), or one the file
            # system refuses (too long, a folder where a file should be): the hashed name.
            _write_new(self.staging_dir / "text" / hashed_mirror_path(doc_id), content, self._folders)

    def write_error(self, error: ErrorRecord) -> None:
        self.error_kinds[error.kind] = self.error_kinds.get(error.kind, 0) + 1
        self._files["errors.jsonl"].write(dumps(error.to_json()))

    def close(self) -> None:
        for handle in self._files.values():
            handle.close()

    def outputs(self) -> list[str]:
        """What the commit will move into OUT (folders with a trailing ``/``), stats.json included."""
        names = {p.name + ("/" if p.is_dir() else "") for p in self.staging_dir.iterdir() if not p.name.startswith("spill-")}
        return sorted(names | {"stats.json", OUTPUT_MARKER, OUT_LOCK})

    def discard(self) -> None:
        """Drop everything written (nothing to commit). An OUT the run made is removed with
        its lock when the lock is released (:class:`~.lock.FolderLock`)."""
        self.close()
        shutil.rmtree(self.staging_dir, ignore_errors=True)

    def commit(self, stats: dict[str, Any]) -> None:
        """Move everything into OUT; ``stats.json`` last (see module docstring)."""
        self.close()
        (self.staging_dir / OUTPUT_MARKER).write_text("this folder holds the output of a dxclean run\n", encoding="utf-8")
        (self.staging_dir / "stats.json").write_text(json.dumps(stats, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        (self.out / MARKER).write_text("a dxclean run is moving its output into place\n", encoding="utf-8")
        for name in OWNED:  # clear the previous run's files (allowed: force or interrupted)
            target = self.out / name
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            elif target.exists() or target.is_symlink():
                target.unlink()
        produced = sorted(p.name for p in self.staging_dir.iterdir() if not p.name.startswith("spill-"))
        for name in sorted(produced, key=lambda n: n == "stats.json"):
            os.replace(self.staging_dir / name, self.out / name)
        shutil.rmtree(self.staging_dir)
        (self.out / MARKER).unlink()


def _write_new(path: Path, content: str, folders: set[Path]) -> None:
    """Write a file that must not exist yet (``FileExistsError`` otherwise); ``folders``:
    the folders made so far (not made again)."""
    if path.parent not in folders:
        path.parent.mkdir(parents=True, exist_ok=True)
        folders.add(path.parent)
    with open(path, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(content)
