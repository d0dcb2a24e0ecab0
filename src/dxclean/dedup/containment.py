"""Candidates for containment: a short text whose shingles sit inside a longer one.

MinHash LSH finds pairs of high Jaccard similarity, and a three-sentence
paragraph inside a thirty-sentence one has a Jaccard of 0.1 however exact the
copy. Containment is found instead with *anchors*: the shingles whose hash
falls in a fixed 1-in-``sample`` slice of the hash space (content-defined, as in
document fingerprinting). If A's shingles are all in B, A's anchors are all
among B's anchors, so pairs that share anchors are the candidates, and each is
then verified exactly (:mod:`.verify`). An anchor shared by more than
``max_postings`` texts is a stock phrase and yields no pairs.

Stock phrases make a second filter necessary: as a corpus grows, more of a short
text's anchors become stock phrases, and a text left with one usable anchor
passes ``min_share`` with any text sharing it (most candidates were such pairs,
and their number grew twice as fast as the corpus). So every text also gets a
256-bit mask of *all* its anchors (stock phrases included), and a pair is kept
only if at most ``1 - min_share_all`` of the small text's anchors can be missing
from the large one: a bit of the small mask absent from the large mask is an
anchor that is surely missing, so the test never rejects a pair whose true share
of all anchors passes.

A text with fewer than ``min_anchors`` anchors cannot be matched this way: the
bound is stated in README ("Deduplication"): with ``sample=2`` a text of ``n``
shingles has about ``n/2`` anchors.

>>> hashes = np.arange(1, 400, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7)
>>> hashes &= np.uint64((1 << 48) - 1)
>>> big = np.sort(hashes[:300]); small = np.sort(hashes[100:140]); other = np.sort(hashes[300:399])
>>> sets = [big, small, other]
>>> offsets = np.concatenate([[0], np.cumsum([len(s) for s in sets])])
>>> containment_candidates(np.concatenate(sets), offsets, np.ones(3, bool)).tolist()
[[1, 0]]
"""

from __future__ import annotations

import numpy as np

from .lsh import sorted_unique
from .spill import drop_resident

_ANCHOR_SHIFT = np.uint64(36)  # anchor choice uses high bits; MinHash uses the low 32
_MASK_WORDS = 4  # 256-bit mask of a text's anchors
_MASK_SHIFT = np.uint64(24)  # mask bit = 8 hash bits away from those choosing anchors
_HASH_BITS = 48
_CHUNK = 1 << 18  # shingles per pass: temporaries stay small enough to be reused, not re-faulted


def anchor_mask(hashes: np.ndarray, *, sample: int) -> np.ndarray:
    """Which shingles are anchors."""
    if sample & (sample - 1) == 0:  # a power of two: a bit test, no 64-bit division
        return (hashes >> _ANCHOR_SHIFT) & np.uint64(sample - 1) == 0
    return (hashes >> _ANCHOR_SHIFT) % np.uint64(sample) == 0


def _owner_bits(n: int) -> int:
    return max(1, (n - 1).bit_length())


def anchor_drop(n: int) -> int:
    """Low anchor bits given up for owner numbers among ``n`` texts (see :func:`anchor_codes`);
    anchors are grouped by ``anchor >> anchor_drop(n)`` (the Ray engine does the same)."""
    return max(0, _HASH_BITS + _owner_bits(n) - 64)


def anchor_codes(hashes: np.ndarray, offsets: np.ndarray, active: np.ndarray, *, sample: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(codes, per_item, masks)`` of the anchors of the ``active`` texts: one uint64
    ``anchor << owner_bits | owner`` per anchor (so that one sort groups them by anchor,
    owners in input order), how many anchors each text has (0 if inactive), and each
    text's 256-bit anchor mask (:func:`anchor_masks`).

    With more than 2**16 texts the lowest anchor bits make room for the owner: two
    anchors then merge with probability ~ 2**-(64 - owner_bits), which only adds a
    candidate (verified) or, vanishingly rarely, makes a group look like a stock phrase.

    Done over chunks of about ``_CHUNK`` shingles: whole-corpus temporaries are fresh
    memory each time (page faults cost more than the arithmetic), so one pass over all
    shingles took 10x longer per shingle at 400,000 texts than at 40,000.
    """
    n = len(offsets) - 1
    if n >= 1 << 32:
        raise ValueError(f"containment_candidates: {n} texts exceed the 32-bit text numbers")
    bits = _owner_bits(n)
    drop = np.uint64(anchor_drop(n))
    per_item = np.zeros(n, dtype=np.int64)
    masks = np.zeros((n, _MASK_WORDS), dtype=np.uint64)
    # Filled in place (no list of parts to concatenate: that held every code twice). Anchors
    # are 1 in `sample` shingles by hash, so this rarely grows.
    codes = np.empty(len(hashes) // max(1, sample) + len(hashes) // 32 + 1024, np.uint64)
    used = 0
    lo = 0
    while lo < n:
        hi = min(n, max(lo + 1, int(np.searchsorted(offsets, offsets[lo] + _CHUNK, side="right")) - 1))
        base = offsets[lo]
        chunk = hashes[base : offsets[hi]]
        keep = anchor_mask(chunk, sample=sample)
        keep &= np.repeat(active[lo:hi], np.diff(offsets[lo : hi + 1]))
        running = np.concatenate([[0], np.cumsum(keep)])
        counts = running[offsets[lo + 1 : hi + 1] - base] - running[offsets[lo:hi] - base]
        per_item[lo:hi] = counts
        anchors = chunk[keep]
        drop_resident(hashes)  # hashes mapped from disk (dedup/spill.py): not kept resident
        masks[lo:hi] = anchor_masks(anchors, counts)
        owners = np.repeat(np.arange(lo, hi, dtype=np.uint64), counts)
        if used + len(anchors) > len(codes):
            codes = np.concatenate([codes[:used], np.empty(max(len(codes), len(anchors)), np.uint64)])
        codes[used : used + len(anchors)] = (anchors >> drop) << np.uint64(bits) | owners
        used += len(anchors)
        lo = hi
    return codes[:used], per_item, masks


def _popcount(words: np.ndarray) -> np.ndarray:
    """Set bits of each uint64 (numpy < 2 has no ``bitwise_count``)."""
    if hasattr(np, "bitwise_count"):
        return np.bitwise_count(words)
    table = np.array([bin(i).count("1") for i in range(256)], dtype=np.uint8)
    return table[words.view(np.uint8)].reshape(*words.shape, 8).sum(axis=-1)


def anchor_masks(anchors: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """``(n, 4)`` uint64: a 256-bit mask per text of its anchors (``anchors`` grouped by
    text, ``counts[i]`` of them for text ``i``)."""
    n = len(counts)
    masks = np.zeros((n, _MASK_WORDS), dtype=np.uint64)
    has = np.flatnonzero(counts > 0)
    if len(has) == 0:
        return masks
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])[has]
    position = (anchors >> _MASK_SHIFT) & np.uint64(8 * 8 * _MASK_WORDS - 1)
    word, bit = position >> np.uint64(6), np.uint64(1) << (position & np.uint64(63))
    for w in range(_MASK_WORDS):  # one OR-reduction per word: linear, no ufunc.at
        masks[has, w] = np.bitwise_or.reduceat(np.where(word == w, bit, np.uint64(0)), starts)
    return masks


def passes_anchor_masks(small_masks: np.ndarray, large_masks: np.ndarray, small_anchors: np.ndarray, *,
                        min_share_all: float) -> np.ndarray:
    """For ``(small, large)`` pairs given by their :func:`anchor_masks` rows and the small
    texts' anchor counts: whether at most ``1 - min_share_all`` of the small text's anchors
    can be missing from the large one (each small-mask bit absent from the large mask is
    at least one anchor surely missing)."""
    missing = _popcount(small_masks & ~large_masks).sum(axis=1)
    return missing <= (1.0 - min_share_all) * small_anchors + 1e-9


#: Sorted anchor codes handled at a time (whole anchor groups): bounds the working memory of
#: the pairing (about 40 bytes per code) instead of paying it for every anchor of the corpus.
_SLICE = 1 << 20


def _group_slices(codes: np.ndarray, bits: np.uint64) -> list[tuple[int, int]]:
    """Consecutive ``(lo, hi)`` ranges of sorted ``codes`` of about ``_SLICE`` codes, each
    ending at the end of an anchor group (anchor = ``code >> bits``)."""
    slices, lo, top = [], 0, (1 << (64 - int(bits))) - 1
    while lo < len(codes):
        hi = min(lo + _SLICE, len(codes))
        if hi < len(codes):
            anchor = int(codes[hi - 1]) >> int(bits)
            hi = len(codes) if anchor == top else int(np.searchsorted(codes, np.uint64((anchor + 1) << int(bits))))
        slices.append((lo, hi))
        lo = hi
    return slices


def _slice_pairs(codes: np.ndarray, bits: np.uint64, sizes: np.ndarray, max_postings: int,
                 anchors_per_item: np.ndarray, out: list) -> None:
    """Pairs of texts sharing an anchor in ``codes`` (sorted, whole groups): appends the
    sorted distinct ``small << 32 | large`` codes and how many anchors each pair shares
    here to ``out``, and adds each text's usable anchors to ``anchors_per_item``."""
    key = codes >> bits
    starts = np.concatenate([[True], key[1:] != key[:-1]])
    del key
    owners = (codes & ((np.uint64(1) << bits) - np.uint64(1))).astype(np.int64)
    group = np.cumsum(starts) - 1
    size_of = np.bincount(group)[group]
    # Anchors shared by more than max_postings texts are stock phrases: they would cost
    # pairs quadratically and say little. A text's share is counted over its usable anchors.
    usable = size_of <= max_postings
    anchors_per_item += np.bincount(owners[usable], minlength=len(anchors_per_item))
    positions = np.flatnonzero((size_of > 1) & usable)
    del usable
    if len(positions) == 0:
        return
    first = np.flatnonzero(starts)
    rank = positions - first[group[positions]]
    span = size_of[positions]
    del group, size_of, first, starts
    found = []
    for d in range(1, int(span.max())):
        ok = rank + d < span
        positions, rank, span = positions[ok], rank[ok], span[ok]
        a, b = owners[positions], owners[positions + d]
        # Orient each pair (smaller set, larger set); ties by input order.
        swap = (sizes[a] > sizes[b]) | ((sizes[a] == sizes[b]) & (a > b))
        small, large = np.where(swap, b, a), np.where(swap, a, b)
        found.append(small.astype(np.uint64) << np.uint64(32) | large.astype(np.uint64))
    # a pair of near-copies shares hundreds of anchors: counted here, kept once per slice
    out.append(sorted_unique(np.concatenate(found), counts=True))


def _code_ranges(parts: list[tuple[np.ndarray, np.ndarray]]):
    """The slices' sorted ``(codes, counts)`` cut at common code values into ranges of about
    ``_SLICE`` codes in all: each range's pieces hold every occurrence of their codes."""
    total = sum(len(c) for c, _ in parts)
    biggest = max((c for c, _ in parts), key=len)
    steps = max(1, -(-total // _SLICE))
    cuts = np.unique(biggest[np.linspace(0, len(biggest), steps + 1).astype(np.int64)[1:-1]]) if steps > 1 else []
    bounds = [np.concatenate([[0], np.searchsorted(c, cuts), [len(c)]]).astype(np.int64) for c, _ in parts]
    for r in range(len(cuts) + 1):
        yield [(c[b[r]:b[r + 1]], n[b[r]:b[r + 1]]) for (c, n), b in zip(parts, bounds)]


def _merge_counts(parts: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct codes of the slices' ``(codes, counts)`` and their summed counts."""
    parts = [p for p in parts if len(p[0])]
    if len(parts) <= 1:
        return parts[0] if parts else (np.zeros(0, np.uint64), np.zeros(0, np.int64))
    codes = np.concatenate([c for c, _ in parts])
    counts = np.concatenate([n for _, n in parts])
    order = np.argsort(codes, kind="stable")
    codes, counts = codes[order], counts[order]
    starts = np.flatnonzero(np.concatenate([[True], codes[1:] != codes[:-1]]))
    return codes[starts], np.add.reduceat(counts, starts)


def containment_candidates(
    hashes: np.ndarray,
    offsets: np.ndarray,
    active: np.ndarray,
    *,
    sample: int = 2,
    min_anchors: int = 1,
    min_share: float = 0.5,
    min_share_all: float = 0.5,
    max_postings: int = 16,
) -> np.ndarray:
    """``(small, large)`` pairs (``|small| < |large|``) of ``active`` texts sharing enough anchors.

    ``small`` shares at least ``min_anchors`` anchors, and ``min_share`` of its usable
    (not stock-phrase) anchors, with ``large``; and at most ``1 - min_share_all`` of all
    its anchors are surely absent from ``large`` (by the anchor masks).
    """
    n = len(offsets) - 1
    sizes = np.diff(offsets)
    codes, per_item, masks = anchor_codes(hashes, offsets, np.asarray(active, bool), sample=sample)
    if len(codes) < 2:
        return np.zeros((0, 2), dtype=np.int64)
    codes.sort()  # by anchor, then owner: a plain sort of uint64 is several times faster than an argsort
    bits = np.uint64(_owner_bits(n))
    anchors_per_item = np.zeros(n, dtype=np.int64)
    pair_codes: list[tuple[np.ndarray, np.ndarray]] = []
    for lo, hi in _group_slices(codes, bits):  # whole anchor groups: the temporaries stay slice-sized
        _slice_pairs(codes[lo:hi], bits, sizes, max_postings, anchors_per_item, pair_codes)
    del codes
    if not pair_codes:
        return np.zeros((0, 2), dtype=np.int64)
    kept = []
    for part in _code_ranges(pair_codes):  # the slices' counts summed range by range, filtered at once
        unique, shared = _merge_counts(part)
        small = (unique >> np.uint64(32)).astype(np.int64)
        large = (unique & np.uint64(0xFFFFFFFF)).astype(np.int64)
        good = (
            (small != large)
            & (sizes[small] < sizes[large])
            & (shared >= min_anchors)
            & (shared >= min_share * anchors_per_item[small])
        )
        small, large = small[good], large[good]
        good = passes_anchor_masks(masks[small], masks[large], per_item[small], min_share_all=min_share_all)
        kept.append(np.stack([small[good], large[good]], axis=1))
    del pair_codes
    return np.concatenate(kept)
