"""OUT/: everything is written into a staging folder and moved into place at the end.

While a run is going on its files live in ``OUT/.dxclean-partial/``; nothing in
OUT itself looks complete. At the end the files are moved into OUT one by one
(each ``os.replace`` is atomic) between writing and removing the marker
``OUT/.dxclean-incomplete``; ``stats.json`` goes last. So:

- a run killed while writing leaves only the staging folder;
- a run killed while moving leaves the marker;
- in both cases the next run clears the leftovers and starts again (no
  ``--force`` needed), producing the same complete output as an uninterrupted run.

An OUT holding the output of a *completed* run (or anything else) is refused
unless ``force=True``, which replaces dxclean's own files and leaves others alone.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

from ..model import Document, ErrorRecord
from .records import Rendered, dumps, render

STAGING = ".dxclean-partial"
MARKER = ".dxclean-incomplete"
MAIN_FILES = ("documents.jsonl", "removed.jsonl", "errors.jsonl")
#: Files and folders a run owns in OUT (replaced by --force).
OWNED = (*MAIN_FILES, "stats.json", "duplicates.jsonl", "text", "report", "report.tmp", "report.old")

#: Write buffer of each output file (bytes).
BUFFER = 1 << 20

_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")


class OutputExists(Exception):
    """OUT already holds a completed run or other files; needs --force."""


def prepare_out_dir(out: Path, *, force: bool) -> None:
    """Check OUT and clear leftovers of interrupted runs (see module docstring)."""
    if out.exists() and not out.is_dir():
        raise OutputExists(f"{out} exists and is not a folder")
    out.mkdir(parents=True, exist_ok=True)
    interrupted = (out / MARKER).exists()
    if (out / STAGING).exists():
        shutil.rmtree(out / STAGING)
    others = [p.name for p in out.iterdir() if p.name not in (MARKER,)]
    if others and not force and not interrupted:
        shown = ", ".join(sorted(others)[:5])
        raise OutputExists(f"{out} is not empty ({shown}); use --force to replace dxclean's output in it")


def mirror_path(source_path: str) -> str:
    """Relative path of the text mirror of a document (control characters made safe).

    >>> mirror_path("a/b.txt")
    'a/b.txt.txt'
    >>> mirror_path("news.jsonl#3")
    'news.jsonl#3.txt'
    >>> mirror_path("odd\\nname.txt")
    'odd_name.txt.txt'
    """
    parts = [_UNSAFE.sub("_", p) for p in source_path.split("/") if p not in ("", ".", "..")]
    return "/".join(parts) + ".txt"


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

    @property
    def staging(self) -> Path:
        return self.staging_dir

    def write_document(self, doc: Document) -> None:
        self.write_rendered(render(doc, self.text_mirror))

    def write_rendered(self, rendered: Rendered) -> None:
        """Write a document rendered by :func:`~dxclean.writers.records.render` (in a worker)."""
        self._files["documents.jsonl"].write(rendered.record)
        if rendered.removed:
            self._files["removed.jsonl"].write(rendered.removed)
        counts = self.label_counts
        for label, n in rendered.labels.items():
            counts[label] = counts.get(label, 0) + n
        if rendered.mirror is not None:
            self._write_mirror(rendered.source_path, rendered.mirror)

    def _write_mirror(self, source_path: str, content: str) -> None:
        path = self.staging_dir / "text" / mirror_path(source_path)
        try:
            if path.parent not in self._folders:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._folders.add(path.parent)
            with open(path, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(content)
        except OSError:
            # A name the file system refuses (too long, or a folder where a file
            # should be): fall back to a stable hashed name.
            digest = hashlib.sha256(source_path.encode("utf-8", "surrogatepass")).hexdigest()[:20]
            path = self.staging_dir / "text" / "_renamed" / f"{digest}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8", newline="\n")

    def write_error(self, error: ErrorRecord) -> None:
        self._files["errors.jsonl"].write(dumps(error.to_json()))

    def close(self) -> None:
        for handle in self._files.values():
            handle.close()

    def commit(self, stats: dict[str, Any]) -> None:
        """Move everything into OUT; ``stats.json`` last (see module docstring)."""
        self.close()
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

