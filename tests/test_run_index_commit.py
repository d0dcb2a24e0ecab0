"""`--index`: the dedup index is appended only once a run's output is committed, exactly once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dxclean.config import Config
from dxclean.dedup.index import DedupIndex
from dxclean.runner import run
from dxclean.writers.output import STAGING, OutputWriter

from support import read_jsonl


def _config(index: Path) -> Config:
    return Config().with_overrides({"dedup.index": str(index), "workers": 1})


def _manifest(index: Path) -> dict | None:
    path = index / "manifest.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _indexed_duplicates(out: Path) -> int:
    return sum(1 for c in read_jsonl(out / "duplicates.jsonl") for m in c["members"] if m.get("indexed"))


def test_a_run_appends_exactly_one_segment(seeds_copy: Path, tmp_path: Path):
    index = tmp_path / "index"
    run(seeds_copy, tmp_path / "out1", _config(index))
    first = _manifest(index)
    assert first["segments"] == ["seg-000000"] and set(first["identities"]) == {"seg-000000"}
    # A second, different crawl adds one more segment.
    other = tmp_path / "other"
    other.mkdir()
    (other / "new.txt").write_text("Một đoạn văn hoàn toàn mới về thời tiết Hà Nội hôm nay nắng nóng kéo dài.\n", encoding="utf-8")
    run(other, tmp_path / "out2", _config(index))
    assert _manifest(index)["segments"] == ["seg-000000", "seg-000001"]


def test_a_run_killed_before_commit_leaves_the_index_unchanged(seeds_copy: Path, tmp_path: Path, monkeypatch):
    index = tmp_path / "index"
    other = tmp_path / "other"
    other.mkdir()
    (other / "old.txt").write_text("Một đoạn văn cũ về hội nghị chuyển đổi số của tỉnh được tổ chức sáng nay.\n", encoding="utf-8")
    run(other, tmp_path / "out0", _config(index))
    before = _manifest(index)
    files_before = sorted(p.name for p in index.iterdir())

    def killed(self, stats):  # the process dies after write_outputs, before OUT is committed
        raise KeyboardInterrupt("killed")

    monkeypatch.setattr(OutputWriter, "commit", killed)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        run(seeds_copy, out, _config(index))
    assert (out / STAGING / "duplicates.jsonl").exists()  # write_outputs did run
    assert _manifest(index) == before
    assert sorted(p.name for p in index.iterdir()) == files_before
    monkeypatch.undo()

    # Running the same crawl again does not find its own paragraphs in the index.
    run(seeds_copy, out, _config(index), force=True)
    fresh = tmp_path / "fresh"
    run(seeds_copy, fresh, Config().with_overrides({"workers": 1}))
    assert _indexed_duplicates(out) == 0
    assert (out / "documents.jsonl").read_bytes() == (fresh / "documents.jsonl").read_bytes()
    assert _manifest(index)["segments"] == ["seg-000000", "seg-000001"]


def test_appending_the_same_segment_twice_is_a_no_op(seeds_copy: Path, tmp_path: Path, monkeypatch):
    """A crash between the commit and the append, or a retried append, indexes a run once."""
    from dxclean.steps.dedup import Deduplicate

    index = tmp_path / "index"
    segments = []
    original = Deduplicate.after_commit

    def remember(self, plan, out_dir):
        segments.append(plan.segment)
        original(self, plan, out_dir)

    monkeypatch.setattr(Deduplicate, "after_commit", remember)
    run(seeds_copy, tmp_path / "out", _config(index))
    (segment,) = segments
    manifest = _manifest(index)
    again = DedupIndex(index, _config(index).dedup)
    assert again.append(segment) == "seg-000000"
    assert _manifest(index) == manifest
    assert sorted(p.name for p in index.iterdir()) == [".lock", "manifest.json", "seg-000000"]
