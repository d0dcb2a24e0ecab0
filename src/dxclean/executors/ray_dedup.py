"""The ``dedup`` plan on Ray: sketches stay in the object store, only edges reach the driver.

:class:`RaySource` is the Ray engine's :class:`~dxclean.dedup.corpus.EdgeSource`.
The ``observe`` map stage leaves each document's sketch in Ray's object store
(:class:`~dxclean.executors.ray.RayExecutor` keeps only references); from there:

1. a map explodes them into one row per paragraph (id, shingle hashes, band
   keys, words) and one per document (whole-body shingle set and band keys),
   kept materialised in the object store;
2. exact copies: a shuffle on the shingle-set fingerprint pairs each copy with
   the first of its group; the copies take no part in the next two stages;
3. LSH: a shuffle on ``(band, key)`` pairs the members of each bucket;
4. containment: a shuffle on anchor shingles pairs the texts sharing an
   anchor, and a second one, on the smaller text, counts the shared anchors;
5. verification: the candidate pairs and the rows of their paragraphs are
   shuffled together on the paragraph id, then on the pair, where the exact
   intersection is counted;
6. documents: the same LSH and verification on whole-body sets.

The stages keep the local engine's rules (:mod:`.ray_dedup_stages`), so the
edges are the same pairs, and the decisions are made by the same code
(:func:`dxclean.dedup.decide.decide_from`): the output is byte-identical.

Driver memory: the candidate pairs (16 bytes each, paragraphs and documents),
the verified edges, and the facts (document, position, words) of the
paragraphs that have an edge — never the shingle sets or a per-paragraph
array of the corpus. Ray's shuffles spill to disk when the object store fills.
A persistent ``--index`` is read on the driver, so with one the plan is the
local one (see README, "Ray").
"""

from __future__ import annotations

import pickle

import numpy as np

from ..dedup.containment import anchor_drop
from ..dedup.corpus import ItemFacts
from ..dedup.decide import DedupPlan, decide_from
from ..dedup.edges import Edges, edges_of_candidates, near_edges
from ..dedup.verify import jaccard
from ..steps.base import StepStats
from . import ray_dedup_stages as stages
from .ray_plan import sort_shuffle

PARAGRAPH, DOCUMENT = 0, 1


def dedup_plan_on_ray(ray, config, observations, stats: StepStats, *, partitions: int) -> DedupPlan:
    """The ``dedup`` plan of a Ray dataset of ``(index, observation)`` rows (or lists of
    them; ``observation`` pickled), or of nothing (None)."""
    # Datasets made in the plan shuffle by sort (see ray_plan.sort_shuffle); those derived
    # from the observations, made before, get it through RaySource.rows.context.
    with sort_shuffle(ray):
        plan = decide_from(RaySource(ray, observations, config, partitions=partitions), config)
    for key, value in plan.stats.items():
        stats.count(key, value)
    return plan


def gather_observations(dataset) -> list:
    """``[(index, observation)]`` of a dataset of kept observations, in input order."""
    out = [(index, pickle.loads(payload))
           for batch in dataset.iter_batches(batch_size=None, batch_format="pyarrow")
           for index, payload in stages.observation_rows(batch)]
    return sorted(out, key=lambda pair: pair[0])


class RaySource:
    """See the module docstring."""

    first_item = first_doc = indexed_items = 0  # no persistent index on this path

    def __init__(self, ray, observations, config, *, partitions: int) -> None:
        import pyarrow as pa

        self.ray, self.config, self.partitions = ray, config, max(1, partitions)
        if observations is None:
            observations = ray.data.from_arrow(pa.table({"index": pa.array([], pa.int64()),
                                                         "observation": pa.array([], pa.large_binary())}))
        self.rows = (observations
                     .map_batches(stages._explode, fn_kwargs={"min_words": config.min_words},
                                  batch_size=None, batch_format="pyarrow")
                     .materialize())
        # Every dataset of the plan derives from this one, and copies its context.
        self.rows.context.shuffle_strategy = ray.data.context.ShuffleStrategy.SORT_SHUFFLE_PULL_BASED

    # -- EdgeSource -------------------------------------------------------------------
    def edges(self) -> Edges:
        config, parts = self.config, self.partitions
        copies = _pairs(self._grouped(self._map(stages._fingerprint_rows, partitions=parts), stages._copies_of_group))
        exclude = np.unique(copies[:, 1])
        lsh = _pairs(self._grouped(self._map(stages._band_rows, kind=PARAGRAPH, exclude=exclude, partitions=parts),
                                   stages._bucket_group, max_bucket=config.max_bucket))
        contained = np.zeros((0, 2), np.int64)
        if config.containment > 0:
            anchors = self._map(stages._anchor_rows, exclude=exclude, sample=config.anchor_sample,
                                drop=anchor_drop(self._paragraphs()), partitions=parts)
            shared = self._shuffled(anchors, stages._anchor_group, max_postings=config.anchor_max_postings, partitions=parts)
            contained = _pairs(self._grouped(shared, stages._containment_filter, min_share=0.5, min_share_all=0.5))
        return edges_of_candidates(np.concatenate([lsh, copies]), contained,
                                   lambda pairs: self._count(pairs, PARAGRAPH), config=config)

    def doc_edges(self) -> Edges:
        pairs = _pairs(self._grouped(self._map(stages._band_rows, kind=DOCUMENT, exclude=None, partitions=self.partitions),
                                     stages._bucket_group, max_bucket=self.config.max_bucket))
        if len(pairs) == 0:
            return Edges.empty()
        found = near_edges(pairs, *self._count(pairs, DOCUMENT), threshold=self.config.threshold)
        return Edges(found.pairs, found.similarity, found.relation, len(pairs))

    def verify_near(self, pairs: np.ndarray) -> Edges:
        return near_edges(pairs, *self._count(pairs, PARAGRAPH), threshold=self.config.threshold)

    def jaccard(self, pairs: np.ndarray) -> np.ndarray:
        return jaccard(*self._count(pairs, PARAGRAPH))

    def facts(self, ids: np.ndarray) -> ItemFacts:
        ids = np.asarray(ids, np.int64)
        got = self._select(kind=PARAGRAPH, ids=ids)
        at = np.searchsorted(got["id"], ids)
        return ItemFacts(ids, got["slot"][at], got["position"][at], got["words"][at])

    def doc_ids(self, slots: list[int]) -> dict[int, str]:
        got = self._select(kind=DOCUMENT, slots=np.asarray(sorted(slots), np.int64))
        return dict(zip(got["slot"].tolist(), got["doc_id"].tolist()))

    def doc_index(self, slot: int) -> int | None:
        return slot  # a document's slot is its index in the run

    def items_of_docs(self, slots: list[int]) -> dict[int, ItemFacts]:
        got = self._select(kind=PARAGRAPH, slots=np.asarray(sorted(slots), np.int64))
        out = {}
        for slot in slots:
            mine = got["slot"] == slot
            out[slot] = ItemFacts(got["id"][mine], got["slot"][mine], got["position"][mine], got["words"][mine])
        return out

    # -- Ray plumbing ---------------------------------------------------------------
    def _paragraphs(self) -> int:
        """How many paragraphs the corpus has (documents are the rows of kind 1)."""
        return self.rows.count() - int(self.rows.sum("kind") or 0)

    def _map(self, fn, **kwargs):
        return self.rows.map_batches(fn, fn_kwargs=kwargs, batch_size=None, batch_format="numpy")

    def _shuffled(self, dataset, fn, **kwargs):
        """``fn`` over each partition (``part`` column) of ``dataset``: a Ray Data shuffle."""
        return dataset.groupby("part").map_groups(fn, fn_kwargs=kwargs, batch_format="numpy")

    def _grouped(self, dataset, fn, **kwargs) -> dict[str, np.ndarray]:
        return _collect(self._shuffled(dataset, fn, **kwargs))

    def _select(self, **kwargs) -> dict[str, np.ndarray]:
        got = _collect(self._map(stages._select_rows, **kwargs))
        if not got:
            return {k: np.zeros(0, np.int64) for k in ("id", "slot", "position", "words")} | {"doc_id": np.zeros(0, object)}
        order = np.argsort(got["id"], kind="stable")
        return {k: v[order] for k, v in got.items()}

    def _count(self, pairs: np.ndarray, kind: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(|A & B|, |A|, |B|)`` of ``pairs``: a join of the pairs with their rows, on Ray."""
        pairs = np.asarray(pairs, np.int64).reshape(-1, 2)
        zeros = np.zeros(len(pairs), np.int64)
        if len(pairs) == 0:
            return zeros, zeros, zeros
        number = np.arange(len(pairs), dtype=np.int64)
        item, side = pairs.T.reshape(-1), np.repeat([0, 1], len(pairs))
        requests = self.ray.data.from_arrow(stages.join_rows(
            part=stages._part(item, self.partitions), id=item, pair=np.tile(number, 2), side=side,
            hashes=[b""] * len(item)))
        rows = self._map(stages._request_rows, kind=kind, ids=np.unique(pairs), partitions=self.partitions)
        attached = self._shuffled(rows.union(requests), stages._attach, partitions=self.partitions)
        got = self._grouped(attached, stages._intersect)
        inter, size_a, size_b = zeros.copy(), zeros.copy(), zeros.copy()
        inter[got["pair"]], size_a[got["pair"]], size_b[got["pair"]] = got["inter"], got["size_a"], got["size_b"]
        return inter, size_a, size_b


def _collect(dataset) -> dict[str, np.ndarray]:
    parts: dict[str, list] = {}
    for batch in dataset.iter_batches(batch_size=None, batch_format="numpy"):
        for key, value in batch.items():
            parts.setdefault(key, []).append(np.asarray(value))
    return {key: np.concatenate(values) for key, values in parts.items()}


def _pairs(got: dict[str, np.ndarray]) -> np.ndarray:
    """Unique ``(a, b)`` rows of a stage's output, sorted (partitions arrive in any order)."""
    if not got or len(got["a"]) == 0:
        return np.zeros((0, 2), np.int64)
    return np.unique(np.stack([got["a"].astype(np.int64), got["b"].astype(np.int64)], axis=1), axis=0)
