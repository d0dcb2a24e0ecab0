"""Exact verification of candidate pairs on their shingle sets.

Every candidate pair from LSH or from anchors is checked here before it is
reported: the intersection size of two sorted, de-duplicated shingle sets is
counted exactly, vectorised over many pairs at once (all shingles of a chunk of
pairs are tagged with their pair number, sorted together, and equal neighbours
counted). So a reported Jaccard or containment is the true value on the
shingle sets, never an estimate.

>>> hashes = np.array([1, 2, 3, 4, 2, 3, 4, 5, 9], dtype=np.uint64)
>>> offsets = np.array([0, 4, 8, 9])
>>> inter, size_a, size_b = intersections(hashes, offsets, np.array([[0, 1], [0, 2]]))
>>> inter.tolist(), size_a.tolist(), size_b.tolist()
([3, 0], [4, 4], [4, 1])
>>> jaccard(inter, size_a, size_b).tolist()
[0.6, 0.0]
"""

from __future__ import annotations

import numpy as np

from .shingles import HASH_BITS
from .spill import drop_resident

_PAIRS_PER_CHUNK = 1 << (64 - HASH_BITS)  # the pair number sits above the 48-bit hash
#: Shingles of a chunk's pairs sorted together: bounds the working memory (about 40 bytes
#: each) whatever the texts' lengths, where 65,536 pairs of long paragraphs took 700 MB.
_KEYS_PER_CHUNK = 1 << 20


def _chunk_bounds(work: np.ndarray) -> list[int]:
    """Starts of consecutive chunks of pairs (and the end) holding at most
    ``_KEYS_PER_CHUNK`` shingles (or one pair) and ``_PAIRS_PER_CHUNK`` pairs each."""
    ends = np.cumsum(work)
    bounds = [0]
    while bounds[-1] < len(work):
        lo = bounds[-1]
        before = int(ends[lo - 1]) if lo else 0
        hi = int(np.searchsorted(ends, before + _KEYS_PER_CHUNK, side="right"))
        bounds.append(min(max(hi, lo + 1), lo + _PAIRS_PER_CHUNK, len(work)))
    return bounds


def _gather(offsets: np.ndarray, items: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Flat indices into ``hashes`` of all shingles of ``items``, and each item's count."""
    sizes = offsets[items + 1] - offsets[items]
    ends = np.cumsum(sizes)
    starts_out = ends - sizes
    index = np.arange(int(ends[-1]) if len(ends) else 0, dtype=np.int64)
    owner = np.repeat(np.arange(len(items)), sizes)
    return offsets[items][owner] + index - starts_out[owner], sizes


def intersections(hashes: np.ndarray, offsets: np.ndarray, pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(|A & B|, |A|, |B|)`` for each ``(a, b)`` row of ``pairs``."""
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    sizes_a = offsets[pairs[:, 0] + 1] - offsets[pairs[:, 0]]
    sizes_b = offsets[pairs[:, 1] + 1] - offsets[pairs[:, 1]]
    inter = np.zeros(len(pairs), dtype=np.int64)
    bounds = _chunk_bounds(sizes_a + sizes_b)
    for lo, hi in zip(bounds, bounds[1:]):
        chunk = pairs[lo:hi]
        number = np.arange(len(chunk), dtype=np.uint64) << np.uint64(HASH_BITS)
        idx_a, n_a = _gather(offsets, chunk[:, 0])
        idx_b, n_b = _gather(offsets, chunk[:, 1])
        keys = np.concatenate([hashes[idx_a] | np.repeat(number, n_a), hashes[idx_b] | np.repeat(number, n_b)])
        drop_resident(hashes)  # hashes mapped from disk: only this chunk's were read
        keys.sort()
        same = keys[1:][keys[1:] == keys[:-1]]
        inter[lo : lo + len(chunk)] = np.bincount((same >> np.uint64(HASH_BITS)).astype(np.int64), minlength=len(chunk))
    return inter, sizes_a, sizes_b


def jaccard(inter: np.ndarray, size_a: np.ndarray, size_b: np.ndarray) -> np.ndarray:
    union = size_a + size_b - inter
    return np.where(union > 0, inter / np.maximum(union, 1), 0.0)


def containment(inter: np.ndarray, size_a: np.ndarray) -> np.ndarray:
    """Share of A's shingles that are in B."""
    return np.where(size_a > 0, inter / np.maximum(size_a, 1), 0.0)
