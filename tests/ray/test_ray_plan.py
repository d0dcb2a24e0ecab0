"""Corpus plans computed on Ray equal the driver's ``step.plan``."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from support import needs_shared

from dxclean.config import Config
from dxclean.executors.ray_plan import partitioning, plan_on_ray
from dxclean.executors.work import Item, run_batch
from dxclean.model import Document
from dxclean.pipeline import Pipeline
from dxclean.steps.base import StepStats


def template_observations(docs: list[Document], config: Config):
    """Observations of the templates step, as the driver collects them."""
    pipeline = Pipeline.from_config(config)
    outcomes, _ = run_batch(pipeline, 0, [Item(i, doc) for i, doc in enumerate(docs)])
    return pipeline.steps[-1], [(o.index, o.observation) for o in outcomes]


def synthetic_sites(n_sites: int, per_site: int) -> list[Document]:
    """Pages of several sites sharing per-site footers (template lines) and unique bodies."""
    docs = []
    for i in range(n_sites * per_site):
        site = i % n_sites
        blocks = [f"Bài số {i} của trang {site}: nội dung riêng."]
        blocks += [f"Bản quyền thuộc về cổng thông tin số {site}."] if i % 5 else []
        blocks += ["Liên hệ quảng cáo"] if site % 2 else []
        docs.append(Document.from_texts(f"d{i}", f"site{site}/p{i}.txt", blocks))
    return docs


def test_templates_plan_on_ray_equals_the_driver_plan(ray_instance):
    config = Config(steps=("chrome", "templates"))
    step, observations = template_observations(synthetic_sites(7, 30), config)
    assert partitioning(step) is not None
    driver_stats, ray_stats = StepStats(), StepStats()
    expected = step.plan(observations, driver_stats)
    got = plan_on_ray(ray_instance, step, observations, ray_stats, min_observations=0)
    assert expected, "the synthetic corpus must have template lines"
    assert json.dumps(got) == json.dumps(expected)  # same content and same key order
    assert ray_stats.counters == driver_stats.counters


def test_templates_plan_on_ray_on_news_articles(ray_instance, tmp_path: Path):
    source = needs_shared("data/vietnews-val-3000.jsonl")
    docs = []
    with open(source, encoding="utf-8") as lines:
        for n, line in enumerate(itertools.islice(lines, 400)):
            record = json.loads(line)
            docs.append(Document.from_texts(record["id"], f"news/{n % 3}/{n}.txt", record["text"].split("\n\n")))
    step, observations = template_observations(docs, Config(steps=("chrome", "templates")))
    expected = step.plan(observations, StepStats())
    assert json.dumps(plan_on_ray(ray_instance, step, observations, StepStats(), min_observations=0)) == json.dumps(expected)


def test_small_or_unpartitionable_plans_stay_on_the_driver(ray_instance):
    class NotPartitionable:
        def plan(self, observations, stats):
            return sorted(observations)

    assert plan_on_ray(ray_instance, NotPartitionable(), [(1, "b"), (0, "a")], StepStats(), min_observations=0) == [(0, "a"), (1, "b")]
