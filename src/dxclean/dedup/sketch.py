"""Texts -> sketches: shingle sets, word counts, MinHash signatures and band keys.

:class:`Sketcher` holds what is reused across batches (the permutations and the
word-id memo of its :class:`~.shingles.Shingler`); :class:`Sketches` is the
compact numpy form of many texts that the rest of the engine works on, and
what the ``dedup`` step's ``observe`` returns for a document.

Memory per text: ``8 x shingles`` bytes of shingle hashes, ``4 x bands`` bytes
of band keys, ``8 + 4`` bytes of offsets and word count; signatures
(``4 x num_perm`` bytes) are dropped once band keys exist unless asked for.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import numpy as np

from .lsh import band_keys
from .shingles import Shingler
from .signatures import minhash_signatures, permutations

_BATCH = 16384  # texts per vectorised pass


@dataclass
class Sketches:
    """Sketches of ``n`` texts, flat numpy arrays (picklable, no Python objects per text)."""

    hashes: np.ndarray  # uint64, every text's sorted unique shingle hashes, concatenated
    offsets: np.ndarray  # int64 (n + 1,): text i is hashes[offsets[i]:offsets[i + 1]]
    words: np.ndarray  # int32 (n,): units (words or characters) of the normalised text
    keys: np.ndarray  # uint32 (n, bands): LSH band keys
    signatures: np.ndarray | None = None  # uint32 (n, num_perm) when kept

    def __len__(self) -> int:
        return len(self.offsets) - 1

    @property
    def sizes(self) -> np.ndarray:
        return np.diff(self.offsets)

    def shingles(self, i: int) -> np.ndarray:
        return self.hashes[self.offsets[i] : self.offsets[i + 1]]

    @classmethod
    def empty(cls, bands: int) -> Sketches:
        return cls(np.zeros(0, np.uint64), np.zeros(1, np.int64), np.zeros(0, np.int32), np.zeros((0, bands), np.uint32))

    @classmethod
    def concat(cls, parts: list[Sketches], *, bands: int, release: bool = False) -> Sketches:
        """One :class:`Sketches` of all ``parts`` in order (offsets re-based).

        ``release=True`` empties the parts as they are copied (lower peak memory).
        """
        parts = [p for p in parts if len(p)]
        if not parts:
            return cls.empty(bands)
        sizes = [p.offsets[-1] for p in parts]
        bases = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        offsets = np.concatenate([np.zeros(1, np.int64)] + [p.offsets[1:] + base for p, base in zip(parts, bases)])
        sigs = None
        if all(p.signatures is not None for p in parts):
            sigs = np.concatenate([p.signatures for p in parts])
        hashes, words, keys = (_concat(parts, name, release) for name in ("hashes", "words", "keys"))
        return cls(hashes, offsets, words, keys, sigs)


def _concat(parts: list[Sketches], name: str, release: bool) -> np.ndarray:
    """Concatenate one field of ``parts`` into a preallocated array, releasing each part's
    copy as it goes, so the peak is one copy plus one part rather than two copies."""
    first = getattr(parts[0], name)
    out = np.empty((sum(len(getattr(p, name)) for p in parts), *first.shape[1:]), dtype=first.dtype)
    del first
    at = 0
    for part in parts:  # no list of the arrays: a released part's array is really freed
        array = getattr(part, name)
        out[at : at + len(array)] = array
        at += len(array)
        if release:
            setattr(part, name, np.empty((0, *array.shape[1:]), dtype=array.dtype))  # not a view: frees it
    return out


class Sketcher:
    """Computes :class:`Sketches` of texts with one configuration (a ``DedupConfig``)."""

    def __init__(self, config) -> None:
        self.config = config
        if config.bands * config.rows > config.num_perm:
            raise ValueError(f"dedup: bands x rows ({config.bands} x {config.rows}) exceeds num_perm {config.num_perm}")
        self.shingler = Shingler(kind=config.shingle, size=config.shingle_size, fold=config.fold_diacritics)
        self.perms = permutations(config.num_perm, config.seed)

    def sketch(self, texts: list[str], *, keep_signatures: bool = False) -> Sketches:
        """Sketches of raw texts (normalised here)."""
        parts = []
        for lo in range(0, len(texts), _BATCH):
            batch = [t if unicodedata.is_normalized("NFKC", t) else unicodedata.normalize("NFKC", t) for t in texts[lo : lo + _BATCH]]
            parts.append(self._sketch_batch(batch, keep_signatures))
        return Sketches.concat(parts, bands=self.config.bands, release=True)

    def _sketch_batch(self, texts: list[str], keep_signatures: bool) -> Sketches:
        hashes, offsets, words = self.shingler.shingle_sets_with_units(texts)
        sigs = minhash_signatures(hashes, offsets, self.perms)
        keys = band_keys(sigs, bands=self.config.bands, rows=self.config.rows)
        return Sketches(hashes, offsets, words.astype(np.int32), keys, sigs if keep_signatures else None)

    def union_keys(self, signatures: np.ndarray | None) -> np.ndarray:
        """Band keys of the union of sets given their signatures (MinHash of a union = min)."""
        if signatures is None or len(signatures) == 0:
            signatures = np.full((1, self.config.num_perm), 0xFFFFFFFF, np.uint32)
        sig = signatures.min(axis=0, keepdims=True)
        return band_keys(sig, bands=self.config.bands, rows=self.config.rows)[0]
