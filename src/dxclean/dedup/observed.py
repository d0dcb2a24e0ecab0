"""The dedup observations of a whole corpus in flat arrays, gathered as they arrive.

``observe`` returns one :class:`~.decide.DocSketch` per document (a handful of
small numpy arrays and a Python object or two each). Kept as a list until the
plan, they cost about 1 KB of object overhead per document on top of the
sketches, and the plan then copied them into one array per field. The
:class:`SketchCollector` (what the driver appends observations to) folds every
``CHUNK`` documents into one :class:`ObservedSketches` and the chunks into one
at the end, releasing each part as it is copied: what remains per document is
its id, its index, its paragraph count and band keys (``8 + 8 + 4 x bands``
bytes), and per paragraph its shingle hashes, offset, word count, position and
band keys (``8 x shingles + 8 + 4 + 4 + 4 x bands`` bytes).

Given a spill folder (the driver gives its staging folder), the collector writes
each chunk's shingle hashes to a file there instead (:class:`~.spill.HashSpill`)
and the plan reads them mapped from it: the driver then keeps ``8 + 4 + 4 + 4 x
bands`` bytes per paragraph, whatever the paragraphs' lengths.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .sketch import Sketches
from .spill import HashSpill

#: Documents folded into one chunk (their DocSketch objects live no longer than that).
CHUNK = 1024


@dataclass
class ObservedSketches:
    """The observed documents of a run in input order, as flat arrays."""

    indexes: np.ndarray  # int64 (docs,): the executor's document index
    doc_ids: list[str]
    counts: np.ndarray  # int64 (docs,): sketched paragraphs of each document
    positions: np.ndarray  # int32 (items,): block position of each paragraph
    sketches: Sketches  # (items,)
    doc_keys: np.ndarray  # (docs, bands): band keys of each whole body

    def __len__(self) -> int:
        return len(self.doc_ids)

    @classmethod
    def of(cls, observations: list, *, bands: int, release: bool = False) -> ObservedSketches:
        """From ``[(index, DocSketch)]`` (None observations skipped); ``release`` empties the
        DocSketches' arrays as they are copied."""
        pairs = [(i, o) for i, o in observations if o is not None]
        return cls(
            np.array([i for i, _ in pairs], np.int64),
            [o.doc_id for _, o in pairs],
            np.array([len(o.positions) for _, o in pairs], np.int64),
            np.concatenate([o.positions for _, o in pairs]).astype(np.int32) if pairs else np.zeros(0, np.int32),
            Sketches.concat([o.sketches for _, o in pairs], bands=bands, release=release),
            np.stack([o.doc_keys for _, o in pairs]) if pairs else np.zeros((0, bands), np.uint32),
        )

    @classmethod
    def concat(cls, parts: list[ObservedSketches], *, bands: int) -> ObservedSketches:
        if len(parts) == 1:
            return parts[0]
        if not parts:
            return cls.of([], bands=bands)
        return cls(
            np.concatenate([p.indexes for p in parts]),
            [d for p in parts for d in p.doc_ids],
            np.concatenate([p.counts for p in parts]),
            np.concatenate([p.positions for p in parts]),
            Sketches.concat([p.sketches for p in parts], bands=bands, release=True),
            np.concatenate([p.doc_keys for p in parts]),
        )


class SketchCollector:
    """What the driver appends ``(index, DocSketch | None)`` to, in input order; with
    ``spill_dir``, shingle hashes go to a file there (see module docstring)."""

    #: File name in the spill folder (``spill-*`` files are never part of the output).
    SPILL_NAME = "spill-dedup-shingles.bin"

    def __init__(self, bands: int, spill_dir: Path | None = None) -> None:
        self.bands = bands
        self._pending: list = []
        self._chunks: list[ObservedSketches] = []
        self._spill = HashSpill(Path(spill_dir) / self.SPILL_NAME) if spill_dir is not None else None

    def append(self, pair) -> None:
        if pair[1] is None:
            return
        self._pending.append(pair)
        if len(self._pending) >= CHUNK:
            self._fold()

    def _fold(self) -> None:
        if self._pending:
            chunk = ObservedSketches.of(self._pending, bands=self.bands, release=True)
            if self._spill is not None:
                self._spill.append(chunk.sketches.hashes)
                chunk.sketches.hashes = np.zeros(0, np.uint64)
            self._chunks.append(chunk)
            self._pending = []

    def finish(self) -> ObservedSketches:
        """Everything appended, as one :class:`ObservedSketches` (the collector is emptied)."""
        self._fold()
        chunks, self._chunks = self._chunks, []
        observed = ObservedSketches.concat(chunks, bands=self.bands)
        if self._spill is not None:
            spill, self._spill = self._spill, None
            observed.sketches.hashes = spill.open()
            assert len(observed.sketches.hashes) == observed.sketches.offsets[-1]
        return observed

    def close(self) -> None:
        """Remove the spill file of a run that stopped before :meth:`finish`."""
        if self._spill is not None:
            self._spill.close()
            self._spill = None
