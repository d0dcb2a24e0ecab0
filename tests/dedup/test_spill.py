"""Shingle hashes spilled to disk between observe and plan: same plan, not kept in memory."""

from __future__ import annotations

import numpy as np

from dxclean.config import Config, DedupConfig
from dxclean.dedup import edges
from dxclean.dedup.edges import find_edges
from dxclean.dedup.observed import SketchCollector
from dxclean.dedup.sketch import Sketcher
from dxclean.dedup.spill import HashSpill, drop_resident
from dxclean.model import Document
from dxclean.steps.base import StepStats
from dxclean.steps.dedup import Deduplicate

from .test_bounded_work import _texts


def _observations():
    step = Deduplicate(Config())
    texts = _texts(300)
    docs = [Document.from_texts(f"d{i}", f"d{i}.txt", texts[k:k + 6]) for i, k in enumerate(range(0, len(texts), 6))]
    return step, [(i, o) for i, o in enumerate(step.observe_batch(docs, StepStats()))]


def test_spilled_hashes_are_the_hashes_and_the_file_is_gone(tmp_path, monkeypatch):
    monkeypatch.setattr("dxclean.dedup.observed.CHUNK", 7)
    step, observations = _observations()
    in_memory, spilled = step.collector(), step.collector(tmp_path)
    for pair in observations:  # folding empties the observations: each collector its own
        in_memory.append(pair)
    for pair in _observations()[1]:
        spilled.append(pair)
    want, got = in_memory.finish(), spilled.finish()
    assert isinstance(got.sketches.hashes, np.memmap) and not isinstance(want.sketches.hashes, np.memmap)
    assert np.array_equal(got.sketches.hashes, want.sketches.hashes)
    assert np.array_equal(got.sketches.offsets, want.sketches.offsets)
    assert list(tmp_path.iterdir()) == []  # unlinked once mapped
    config = DedupConfig()
    found, expected = find_edges(got.sketches, config), find_edges(want.sketches, config)
    assert len(expected) > 10
    for name in ("pairs", "similarity", "relation"):
        assert np.array_equal(getattr(found, name), getattr(expected, name))
    # the plan of the spilled observations is the plan of the listed ones
    plan_spilled, plan_listed = step.plan(got, StepStats()), step.plan(want, StepStats())
    assert plan_spilled.decisions == plan_listed.decisions and plan_spilled.clusters == plan_listed.clusters


def test_an_empty_spill_and_a_run_stopped_before_the_plan(tmp_path):
    collector = SketchCollector(24, tmp_path)
    assert len(collector.finish().sketches.hashes) == 0
    stopped = SketchCollector(24, tmp_path)
    step, observations = _observations()
    for pair in observations:
        stopped.append(pair)
    stopped._fold()
    assert list(tmp_path.iterdir())
    stopped.close()
    assert list(tmp_path.iterdir()) == []


def _resident_pages(array: np.memmap) -> int:
    """Resident pages of ``array``'s mapping (mincore would say cached; this reads smaps)."""
    start = array.ctypes.data
    with open("/proc/self/smaps") as handle:
        inside = False
        for line in handle:
            head = line.split()[0]
            if "-" in head and not head.endswith(":"):
                lo, hi = (int(x, 16) for x in head.split("-"))
                inside = lo <= start < hi
            elif inside and head == "Rss:":
                return int(line.split()[1])
    raise AssertionError("mapping not found")


def test_reading_a_mapped_slice_does_not_keep_it_resident(tmp_path):
    spill = HashSpill(tmp_path / "h.bin")
    spill.append(np.arange(1 << 20, dtype=np.uint64))
    hashes = spill.open()
    assert int(hashes.sum()) == (1 << 20) * ((1 << 20) - 1) // 2
    assert _resident_pages(hashes) >= 4000  # 8 MB read: resident (in kB)
    drop_resident(hashes[10:20])  # a view drops its whole mapping's pages
    assert _resident_pages(hashes) < 100
    assert int(hashes[123456]) == 123456  # still readable (from the page cache)
    drop_resident(np.zeros(3))  # an array in memory: nothing to do


def test_set_sums_do_not_depend_on_the_slice(monkeypatch):
    sk = Sketcher(DedupConfig()).sketch(_texts(200) + ["", "x"])
    starts = sk.offsets[np.flatnonzero(sk.sizes > 0)]
    whole = np.add.reduceat(sk.hashes, starts)
    for size in (1, 17, 1000):
        monkeypatch.setattr(edges, "_SUM_SLICE", size)
        assert np.array_equal(edges._set_sums(sk.hashes, starts), whole)
