"""The corpus as :mod:`.decide` sees it: verified edges, and facts about the items in them.

Decisions need only the verified edges and a few facts about their endpoints
(document, block position, word count), plus an occasional exact check of a
pair that is not an edge. :class:`EdgeSource` is that interface; the local
engine implements it here over the whole corpus in memory (:class:`LocalSource`),
the Ray engine over sketches that stay in Ray's object store
(:mod:`dxclean.executors.ray_dedup`). Both give the same edges for the same
input, so the decisions, and the output, are the same.

Item ids are integers in input order: persistent-index paragraphs first, then
this run's body paragraphs document by document. They need not be dense (Ray
numbers paragraph ``j`` of document ``slot`` as ``slot << 32 | j``); only their
order matters. Document slots are likewise ordered, index documents first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from .edges import NEAR, Edges, find_edges, verify_near
from .index import Segment
from .lsh import candidate_pairs, sorted_unique
from .observed import ObservedSketches
from .sketch import Sketches
from .verify import intersections, jaccard


@dataclass
class ItemFacts:
    """Facts about some items, aligned with the ``ids`` they were asked for."""

    ids: np.ndarray  # int64, sorted
    slot: np.ndarray  # int64: document slot
    position: np.ndarray  # int64: block position in its document
    words: np.ndarray  # int64


class EdgeSource(Protocol):
    first_item: int  # ids below come from the persistent index
    first_doc: int  # slots below come from the persistent index
    indexed_items: int  # how many paragraphs the persistent index holds

    def edges(self) -> Edges: ...  # every verified paragraph edge (see edges.find_edges)

    def doc_edges(self) -> Edges: ...  # verified near-duplicate document pairs (slots)

    def verify_near(self, pairs: np.ndarray) -> Edges: ...  # exact check of arbitrary pairs

    def jaccard(self, pairs: np.ndarray) -> np.ndarray: ...

    def facts(self, ids: np.ndarray) -> ItemFacts: ...

    def doc_ids(self, slots: list[int]) -> dict[int, str]: ...

    def doc_index(self, slot: int) -> int | None: ...  # the executor's document index (None: indexed)

    def items_of_docs(self, slots: list[int]) -> dict[int, ItemFacts]: ...


class LocalSource:
    """All sketches in memory (persistent index first): the local engine's :class:`EdgeSource`."""

    def __init__(self, observations, config, index=None) -> None:
        """``observations``: an :class:`~.observed.ObservedSketches`, or ``[(index, DocSketch)]``."""
        bands = config.bands
        self.config = config
        if not isinstance(observations, ObservedSketches):
            observations = ObservedSketches.of(observations, bands=bands)
        self.segment = Segment(  # this run's sketches, appended to --index after the run
            observations.sketches,
            np.repeat(np.arange(len(observations), dtype=np.int32), observations.counts),
            observations.positions,
            observations.doc_ids,
            observations.doc_keys,
        )
        old = index.load_for(self.segment) if index is not None else None  # never this run's own segment
        parts = [old, self.segment] if old is not None else [self.segment]
        n_old_docs = len(old.doc_ids) if old is not None else 0
        # one part: its arrays as they are (the same values a concatenation would copy)
        self.sk = Sketches.concat([p.sketches for p in parts], bands=bands) if old is not None else self.segment.sketches
        self.item_doc = np.concatenate(
            [parts[0].item_doc] + ([self.segment.item_doc + n_old_docs] if old is not None else [])).astype(np.int64)
        self.positions = np.concatenate([p.positions for p in parts]).astype(np.int64)
        self._doc_ids = [d for p in parts for d in p.doc_ids]
        self.doc_keys = np.concatenate([p.doc_keys for p in parts])
        self._doc_index: list[int | None] = [None] * n_old_docs + observations.indexes.tolist()
        self.first_item = self.indexed_items = len(old.positions) if old is not None else 0
        self.first_doc = n_old_docs

    def edges(self) -> Edges:
        return find_edges(self.sk, self.config)

    def doc_edges(self) -> Edges:
        """Verified near-duplicate edges between whole documents (bodies as one shingle set)."""
        words = np.bincount(self.item_doc, weights=self.sk.words, minlength=len(self._doc_ids))
        eligible = np.flatnonzero(words >= self.config.min_words)
        local = candidate_pairs(self.doc_keys[eligible], max_bucket=self.config.max_bucket)
        pairs = eligible[local].reshape(-1, 2)
        pairs = pairs[pairs[:, 1] >= self.first_doc]
        if len(pairs) == 0:
            return Edges.empty()
        involved = sorted_unique(pairs.ravel())
        starts = self.sk.offsets[self._item_ranges(involved)]  # a body's shingles lie together
        sets, copy_of = _distinct_sets(self.sk.hashes, starts)
        doc_sk = Sketches(np.concatenate(sets), np.concatenate([[0], np.cumsum([len(s) for s in sets])]),
                          np.zeros(len(sets), np.int32), np.zeros((len(sets), 0), np.uint64))
        # Exact copies are collapsed before any pairwise work: a pair of copies has Jaccard 1
        # without counting, and each pair of distinct bodies is verified once, however many
        # copies of them the candidates join (20,000 copies of one record: 1.3 M candidate
        # pairs, 0 to count). The edges are the same as verifying every candidate.
        local = copy_of[np.searchsorted(involved, pairs)]
        local.sort(axis=1)
        same = local[:, 0] == local[:, 1]
        codes = local[:, 0] * len(sets) + local[:, 1]
        distinct = sorted_unique(codes[~same])
        found = verify_near(doc_sk, np.stack([distinct // len(sets), distinct % len(sets)], axis=1),
                            threshold=self.config.threshold)
        found_codes = found.pairs[:, 0] * len(sets) + found.pairs[:, 1]
        order = np.argsort(found_codes)
        at = np.searchsorted(found_codes[order], codes).clip(0, max(len(found_codes) - 1, 0))
        hit = same.copy()
        if len(found_codes):
            hit |= found_codes[order][at] == codes
        similarity = np.ones(len(pairs))
        similarity[~same & hit] = found.similarity[order][at[~same & hit]]
        return Edges(np.sort(pairs[hit], axis=1), similarity[hit], np.full(int(hit.sum()), NEAR, np.uint8), len(pairs))

    def verify_near(self, pairs: np.ndarray) -> Edges:
        return verify_near(self.sk, pairs, threshold=self.config.threshold)

    def jaccard(self, pairs: np.ndarray) -> np.ndarray:
        return jaccard(*intersections(self.sk.hashes, self.sk.offsets, pairs))

    def facts(self, ids: np.ndarray) -> ItemFacts:
        ids = np.asarray(ids, np.int64)
        return ItemFacts(ids, self.item_doc[ids], self.positions[ids], self.sk.words[ids].astype(np.int64))

    def doc_ids(self, slots: list[int]) -> dict[int, str]:
        return {s: self._doc_ids[s] for s in slots}

    def doc_index(self, slot: int) -> int | None:
        return self._doc_index[slot]

    def items_of_docs(self, slots: list[int]) -> dict[int, ItemFacts]:
        ranges = self._item_ranges(np.asarray(slots, np.int64))
        return {s: self.facts(np.arange(lo, hi)) for s, (lo, hi) in zip(slots, ranges.T.tolist())}

    def _item_ranges(self, slots: np.ndarray) -> np.ndarray:
        """``(2, len(slots))``: first item and end of each document's items. Items are laid
        out document by document (index segments, then this run), so ``item_doc`` is sorted."""
        return np.searchsorted(self.item_doc, np.stack([slots, slots + 1]))


def _distinct_sets(hashes: np.ndarray, starts: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """The distinct shingle sets of the bodies ``hashes[lo:hi]`` (``starts`` = ``(2, n)``), in
    order of first appearance, and for each body the number of its set among them."""
    sets: list[np.ndarray] = []
    number: dict[bytes, int] = {}
    copy_of = np.empty(starts.shape[1], np.int64)
    for k, (lo, hi) in enumerate(starts.T.tolist()):
        body = sorted_unique(hashes[lo:hi])
        key = body.tobytes()
        if key not in number:
            number[key] = len(sets)
            sets.append(body)
        copy_of[k] = number[key]
    return sets, copy_of
