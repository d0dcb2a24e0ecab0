"""Candidates for containment: a short text whose shingles sit inside a longer one.

MinHash LSH finds pairs of high Jaccard similarity, and a three-sentence
paragraph inside a thirty-sentence one has a Jaccard of 0.1 however exact the
copy. Containment is found instead with *anchors*: the shingles whose hash
falls in a fixed 1-in-``sample`` slice of the hash space (content-defined, as in
document fingerprinting). If A's shingles are all in B, A's anchors are all
among B's anchors, so pairs that share anchors are the candidates, and each is
then verified exactly (:mod:`.verify`). An anchor shared by more than
``max_postings`` texts is a stock phrase and is ignored.

A text with fewer than ``min_anchors`` anchors cannot be matched this way: the
bound is stated in README ("Deduplication"): with ``sample=4`` a text of ``n``
shingles has about ``n/4`` anchors.
"""

from __future__ import annotations

import numpy as np

_ANCHOR_SHIFT = np.uint64(36)  # anchor choice uses high bits; MinHash uses the low 32


def anchor_mask(hashes: np.ndarray, *, sample: int) -> np.ndarray:
    """Which shingles are anchors."""
    return (hashes >> _ANCHOR_SHIFT) % np.uint64(sample) == 0


def containment_candidates(
    hashes: np.ndarray,
    offsets: np.ndarray,
    active: np.ndarray,
    *,
    sample: int = 2,
    min_anchors: int = 1,
    min_share: float = 0.5,
    min_share_all: float = 0.0,
    max_postings: int = 16,
) -> np.ndarray:
    """``(small, large)`` pairs (``|small| < |large|``) of ``active`` texts sharing enough anchors.

    ``small`` shares at least ``min_anchors`` anchors, and ``min_share`` of its own
    anchors, with ``large``.
    """
    n = len(offsets) - 1
    sizes = np.diff(offsets)
    mask = anchor_mask(hashes, sample=sample)
    # Owners of the anchors without materialising a per-shingle owner array.
    nonempty = np.flatnonzero(sizes > 0)
    per_item = np.zeros(n, dtype=np.int64)
    if len(nonempty):
        per_item[nonempty] = np.add.reduceat(mask.astype(np.int32), offsets[nonempty])
    anchors = hashes[mask]
    del mask
    owners = np.repeat(np.arange(n, dtype=np.int32), per_item)
    keep = active[owners]
    anchors, owners = anchors[keep], owners[keep]
    order = np.argsort(anchors, kind="stable")
    anchors, owners = anchors[order], owners[order]
    del order
    if len(anchors) < 2:
        return np.zeros((0, 2), dtype=np.int64)
    starts = np.concatenate([[True], anchors[1:] != anchors[:-1]])
    del anchors
    group = np.cumsum(starts) - 1
    size_of = np.bincount(group)[group]
    # Anchors shared by more than max_postings texts are stock phrases: they would cost
    # pairs quadratically and say little. A text's share is counted over its usable anchors.
    usable = size_of <= max_postings
    all_per_item = np.bincount(owners, minlength=n)
    anchors_per_item = np.bincount(owners[usable], minlength=n)
    positions = np.flatnonzero((size_of > 1) & usable)
    del usable
    if len(positions) == 0:
        return np.zeros((0, 2), dtype=np.int64)
    first = np.flatnonzero(starts)
    rank = positions - first[group[positions]]
    span = size_of[positions]
    del group, size_of, first, starts
    codes = []
    for d in range(1, int(span.max())):
        ok = rank + d < span
        positions, rank, span = positions[ok], rank[ok], span[ok]
        a, b = owners[positions].astype(np.int64), owners[positions + d].astype(np.int64)
        # Orient each pair (smaller set, larger set); ties by input order.
        swap = (sizes[a] > sizes[b]) | ((sizes[a] == sizes[b]) & (a > b))
        small, large = np.where(swap, b, a), np.where(swap, a, b)
        codes.append(small.astype(np.uint64) << np.uint64(32) | large.astype(np.uint64))
    unique, shared = np.unique(np.concatenate(codes), return_counts=True)
    small = (unique >> np.uint64(32)).astype(np.int64)
    large = (unique & np.uint64(0xFFFFFFFF)).astype(np.int64)
    good = (
        (small != large)
        & (sizes[small] < sizes[large])
        & (shared >= min_anchors)
        & (shared >= min_share * anchors_per_item[small])
        & (shared >= min_share_all * all_per_item[small])
    )
    return np.stack([small[good], large[good]], axis=1)
