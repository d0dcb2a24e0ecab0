"""Locality-sensitive hashing by banding: signatures -> band keys -> candidate pairs.

A signature of ``bands * rows`` values is cut into ``bands`` bands of ``rows``
values; two sets whose signatures agree on a whole band become a candidate
pair. A pair of Jaccard similarity ``s`` is a candidate with probability
``1 - (1 - s**rows)**bands`` (:func:`candidate_probability`).

The two halves are separate functions so that a distributed engine can compute
band keys where the signatures are and group keys anywhere:
:func:`band_keys` (per item, embarrassingly parallel) and
:func:`candidate_pairs` (a group-by on ``(band, key)``).

>>> round(candidate_probability(0.8, bands=16, rows=4), 4)
0.9998
"""

from __future__ import annotations

import numpy as np

_MUL = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)


def candidate_probability(similarity: float, *, bands: int, rows: int) -> float:
    """Probability that a pair of this Jaccard similarity shares at least one band."""
    return 1.0 - (1.0 - similarity**rows) ** bands


def band_keys(signatures: np.ndarray, *, bands: int, rows: int) -> np.ndarray:
    """``(n, bands)`` uint32 keys: a 32-bit hash of each band's ``rows`` values.

    32 bits halve the memory of 64; the price is about ``n**2 / 2**33`` spurious
    collisions per band (116 for a million texts), i.e. a few extra candidates
    that verification discards.
    """
    n, width = signatures.shape
    if bands * rows > width:
        raise ValueError(f"bands x rows = {bands * rows} exceeds the {width} signature values")
    cut = signatures[:, : bands * rows].reshape(n, bands, rows).astype(np.uint64)
    h = np.zeros((n, bands), dtype=np.uint64)
    for k in range(rows):
        h = (h ^ cut[:, :, k]) * _MUL
    h = (h ^ (h >> np.uint64(30))) * _M1
    h = (h ^ (h >> np.uint64(27))) * _M2
    return ((h ^ (h >> np.uint64(31))) >> np.uint64(32)).astype(np.uint32)


def sorted_unique(values: np.ndarray, *, counts: bool = False):
    """Sorted distinct values of a 1-d array (and how often each occurs), by one sort.

    ``np.unique`` of numpy >= 2.3 de-duplicates integers through a hash table, which
    grows faster than linearly once the table leaves the cache (20x the time for 11x
    the values, measured); a sort and a neighbour comparison stay n log n.

    >>> sorted_unique(np.array([3, 1, 3, 2, 3]), counts=True)
    (array([1, 2, 3]), array([1, 1, 3]))
    """
    ordered = np.sort(values)
    if len(ordered) == 0:
        return (ordered, np.zeros(0, np.int64)) if counts else ordered
    starts = np.flatnonzero(np.concatenate([[True], ordered[1:] != ordered[:-1]]))
    if not counts:
        return ordered[starts]
    return ordered[starts], np.diff(np.append(starts, len(ordered)))


def candidate_pairs(keys: np.ndarray, *, max_bucket: int = 64) -> np.ndarray:
    """Unique ``(i, j)`` pairs (``i < j``, sorted) of rows sharing a key in some band.

    A bucket with more than ``max_bucket`` members yields only the pairs of
    members at most ``max_bucket`` apart in input order, not all of them: a
    bucket that big is boilerplate whose members are near-identical, and the
    chain of pairs still joins them into one cluster, while all pairs would
    grow quadratically.
    """
    n, bands = keys.shape
    if n >= 1 << 32:
        raise ValueError(f"candidate_pairs: {n} rows exceed the 32-bit row numbers")
    rows = np.arange(n, dtype=np.uint64)
    codes = []
    for band in range(bands):
        # One plain sort of (key << 32 | row): equal keys end up in row order, and a sort of
        # uint64 is several times faster than an argsort.
        packed = keys[:, band].astype(np.uint64) << np.uint64(32) | rows
        packed.sort()
        ordered = packed >> np.uint64(32)
        order = (packed & np.uint64(0xFFFFFFFF)).astype(np.int64)
        del packed
        starts = np.concatenate([[True], ordered[1:] != ordered[:-1]])
        group = np.cumsum(starts) - 1
        sizes = np.bincount(group)
        size_of = sizes[group]
        multi = np.flatnonzero(size_of > 1)
        if len(multi) == 0:
            continue
        first_of_group = np.flatnonzero(starts)
        rank = multi - first_of_group[group[multi]]
        span = size_of[multi]
        for d in range(1, min(int(span.max()), max_bucket + 1)):
            ok = rank + d < span
            if not ok.any():
                break
            multi, rank, span = multi[ok], rank[ok], span[ok]
            left, right = order[multi], order[multi + d]
            codes.append(np.minimum(left, right).astype(np.uint64) << np.uint64(32) | np.maximum(left, right).astype(np.uint64))
    if not codes:
        return np.zeros((0, 2), dtype=np.int64)
    unique = sorted_unique(np.concatenate(codes))
    return np.stack([(unique >> np.uint64(32)).astype(np.int64), (unique & np.uint64(0xFFFFFFFF)).astype(np.int64)], axis=1)
