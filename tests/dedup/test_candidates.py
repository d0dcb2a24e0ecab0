"""Candidate generation (LSH buckets, containment anchors) against plain reference code."""

from __future__ import annotations

from itertools import combinations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from dxclean.dedup.containment import anchor_mask, containment_candidates
from dxclean.dedup.lsh import candidate_pairs, sorted_unique

MASK48 = np.uint64((1 << 48) - 1)


def hash_sets(rng: np.random.Generator, n: int, vocabulary: int) -> tuple[np.ndarray, np.ndarray]:
    """``n`` random shingle sets drawn from a small vocabulary (so that many overlap),
    some of them subsets of others; 48-bit hashes like the shingler's."""
    words = (rng.integers(1, 2**62, vocabulary, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)) & MASK48
    sets = []
    for i in range(n):
        if i and rng.random() < 0.3:  # a part of an earlier set, give or take a shingle
            base = sets[rng.integers(len(sets))]
            part = base[rng.random(len(base)) < 0.8]
            sets.append(np.unique(np.concatenate([part, words[rng.integers(vocabulary, size=rng.integers(0, 2))]])))
        else:
            sets.append(np.unique(words[rng.integers(vocabulary, size=rng.integers(0, 40))]))
    offsets = np.concatenate([[0], np.cumsum([len(s) for s in sets])]).astype(np.int64)
    return np.concatenate(sets).astype(np.uint64), offsets


@given(st.lists(st.integers(0, 2**64 - 1), max_size=200))
def test_sorted_unique_is_numpy_unique(values):
    array = np.array(values, dtype=np.uint64)
    expected, counts = np.unique(array, return_counts=True)
    got, got_counts = sorted_unique(array, counts=True)
    assert np.array_equal(got, expected) and np.array_equal(got_counts, counts)
    assert np.array_equal(sorted_unique(array), expected)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 300), st.integers(1, 6), st.integers(2, 20))
def test_lsh_pairs_are_all_pairs_sharing_a_bucket(seed, n, bands, max_bucket):
    keys = np.random.default_rng(seed).integers(0, 8, (n, bands), dtype=np.uint32)
    expected = set()
    for band in range(bands):
        members: dict[int, list[int]] = {}
        for row in range(n):
            members.setdefault(int(keys[row, band]), []).append(row)
        for rows in members.values():  # rows in input order: pairs at most max_bucket apart
            expected |= {(rows[i], rows[j]) for i, j in combinations(range(len(rows)), 2) if j - i <= max_bucket}
    got = candidate_pairs(keys, max_bucket=max_bucket)
    assert [tuple(p) for p in got.tolist()] == sorted(expected)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_anchor_mask_filter_keeps_every_pair_whose_anchor_share_passes(seed):
    """The 256-bit anchor masks only drop pairs in which more than half of the small
    text's anchors (stock phrases included) are surely missing from the large one."""
    rng = np.random.default_rng(seed)
    hashes, offsets = hash_sets(rng, 120, 150)
    active = rng.random(120) < 0.9
    loose = containment_candidates(hashes, offsets, active, max_postings=6, min_share_all=0.0)
    strict = containment_candidates(hashes, offsets, active, max_postings=6, min_share_all=0.5)
    loose_set, strict_set = {tuple(p) for p in loose.tolist()}, {tuple(p) for p in strict.tolist()}
    assert strict_set <= loose_set
    anchors = [set(hashes[offsets[i] : offsets[i + 1]][anchor_mask(hashes[offsets[i] : offsets[i + 1]], sample=2)].tolist())
               for i in range(120)]
    for small, large in loose_set:
        assert active[small] and active[large]
        assert offsets[small + 1] - offsets[small] < offsets[large + 1] - offsets[large]
        share = len(anchors[small] & anchors[large]) / len(anchors[small])
        if share >= 0.5:
            assert (small, large) in strict_set


def test_containment_candidates_find_a_copy_among_stock_phrases():
    """A short text inside a long one is a candidate even when most of its anchors are
    stock phrases shared by many texts; texts made of other stock phrases plus one
    shingle of the long text are not (their single usable anchor passes ``min_share``,
    but the anchor masks show most of their anchors missing from the long text)."""
    rng = np.random.default_rng(3)
    new = lambda k, mul: (rng.integers(1, 2**62, k, dtype=np.uint64) * np.uint64(mul)) & MASK48  # noqa: E731
    stock, stock2, own = new(30, 0x9E3779B97F4A7C15), new(60, 0x94D049BB133111EB), new(600, 0xBF58476D1CE4E5B9)
    long_text = np.unique(np.concatenate([stock, own[:200]]))
    short_text = np.unique(np.concatenate([stock[:20], own[50:53]]))
    fillers = [np.unique(np.concatenate([stock[:20], own[300 + 10 * k : 310 + 10 * k]])) for k in range(20)]
    hooks = [h for h in own[100:200] if anchor_mask(np.array([h]), sample=2)[0]][:20]
    decoys = [np.unique(np.concatenate([stock2, [h]])) for h in hooks]
    sets = [long_text, short_text, *fillers, *decoys]
    offsets = np.concatenate([[0], np.cumsum([len(s) for s in sets])]).astype(np.int64)
    hashes, active = np.concatenate(sets).astype(np.uint64), np.ones(len(sets), bool)
    decoy_ids = set(range(2 + len(fillers), len(sets)))
    loose = {tuple(p) for p in containment_candidates(hashes, offsets, active, min_share_all=0.0).tolist()}
    pairs = {tuple(p) for p in containment_candidates(hashes, offsets, active).tolist()}
    assert len(hooks) == 20 and {(d, 0) for d in decoy_ids} <= loose  # what min_share alone lets through
    assert (1, 0) in pairs
    assert not {(d, 0) for d in decoy_ids} & pairs
