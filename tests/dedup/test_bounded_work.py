"""Working memory of the dedup plan is bounded by slices; the results do not depend on them."""

from __future__ import annotations

import random

import numpy as np
import pytest

from dxclean.config import DedupConfig
from dxclean.dedup import containment, verify
from dxclean.dedup.observed import ObservedSketches, SketchCollector
from dxclean.dedup.sketch import Sketcher


def _texts(n: int = 600) -> list[str]:
    rng = random.Random(3)
    words = [f"từ{i}" for i in range(400)]
    texts = [" ".join(rng.choice(words) for _ in range(rng.randrange(8, 60))) for _ in range(n)]
    return texts + [" ".join(t.split()[2:12]) for t in texts[::5]]  # contained snippets


@pytest.fixture(scope="module")
def sketches():
    return Sketcher(DedupConfig()).sketch(_texts())


def test_containment_candidates_do_not_depend_on_the_slice_size(sketches, monkeypatch):
    active = np.ones(len(sketches), bool)
    whole = containment.containment_candidates(sketches.hashes, sketches.offsets, active)
    assert len(whole) > 50
    for size in (997, 101, 7):
        monkeypatch.setattr(containment, "_SLICE", size)
        assert np.array_equal(containment.containment_candidates(sketches.hashes, sketches.offsets, active), whole)


def test_intersections_do_not_depend_on_the_chunk_size(sketches, monkeypatch):
    rng = np.random.default_rng(5)
    pairs = rng.integers(0, len(sketches), size=(3000, 2))
    whole = verify.intersections(sketches.hashes, sketches.offsets, pairs)
    monkeypatch.setattr(verify, "_KEYS_PER_CHUNK", 333)
    assert len(verify._chunk_bounds(whole[1] + whole[2])) > 10
    for got, want in zip(verify.intersections(sketches.hashes, sketches.offsets, pairs), whole):
        assert np.array_equal(got, want)


def test_the_collector_gives_what_the_list_gives(monkeypatch):
    from dxclean.dedup.decide import DocSketch
    from dxclean.steps.dedup import Deduplicate
    from dxclean.config import Config
    from dxclean.model import Document

    step = Deduplicate(Config())
    docs = [Document.from_texts(f"d{i}", f"d{i}.txt", t.split("|")) for i, t in
            enumerate(["|".join(_texts(40)[k:k + 4]) for k in range(0, 40, 4)])]
    observations = [(i * 2, o) for i, o in enumerate(step.observe_batch(docs, _stats()))]
    assert all(isinstance(o, DocSketch) for _, o in observations)
    listed = ObservedSketches.of(observations, bands=24)
    monkeypatch.setattr("dxclean.dedup.observed.CHUNK", 3)
    collector = step.collector()
    for pair in observations + [(99, None)]:
        collector.append(pair)
    folded = collector.finish()
    assert folded.doc_ids == listed.doc_ids and folded.indexes.tolist() == [i for i, _ in observations]
    for name in ("counts", "positions", "doc_keys"):
        assert np.array_equal(getattr(folded, name), getattr(listed, name))
    assert np.array_equal(folded.sketches.hashes, listed.sketches.hashes)
    assert np.array_equal(folded.sketches.offsets, listed.sketches.offsets)


def test_a_batch_observes_what_single_documents_observe():
    from dxclean.steps.dedup import Deduplicate
    from dxclean.config import Config
    from dxclean.model import Document

    step = Deduplicate(Config())
    docs = [Document.from_texts(f"d{i}", f"d{i}.txt", _texts(30)[i:i + 3]) for i in range(8)]
    docs.append(Document.from_texts("empty", "e.txt", []))
    for one, many in zip([step.observe(d, _stats()) for d in docs], step.observe_batch(docs, _stats())):
        assert one.doc_id == many.doc_id and np.array_equal(one.positions, many.positions)
        assert np.array_equal(one.doc_keys, many.doc_keys)
        for name in ("hashes", "offsets", "words", "keys"):
            assert np.array_equal(getattr(one.sketches, name), getattr(many.sketches, name))


def _stats():
    from dxclean.steps.base import StepStats

    return StepStats()


def test_anchor_codes_grow_when_more_shingles_than_expected_are_anchors():
    n_texts, per_text = 50, 400
    hashes = np.arange(n_texts * per_text, dtype=np.uint64) * np.uint64(2)  # below 2**36: every one an anchor
    hashes = np.sort(hashes.reshape(n_texts, per_text), axis=1).ravel()
    offsets = np.arange(0, n_texts * per_text + 1, per_text)
    codes, per_item, _ = containment.anchor_codes(hashes, offsets, np.ones(n_texts, bool), sample=2)
    assert len(codes) == n_texts * per_text and per_item.tolist() == [per_text] * n_texts
    bits = containment._owner_bits(n_texts)
    owners = (codes & np.uint64((1 << bits) - 1)).astype(np.int64)
    assert owners.tolist() == np.repeat(np.arange(n_texts), per_text).tolist()
