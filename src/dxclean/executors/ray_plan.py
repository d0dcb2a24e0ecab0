"""Corpus-level plans computed on Ray instead of on the driver.

A corpus step's plan is *partitionable* when observations can be grouped by a
key and planned group by group, the whole plan being the union of the groups'
plans: ``plan(all) == merge(plan(group) for group in sorted groups)``. The
``templates`` step is (it counts lines per site), so on Ray its observations
are shuffled by site with Ray Data's ``groupby``, each site is planned by the
step's own ``plan`` in a Ray task, and only the per-site plans (the chosen
template lines, which every worker needs anyway) come back to the driver.
Reusing ``step.plan`` per group, rather than re-implementing the counting,
is what keeps the Ray plan identical to the local one.

A step opts in by defining two methods (duck-typed, both optional together)::

    def partition_key(self, observation) -> str: ...
    def merge_plans(self, plans: list) -> plan: ...   # plans in sorted key order

``templates`` gets them from :data:`KNOWN_PARTITIONS` until it defines them
itself. Steps that are not partitionable (and small corpora, where a Ray
shuffle costs more than it saves) are planned by ``step.plan`` on the driver.

Memory: the largest group (one site's observations) must fit in one worker;
the driver holds the merged plan only.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from typing import Any

from ..steps.base import CorpusStep, StepStats

#: Below this many observations the plan is computed on the driver: a Ray
#: shuffle has a fixed cost of about a second.
MIN_OBSERVATIONS = 20_000
#: Observations per object-store block fed to the shuffle.
ROWS_PER_BLOCK = 2_000
#: Up to this many observations the shuffle is Ray's sort-based pull shuffle
#: (plain tasks; 3-4x less fixed cost than the actor-based hash shuffle on a
#: small cluster); above it, Ray Data's default shuffle, built for scale.
SORT_SHUFFLE_MAX = 5_000_000


def _site_of_template_observation(observation: Any) -> str:
    return observation[0]  # templates observes (site, line keys, long line keys)


def _merge_dicts(plans: list[dict]) -> dict:
    merged: dict = {}
    for plan in plans:
        merged.update(plan or {})
    return merged


#: Step class path -> (partition key of an observation, merge of the groups' plans).
KNOWN_PARTITIONS: dict[str, tuple[Callable[[Any], str], Callable[[list], Any]]] = {
    "dxclean.steps.templates:LabelTemplateLines": (_site_of_template_observation, _merge_dicts),
}


def partitioning(step: CorpusStep) -> tuple[Callable[[Any], str], Callable[[list], Any]] | None:
    """The step's (partition key, merge) functions, or None when it is not partitionable."""
    if hasattr(step, "partition_key") and hasattr(step, "merge_plans"):
        return step.partition_key, step.merge_plans
    cls = type(step)
    return KNOWN_PARTITIONS.get(f"{cls.__module__}:{cls.__qualname__}")


def _plan_group(group: dict[str, Any], *, step: CorpusStep) -> dict[str, Any]:
    """Ray task: plan one group (its observations back in input order)."""
    observations = sorted((pickle.loads(o) for o in group["observation"]), key=lambda pair: pair[0])
    stats = StepStats()
    plan = step.plan(observations, stats)
    return {"key": [group["key"][0]], "plan": [pickle.dumps((plan, stats), protocol=pickle.HIGHEST_PROTOCOL)]}


def plan_on_ray(ray, step: CorpusStep, observations: list[tuple[int, Any]], stats: StepStats, *,
                min_observations: int = MIN_OBSERVATIONS) -> Any:
    """``step.plan(observations, stats)``, on Ray when the step's plan is partitionable."""
    parts = partitioning(step)
    if parts is None or len(observations) < min_observations:
        return step.plan(observations, stats)
    partition_key, merge = parts
    import pyarrow as pa

    refs = []
    for start in range(0, len(observations), ROWS_PER_BLOCK):
        chunk = observations[start:start + ROWS_PER_BLOCK]
        table = pa.table({
            "key": pa.array([partition_key(obs) for _, obs in chunk], pa.string()),
            "observation": pa.array([pickle.dumps(pair, protocol=pickle.HIGHEST_PROTOCOL) for pair in chunk], pa.large_binary()),
        })
        refs.append(ray.put(table))
    if not refs:
        return step.plan(observations, stats)
    context = ray.data.DataContext.get_current()
    saved = context.shuffle_strategy
    if len(observations) <= SORT_SHUFFLE_MAX:
        context.shuffle_strategy = ray.data.context.ShuffleStrategy.SORT_SHUFFLE_PULL_BASED
    try:  # the dataset copies the context when it is created
        grouped = ray.data.from_arrow_refs(refs).groupby("key").map_groups(
            _plan_group, fn_kwargs={"step": step}, batch_format="numpy")
    finally:
        context.shuffle_strategy = saved
    results = sorted((str(row["key"]), row["plan"]) for row in grouped.iter_rows())
    plans = []
    for _, payload in results:
        plan, group_stats = pickle.loads(payload)
        plans.append(plan)
        stats.counters.update(group_stats.counters)
    return merge(plans)


# -- dedup: LSH candidate pairs with a Ray shuffle ----------------------------------------
# The distributed counterpart of dxclean.dedup.lsh.candidate_pairs, with the same
# result: (band, key, item) rows are hash-partitioned on (band, key) by a Ray Data
# groupby over a partition number, so every bucket is complete inside one
# partition, and each partition pairs its buckets with numpy. Only the candidate
# pairs (8 bytes each) come back to the driver.

def _explode_band_keys(block: dict[str, Any], *, bands: int, partitions: int) -> dict[str, Any]:
    import numpy as np

    items = np.asarray(block["item"], dtype=np.int64)
    keys = np.frombuffer(b"".join(block["keys"]), dtype=np.uint64).reshape(len(items), bands)
    band = np.tile(np.arange(bands, dtype=np.int64), len(items))
    key = keys.reshape(-1)
    # Partition on a mix of band and key (not on Python's hash(): must agree across processes).
    mixed = (key ^ (band.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15))) >> np.uint64(17)
    return {"part": (mixed % np.uint64(partitions)).astype(np.int64), "band": band, "key": key,
            "item": np.repeat(items, bands)}


def bucket_pair_codes(band, key, item, *, max_bucket: int):
    """``i << 32 | j`` codes (``i < j``) of items sharing a ``(band, key)`` bucket.

    Same rule as :func:`dxclean.dedup.lsh.candidate_pairs`: in a bucket ordered by
    item, each member is paired with the next ``max_bucket`` members.

    >>> import numpy as np
    >>> codes = bucket_pair_codes(np.array([0, 0, 0, 1]), np.array([7, 7, 7, 7], np.uint64), np.array([5, 2, 9, 2]), max_bucket=1)
    >>> [(int(c) >> 32, int(c) & 0xFFFFFFFF) for c in codes]
    [(2, 5), (5, 9)]
    """
    import numpy as np

    band, key, item = np.asarray(band, np.int64), np.asarray(key, np.uint64), np.asarray(item, np.int64)
    if len(item) == 0:
        return np.zeros(0, np.uint64)
    order = np.lexsort((item, key, band))
    band, key, item = band[order], key[order], item[order]
    starts = np.concatenate([[True], (band[1:] != band[:-1]) | (key[1:] != key[:-1])])
    group = np.cumsum(starts) - 1
    size_of = np.bincount(group)[group]
    rank = np.arange(len(item)) - np.flatnonzero(starts)[group]
    codes = []
    for d in range(1, min(int(size_of.max()), max_bucket + 1)):
        ok = rank + d < size_of
        if not ok.any():
            break
        left, right = item[np.flatnonzero(ok)], item[np.flatnonzero(ok) + d]
        codes.append(np.minimum(left, right).astype(np.uint64) << np.uint64(32) | np.maximum(left, right).astype(np.uint64))
    return np.unique(np.concatenate(codes)) if codes else np.zeros(0, np.uint64)


def _pair_partition(group: dict[str, Any], *, max_bucket: int) -> dict[str, Any]:
    return {"code": bucket_pair_codes(group["band"], group["key"], group["item"], max_bucket=max_bucket)}


def candidate_pairs_on_ray(ray, keys, *, max_bucket: int = 64, partitions: int = 8, rows_per_block: int = 4096):
    """:func:`dxclean.dedup.lsh.candidate_pairs` of a ``(n, bands)`` uint64 key matrix, on Ray.

    Here the key matrix starts on the driver (it is put into the object store
    in blocks); in a distributed plan the same blocks come out of the
    ``observe`` map stage and never visit the driver.
    """
    import numpy as np
    import pyarrow as pa

    keys = np.ascontiguousarray(keys, dtype=np.uint64)
    n, bands = keys.shape
    if n == 0:
        return np.zeros((0, 2), np.int64)
    refs = [ray.put(pa.table({"item": pa.array(np.arange(lo, min(lo + rows_per_block, n)), pa.int64()),
                              "keys": pa.array([row.tobytes() for row in keys[lo:lo + rows_per_block]], pa.binary())}))
            for lo in range(0, n, rows_per_block)]
    context = ray.data.DataContext.get_current()
    saved = context.shuffle_strategy
    context.shuffle_strategy = ray.data.context.ShuffleStrategy.SORT_SHUFFLE_PULL_BASED
    try:
        pairs = (ray.data.from_arrow_refs(refs)
                 .map_batches(_explode_band_keys, fn_kwargs={"bands": bands, "partitions": partitions},
                              batch_size=None, batch_format="numpy")
                 .groupby("part")
                 .map_groups(_pair_partition, fn_kwargs={"max_bucket": max_bucket}, batch_format="numpy"))
    finally:
        context.shuffle_strategy = saved
    codes = [np.asarray(batch["code"], np.uint64) for batch in pairs.iter_batches(batch_size=None, batch_format="numpy")]
    unique = np.unique(np.concatenate(codes)) if codes else np.zeros(0, np.uint64)
    return np.stack([(unique >> np.uint64(32)).astype(np.int64), (unique & np.uint64(0xFFFFFFFF)).astype(np.int64)], axis=1)
