"""Sketches -> verified edges: near-duplicate pairs and containment pairs.

1. Texts with fewer than ``min_words`` words (or no shingle) take no part:
   short lines ("Ảnh: VGP", "Xem thêm") would otherwise all collapse together.
2. Texts with identical shingle sets are collapsed first (a fingerprint of the
   set; each copy is joined to the first one by an edge, verified like any
   other), so boilerplate repeated thousands of times costs nothing in LSH.
3. LSH band collisions among the remaining texts give candidate pairs.
4. Anchors give containment candidates (:mod:`.containment`).
5. Every candidate is verified on the exact shingle sets (:mod:`.verify`):
   a pair is a *near-duplicate* edge if its Jaccard is >= ``threshold``; a
   smaller text is *contained in* a larger one if at least ``containment`` of
   its shingles are in it (and the pair is not already a near-duplicate).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .containment import containment_candidates
from .lsh import candidate_pairs
from .shingles import _mix64
from .sketch import Sketches
from .spill import drop_resident
from .verify import containment, intersections, jaccard

NEAR = 0
CONTAINED = 1
RELATIONS = ("near-duplicate", "contained-in")
_EPS = 1e-9  # 4/5 computed in floats must still pass a 0.8 threshold


@dataclass
class Edges:
    """Verified pairs. For ``CONTAINED`` edges ``pairs[k, 0]`` is inside ``pairs[k, 1]``;
    for ``NEAR`` edges ``pairs[k, 0] < pairs[k, 1]`` (input order)."""

    pairs: np.ndarray  # int64 (m, 2)
    similarity: np.ndarray  # float64 (m,): Jaccard, or containment for CONTAINED
    relation: np.ndarray  # uint8 (m,)
    candidates: int = 0  # LSH + anchor candidates verified (for stats)

    def __len__(self) -> int:
        return len(self.pairs)

    def of(self, relation: int) -> Edges:
        keep = self.relation == relation
        return Edges(self.pairs[keep], self.similarity[keep], self.relation[keep])

    @classmethod
    def empty(cls) -> Edges:
        return cls(np.zeros((0, 2), np.int64), np.zeros(0), np.zeros(0, np.uint8))

    @classmethod
    def concat(cls, parts: list[Edges]) -> Edges:
        parts = [p for p in parts if len(p)]
        if not parts:
            return cls.empty()
        return cls(
            np.concatenate([p.pairs for p in parts]),
            np.concatenate([p.similarity for p in parts]),
            np.concatenate([p.relation for p in parts]),
            sum(p.candidates for p in parts),
        )


def eligible_items(sk: Sketches, *, min_words: int) -> np.ndarray:
    """Boolean mask of texts long enough to take part."""
    return (sk.words >= min_words) & (sk.sizes > 0)


def exact_groups(sk: Sketches, items: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(representatives, copy_pairs)``: first item of each identical-set group, and
    ``(representative, copy)`` pairs for the others."""
    if len(items) == 0:
        return items, np.zeros((0, 2), np.int64)
    sizes = sk.sizes[items].astype(np.uint64)
    # Sum of the (already mixed) shingle hashes and the set size: equal sets give equal
    # fingerprints; a collision of unequal sets only keeps one of them out of LSH (2**-64).
    # Non-empty sets lie back to back in `hashes`, so one reduceat over their starts sums
    # each exactly (items are all non-empty).
    nonempty = np.flatnonzero(sk.sizes > 0)
    sums = _set_sums(sk.hashes, sk.offsets[nonempty])[np.searchsorted(nonempty, items)]
    fingerprint = _mix64(sums ^ (sizes * np.uint64(0x9E3779B97F4A7C15)))
    order = np.argsort(fingerprint, kind="stable")
    ordered = fingerprint[order]
    starts = np.concatenate([[True], ordered[1:] != ordered[:-1]])
    group = np.cumsum(starts) - 1
    first = order[np.flatnonzero(starts)][group]  # the first item (input order) of each item's group
    reps = items[np.sort(order[starts])]
    copies = ~starts
    return reps, np.stack([items[first[copies]], items[order[copies]]], axis=1)


_SUM_SLICE = 1 << 20  # hashes summed per slice


def _set_sums(hashes: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """``np.add.reduceat(hashes, starts)`` (``starts``: increasing starts of back-to-back
    sets, the last running to the end), slice by slice of whole sets: the same sums, and
    hashes mapped from disk are read once and not kept resident."""
    sums = np.zeros(len(starts), np.uint64)
    lo = 0
    while lo < len(starts):
        hi = max(lo + 1, int(np.searchsorted(starts, starts[lo] + _SUM_SLICE, side="left")))
        end = starts[hi] if hi < len(starts) else len(hashes)
        sums[lo:hi] = np.add.reduceat(hashes[starts[lo]:end], starts[lo:hi] - starts[lo])
        drop_resident(hashes)
        lo = hi
    return sums


def verify_near(sk: Sketches, pairs: np.ndarray, *, threshold: float) -> Edges:
    """Keep the pairs whose exact Jaccard is at least ``threshold``."""
    if len(pairs) == 0:
        return Edges.empty()
    return near_edges(pairs, *intersections(sk.hashes, sk.offsets, pairs), threshold=threshold)


def near_edges(pairs: np.ndarray, inter: np.ndarray, size_a: np.ndarray, size_b: np.ndarray, *, threshold: float) -> Edges:
    """:func:`verify_near` from the pairs' intersection counts (however they were counted)."""
    pairs = np.asarray(pairs, np.int64).reshape(-1, 2)
    sim = jaccard(inter, size_a, size_b)
    keep = sim >= threshold - _EPS
    ordered = np.sort(pairs[keep], axis=1)
    return Edges(ordered, sim[keep], np.full(int(keep.sum()), NEAR, np.uint8), len(pairs))


def contained_edges(pairs: np.ndarray, inter: np.ndarray, size_a: np.ndarray, size_b: np.ndarray, *,
                    threshold: float, containment_threshold: float) -> Edges:
    """Edges for ``(small, large)`` pairs: containment, or near-duplicate if Jaccard passes."""
    pairs = np.asarray(pairs, np.int64).reshape(-1, 2)
    jac = jaccard(inter, size_a, size_b)
    cont = containment(inter, size_a)
    near = jac >= threshold - _EPS
    inside = ~near & (cont >= containment_threshold - _EPS)
    near_part = Edges(np.sort(pairs[near], axis=1), jac[near], np.full(int(near.sum()), NEAR, np.uint8))
    inside_part = Edges(pairs[inside], cont[inside], np.full(int(inside.sum()), CONTAINED, np.uint8))
    out = Edges.concat([near_part, inside_part])
    out.candidates = len(pairs)
    return out


def find_edges(sk: Sketches, config) -> Edges:
    """All verified edges among the texts of ``sk`` (``config`` is a ``DedupConfig``)."""
    eligible = eligible_items(sk, min_words=config.min_words)
    reps, copies = exact_groups(sk, np.flatnonzero(eligible))
    lsh = candidate_pairs(sk.keys[reps], max_bucket=config.max_bucket)
    near = np.concatenate([reps[lsh].reshape(-1, 2), copies])
    contained = np.zeros((0, 2), np.int64)
    if config.containment > 0 and len(reps):
        active = np.zeros(len(sk), bool)
        active[reps] = True  # exact copies add nothing: their representative stands for them
        contained = containment_candidates(
            sk.hashes, sk.offsets, active, sample=config.anchor_sample, max_postings=config.anchor_max_postings
        )
    return edges_of_candidates(near, contained, lambda pairs: intersections(sk.hashes, sk.offsets, pairs), config=config)


def edges_of_candidates(near: np.ndarray, contained: np.ndarray, count, *, config) -> Edges:
    """Verified, de-duplicated edges of near-duplicate and containment candidates;
    ``count(pairs)`` gives ``(|A & B|, |A|, |B|)`` (in memory, or on Ray)."""
    parts = [near_edges(near, *count(near), threshold=config.threshold)] if len(near) else []
    if len(contained):
        parts.append(contained_edges(contained, *count(contained), threshold=config.threshold,
                                     containment_threshold=config.containment))
    edges = Edges.concat(parts)
    edges.candidates = len(near) + len(contained)
    return dedupe_edges(edges)


def dedupe_edges(edges: Edges) -> Edges:
    """One edge per ``(pair, relation)``; sorted, so the result is deterministic."""
    if len(edges) == 0:
        return edges
    order = np.lexsort((edges.pairs[:, 1], edges.pairs[:, 0], edges.relation))
    pairs, sim, rel = edges.pairs[order], edges.similarity[order], edges.relation[order]
    keep = np.concatenate([[True], (np.diff(pairs, axis=0) != 0).any(axis=1) | (np.diff(rel) != 0)])
    return Edges(pairs[keep], sim[keep], rel[keep], edges.candidates)
