"""A persistent, append-only index of sketches: dedup a new crawl against earlier runs.

Layout of an index folder::

    manifest.json        {"format": 1, "settings": {...}, "segments": ["seg-000000", ...]}
    seg-000000/          one run's paragraphs and documents, numpy arrays + docs.json
    seg-000001/

Writes are crash-safe: a segment is written in full into a temporary folder and
renamed into place, then a new manifest is written to a temporary file and
renamed over the old one (``os.replace`` is atomic). A run interrupted before
the manifest rename leaves at most an orphan folder that no manifest lists: it
is ignored and overwritten by the next append. Segments are never modified.

Each segment carries an identity, a digest of its content (``"identities"`` in the
manifest): appending a segment the index already holds does nothing, so a run
whose append is repeated (a retried run, a re-run after a crash between the
output commit and the append) is indexed exactly once. The ``dedup`` step
appends only after the run's output is committed (``after_commit``).

**Run identity.** The manifest also records which run appended each segment
(``"runs"``: the segment's content digest — the run's documents and paragraphs,
its *inputs* — and a digest of the run's options). A run whose inputs and options
are those of a run already in the index *is* that run, re-done: it is matched
only against the segments that were there before that run appended, never
against its own paragraphs, so it gives the output the first run gave (and its
append is a no-op). The run that appended first is the one that counts.

Only one process writes at a time (the run holds the index lock, see
:mod:`dxclean.writers.lock`), so the leftovers of an interrupted append
(``.tmp-*`` folders, ``.manifest-*.json`` files, segment folders no manifest
lists) are removed before the next append, and an append that fails (a full
disk) removes what it wrote.

The settings that change hashes (shingling, permutations, banding) are stored in
the manifest; opening an index with other settings is an error rather than a
silent mismatch.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .sketch import Sketches

FORMAT = 1
_ARRAYS = ("hashes", "offsets", "words", "keys", "item_doc", "positions", "doc_keys")


class IndexSettingsError(ValueError):
    """The index folder cannot be used with these settings (message says why)."""


def index_settings(config) -> dict:
    """The options a stored sketch depends on."""
    return {
        "hash": "blake2b-word/splitmix-48/affine32/keys-u32",
        "shingle": config.shingle,
        "shingle_size": config.shingle_size,
        "fold_diacritics": config.fold_diacritics,
        "num_perm": config.num_perm,
        "bands": config.bands,
        "rows": config.rows,
        "seed": config.seed,
    }


@dataclass
class Segment:
    """Paragraph sketches of some documents: item ``i`` is paragraph ``positions[i]`` of
    document ``doc_ids[item_doc[i]]``; ``doc_keys`` are the documents' band keys."""

    sketches: Sketches
    item_doc: np.ndarray  # int32
    positions: np.ndarray  # int32
    doc_ids: list[str]
    doc_keys: np.ndarray  # uint64 (docs, bands)


def segment_identity(segment: Segment) -> str:
    """A digest of everything a segment stores (same paragraphs of the same documents ->
    same identity), in hex."""
    digest = hashlib.blake2b(digest_size=16)
    arrays = (segment.sketches.hashes, segment.sketches.offsets, segment.sketches.words, segment.sketches.keys,
              segment.item_doc, segment.positions, segment.doc_keys)
    for value in arrays:
        value = np.ascontiguousarray(value)
        digest.update(f"{value.dtype.str}{value.shape}".encode())
        digest.update(value.tobytes())
    digest.update(json.dumps(segment.doc_ids, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()


class DedupIndex:
    def __init__(self, folder: str | Path, config, *, options: str | None = None) -> None:
        self.folder = Path(folder)
        self.options = options  # digest of the options of the run using the index (run identity)
        self.settings = index_settings(config)
        self.bands = config.bands
        manifest = self._read_manifest()
        if manifest is not None and manifest.get("settings") != self.settings:
            raise IndexSettingsError(
                f"dedup index {self.folder} was built with settings {manifest.get('settings')}, "
                f"not {self.settings}: use another --index folder or the same dedup options"
            )
        self.segments: list[str] = list(manifest["segments"]) if manifest else []
        self.identities: dict[str, str] = dict(manifest.get("identities", {})) if manifest else {}
        self.runs: dict[str, dict] = dict(manifest.get("runs", {})) if manifest else {}

    def _read_manifest(self) -> dict | None:
        path = self.folder / "manifest.json"
        if not path.exists():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise IndexSettingsError(f"dedup index {self.folder}: unreadable manifest.json ({exc})") from exc
        if data.get("format") != FORMAT:
            raise IndexSettingsError(f"dedup index {self.folder}: unknown format {data.get('format')!r}")
        return data

    def same_run(self, segment: Segment) -> str | None:
        """The segment appended by a run with this run's identity (its inputs: ``segment``'s
        content, and its options), or None."""
        identity = segment_identity(segment)
        for name in self.segments:
            run = self.runs.get(name)
            if run is not None and run["inputs"] == identity and run["options"] == self.options:
                return name
        return None

    def load_for(self, segment: Segment) -> Segment:
        """What the run about to append ``segment`` is matched against: everything indexed,
        or, when the index already holds this run (see module docstring), the segments
        before it."""
        own = self.same_run(segment)
        return self.load(self.segments[: self.segments.index(own)] if own is not None else None)

    def load(self, names: list[str] | None = None) -> Segment:
        """Everything indexed so far (or the segments ``names``), as one segment (arrays
        memory-mapped where possible)."""
        parts = [self._load_segment(name) for name in (self.segments if names is None else names)]
        if not parts:
            return Segment(Sketches.empty(self.bands), np.zeros(0, np.int32), np.zeros(0, np.int32), [], np.zeros((0, self.bands), np.uint32))
        doc_base = np.cumsum([0] + [len(p.doc_ids) for p in parts[:-1]])
        return Segment(
            Sketches.concat([p.sketches for p in parts], bands=self.bands),
            np.concatenate([p.item_doc + base for p, base in zip(parts, doc_base)]).astype(np.int32),
            np.concatenate([p.positions for p in parts]),
            [d for p in parts for d in p.doc_ids],
            np.concatenate([p.doc_keys for p in parts]),
        )

    def _load_segment(self, name: str) -> Segment:
        folder = self.folder / name
        try:
            arrays = {key: np.load(folder / f"{key}.npy", mmap_mode="r") for key in _ARRAYS}
            doc_ids = json.loads((folder / "docs.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise IndexSettingsError(f"dedup index {self.folder}: segment {name} is damaged ({exc})") from exc
        sk = Sketches(arrays["hashes"], arrays["offsets"], arrays["words"], arrays["keys"])
        return Segment(sk, arrays["item_doc"], arrays["positions"], doc_ids, arrays["doc_keys"])

    def append(self, segment: Segment) -> str:
        """Add a segment atomically (see module docstring); return its name, or the name of
        the segment already holding the same content (then nothing is written)."""
        manifest = self._read_manifest()  # the folder as it is now, not when opened
        if manifest is not None:
            self.segments = list(manifest["segments"])
            self.identities = dict(manifest.get("identities", {}))
            self.runs = dict(manifest.get("runs", {}))
        identity = segment_identity(segment)
        for name, known in self.identities.items():
            if known == identity and name in self.segments:
                return name
        self.folder.mkdir(parents=True, exist_ok=True)
        self._clear_leftovers()
        name = f"seg-{len(self.segments):06d}"
        tmp = self.folder / f".tmp-{uuid.uuid4().hex}"
        try:
            self._write(tmp, name, segment, identity)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            for leftover in self.folder.glob(".manifest-*.json"):
                leftover.unlink(missing_ok=True)
            raise
        self.segments.append(name)
        self.identities[name] = identity
        if self.options is not None:
            self.runs[name] = {"inputs": identity, "options": self.options}
        return name

    def _clear_leftovers(self) -> None:
        """Remove what interrupted appends left (the caller holds the index lock)."""
        for path in self.folder.iterdir():
            orphan = path.name.startswith("seg-") and path.name not in self.segments
            if path.name.startswith(".tmp-") or orphan:
                shutil.rmtree(path, ignore_errors=True)
            elif path.name.startswith(".manifest-") and path.name.endswith(".json"):
                path.unlink(missing_ok=True)

    def _write(self, tmp: Path, name: str, segment: Segment, identity: str) -> None:
        tmp.mkdir()
        arrays = {
            "hashes": segment.sketches.hashes, "offsets": segment.sketches.offsets,
            "words": segment.sketches.words, "keys": segment.sketches.keys,
            "item_doc": segment.item_doc, "positions": segment.positions, "doc_keys": segment.doc_keys,
        }
        for key, value in arrays.items():
            with open(tmp / f"{key}.npy", "wb") as handle:
                # Through a plain write(): numpy's tofile() on a real file reports a full disk
                # as an OSError without errno ("N requested and M written").
                np.save(_Chunks(handle.write), np.ascontiguousarray(value))
                handle.flush()
                os.fsync(handle.fileno())
        (tmp / "docs.json").write_text(json.dumps(segment.doc_ids, ensure_ascii=False), encoding="utf-8")
        target = self.folder / name
        os.rename(tmp, target)
        runs = {**self.runs, name: {"inputs": identity, "options": self.options}} if self.options is not None else self.runs
        manifest = {"format": FORMAT, "settings": self.settings, "segments": [*self.segments, name],
                    "identities": {**self.identities, name: identity}, "runs": runs}
        tmp_manifest = self.folder / f".manifest-{uuid.uuid4().hex}.json"
        try:
            tmp_manifest.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
            os.replace(tmp_manifest, self.folder / "manifest.json")
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)  # no manifest lists it: an orphan
            raise


class _Chunks:
    """A file that has only ``write``: numpy then writes in chunks through it."""

    def __init__(self, write) -> None:
        self.write = write
