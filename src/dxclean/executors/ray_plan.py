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
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
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


#: Corpus steps whose plan Ray makes from observations that never leave the
#: object store (:mod:`.ray_dedup`).
DISTRIBUTED_PLANS = ("dxclean.steps.dedup:Deduplicate",)


def plans_on_ray(step: CorpusStep) -> bool:
    """Whether the Ray engine plans ``step`` from observations left in the object store.

    The ``dedup`` step does, unless it has a persistent index (read on the driver).
    """
    cls = type(step)
    return f"{cls.__module__}:{cls.__qualname__}" in DISTRIBUTED_PLANS and not step.config.dedup.index


@contextmanager
def sort_shuffle(ray) -> Iterator[None]:
    """Datasets made inside shuffle with Ray's sort-based pull shuffle (plain tasks: far
    less fixed cost than the hash shuffle's actors on a small cluster). A dataset copies
    the context when it is created, so only creation needs to be inside."""
    context = ray.data.DataContext.get_current()
    saved = context.shuffle_strategy
    context.shuffle_strategy = ray.data.context.ShuffleStrategy.SORT_SHUFFLE_PULL_BASED
    try:
        yield
    finally:
        context.shuffle_strategy = saved


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
    with sort_shuffle(ray) if len(observations) <= SORT_SHUFFLE_MAX else nullcontext():
        grouped = ray.data.from_arrow_refs(refs).groupby("key").map_groups(
            _plan_group, fn_kwargs={"step": step}, batch_format="numpy")
    results = sorted((str(row["key"]), row["plan"]) for row in grouped.iter_rows())
    plans = []
    for _, payload in results:
        plan, group_stats = pickle.loads(payload)
        plans.append(plan)
        stats.counters.update(group_stats.counters)
    return merge(plans)
