"""The dedup plan on Ray: the same edges and decisions as the local engine, and the
sketches never visit the driver."""

from __future__ import annotations

import dataclasses
import itertools
import json
import pickle

import numpy as np
import pytest
from support import needs_shared

from dxclean.config import Config
from dxclean.dedup.containment import anchor_drop, containment_candidates
from dxclean.dedup.corpus import LocalSource
from dxclean.dedup.decide import decide
from dxclean.dedup.edges import eligible_items, exact_groups
from dxclean.dedup.lsh import candidate_pairs
from dxclean.executors import ray_dedup_stages as stages
from dxclean.model import Block, Document
from dxclean.steps.base import StepStats
from dxclean.steps.dedup import Deduplicate

NEWS = "data/vietnews-val-3000.jsonl"


def observations(config: Config, articles: int = 250) -> list:
    """Sketches of news articles plus planted copies: whole documents, reordered
    paragraphs, and lone leads (contained in their article)."""
    with open(needs_shared(NEWS), encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in itertools.islice(handle, articles)]
    texts += texts[:15] + ["\n\n".join(t.split("\n\n")[::-1]) for t in texts[40:55]]
    texts += ["\n\n".join(t.split("\n\n")[:2]) for t in texts[60:70]]
    step = Deduplicate(config)
    out = []
    for i, text in enumerate(texts):
        paragraphs = [p for p in text.split("\n") if p.strip()]
        doc = Document(id=f"d{i}", source_path=f"d{i}.txt", blocks=[Block(text=p, position=k) for k, p in enumerate(paragraphs)])
        out.append((3 * i + 1, step.observe(doc, StepStats())))  # executor indexes need not be dense
    return out


def exploded(obs: list) -> dict[str, np.ndarray]:
    import pyarrow as pa

    table = stages._explode(pa.table({"index": pa.array([i for i, _ in obs], pa.int64()),
                                      "observation": pa.array([pickle.dumps(o) for _, o in obs], pa.large_binary())}),
                            min_words=5)
    return {name: table.column(name).to_numpy(zero_copy_only=False) for name in table.column_names}


def shuffled(rows: dict[str, np.ndarray], fn, **kwargs) -> dict[str, np.ndarray]:
    """What a Ray shuffle does, in process: ``fn`` over each partition, outputs concatenated."""
    outs = [fn({k: np.asarray(v)[rows["part"] == part] for k, v in rows.items()}, **kwargs) for part in np.unique(rows["part"])]
    outs = [o if isinstance(o, dict) else {c: o.column(c).to_numpy(zero_copy_only=False) for c in o.column_names} for o in outs]
    return {k: np.concatenate([o[k] for o in outs]) for k in outs[0]} if outs else {}


def as_set(a, b) -> set:
    return set(zip(np.asarray(a).tolist(), np.asarray(b).tolist()))


@pytest.mark.parametrize("partitions, drop_for", [(1, 0), (4, 0), (3, 1 << 20)])
def test_the_stages_keep_the_local_engines_rules(partitions, drop_for, monkeypatch):
    """Same candidates as the local rules; ``drop_for``: pretend the corpus is that large, so
    that both group anchors less some low bits (as the local engine does above 2**16 texts)."""
    import dxclean.dedup.containment as containment

    config = Config()
    obs = observations(config)
    local = LocalSource(obs, config.dedup)
    if drop_for:
        monkeypatch.setattr(containment, "_owner_bits", lambda n: (drop_for - 1).bit_length())
    drop_for = drop_for or len(local.sk)
    ids = (local.item_doc * 0 + np.array([i for i, o in obs for _ in o.positions])) << stages.SLOT_SHIFT
    ids |= np.concatenate([np.arange(len(o.positions)) for _, o in obs])  # dense item -> Ray id
    sk, c = local.sk, config.dedup
    reps, copies = exact_groups(sk, np.flatnonzero(eligible_items(sk, min_words=c.min_words)))
    lsh = reps[candidate_pairs(sk.keys[reps], max_bucket=c.max_bucket)].reshape(-1, 2)
    active = np.zeros(len(sk), bool)
    active[reps] = True
    inside = containment_candidates(sk.hashes, sk.offsets, active, sample=c.anchor_sample, max_postings=c.anchor_max_postings)

    rows = exploded(obs)
    got_copies = shuffled(stages._fingerprint_rows(rows, partitions=partitions), stages._copies_of_group)
    exclude = np.unique(got_copies["b"])
    got_lsh = shuffled(stages._band_rows(rows, kind=0, exclude=exclude, partitions=partitions),
                       stages._bucket_group, max_bucket=c.max_bucket)
    anchors = stages._anchor_rows(rows, exclude=exclude, sample=c.anchor_sample, drop=anchor_drop(drop_for), partitions=partitions)
    shared = shuffled(anchors, stages._anchor_group, max_postings=c.anchor_max_postings, partitions=partitions)
    got_inside = shuffled(shared, stages._containment_filter, min_share=0.5, min_share_all=0.5)

    assert len(copies) > 50 and len(lsh) > 50 and len(inside) > 50  # the corpus exercises every stage
    assert as_set(got_copies["a"], got_copies["b"]) == as_set(*ids[copies].T)
    assert as_set(got_lsh["a"], got_lsh["b"]) == as_set(*ids[lsh].T)
    assert as_set(got_inside["a"], got_inside["b"]) == as_set(*ids[inside].T)


@pytest.mark.parametrize("cross_doc", ["annotate", "drop"])
def test_ray_plan_equals_the_local_plan(ray_instance, cross_doc):
    import pyarrow as pa

    from dxclean.executors.ray_dedup import RaySource, dedup_plan_on_ray

    config = Config().with_overrides({"dedup.cross_doc": cross_doc})
    obs = observations(config)
    dataset = ray_instance.data.from_arrow_refs([
        ray_instance.put(pa.table({"index": pa.array([i for i, _ in chunk], pa.int64()),
                                   "observation": pa.array([pickle.dumps(o) for _, o in chunk], pa.large_binary())}))
        for chunk in (obs[lo:lo + 64] for lo in range(0, len(obs), 64))])
    expected = decide(obs, config.dedup)
    got = dedup_plan_on_ray(ray_instance, config.dedup, dataset, StepStats(), partitions=3)
    if cross_doc == "annotate":
        local_edges = LocalSource(obs, config.dedup).edges()
        ray_edges = RaySource(ray_instance, dataset, config.dedup, partitions=3).edges()
        assert len(ray_edges) == len(local_edges) > 100
        assert ray_edges.candidates == local_edges.candidates
        assert np.array_equal(ray_edges.similarity, local_edges.similarity)
    assert got.stats == expected.stats
    assert got.stats["document_pairs"] > 0 and got.stats["containment_pairs"] > 0
    assert json.dumps(got.clusters) == json.dumps(expected.clusters)
    assert {k: dataclasses.asdict(v) for k, v in got.decisions.items()} == {
        k: dataclasses.asdict(v) for k, v in expected.decisions.items()}


def test_dedup_sketches_stay_on_the_cluster(ray_instance, tmp_path, monkeypatch):
    """The driver gets no dedup observation: the Ray engine plans from the object store
    (here forced for a small corpus; by default from 20,000 documents), and the output is
    the local engine's, byte for byte."""
    from dxclean.executors.ray import RayExecutor
    from dxclean.runner import run
    from dxclean.steps.dedup import Deduplicate

    monkeypatch.setattr(RayExecutor, "distributed_plan_min", 0)
    monkeypatch.setattr(Deduplicate, "plan", lambda *a: pytest.fail("planned on the driver"))

    seen = {}
    plan = RayExecutor.plan

    def spy(self, step, observations, stats):
        seen[step.name] = len(observations)
        return plan(self, step, observations, stats)

    monkeypatch.setattr(RayExecutor, "plan", spy)
    source = tmp_path / "in.jsonl"
    with open(needs_shared(NEWS), encoding="utf-8") as handle:
        source.write_text("".join(itertools.islice(handle, 40)) * 2, encoding="utf-8")
    config = Config().with_overrides({"dedup.cross_doc": "drop"})
    run(source, tmp_path / "out", config.with_overrides({"engine": "ray"}))
    monkeypatch.undo()
    run(source, tmp_path / "local", config)
    for name in ("documents.jsonl", "removed.jsonl", "duplicates.jsonl"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()
    assert seen["dedup"] == 0
    assert seen["templates"] == 80  # a step planned from the driver's list still gets every document
    clusters = [json.loads(line) for line in (tmp_path / "out" / "duplicates.jsonl").read_text(encoding="utf-8").splitlines()]
    assert any(c["level"] == "document" for c in clusters)  # the copies were found all the same
