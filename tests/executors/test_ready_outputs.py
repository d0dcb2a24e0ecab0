"""Documents the last plan does not touch skip the last pass (their output was made in the
pass before, ``Packed.ready``); the shingle hashes wait for the plan on disk. The output is
the output of running every document through every pass with the hashes in memory (the
implementation before), whatever the worker count."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from reliability_support import paragraph
from support import output_files

from dxclean.config import Config
from dxclean.dedup.observed import SketchCollector
from dxclean.executors import local
from dxclean.runner import run
from dxclean.steps.dedup import Deduplicate


def _corpus(root: Path) -> Path:
    """JSONL records and text pages: copies (within and across documents), a page that is
    a whole copy of another (left out with cross_doc "drop"), a broken line."""
    root.mkdir()
    rng = random.Random(7)
    shared = [paragraph(k, "shared") for k in range(6)]
    lines = []
    for d in range(40):
        body = [paragraph(100 * d + k, "own") for k in range(3)]
        if d % 5 == 0:
            body.insert(1, rng.choice(shared))  # a paragraph other documents repeat
        if d % 13 == 0:
            body.append(body[0])  # a copy within the document
        lines.append(json.dumps({"id": f"r{d}", "title": f"Bài {d}", "text": "\n\n".join(body)}, ensure_ascii=False))
    lines.insert(7, "{broken")
    (root / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for d in range(6):
        body = "\n".join(paragraph(900 + 10 * d + k, "page") for k in range(2))
        (root / f"p{d}.txt").write_text(f"Tiêu đề trang {d}\n{body}\n", encoding="utf-8")
    (root / "copy.txt").write_text((root / "p2.txt").read_text(encoding="utf-8"), encoding="utf-8")
    return root


def _previous(monkeypatch) -> None:
    """Every document through the last pass, dedup observations in memory."""
    monkeypatch.setattr(Deduplicate, "unplanned_unchanged", False)
    monkeypatch.setattr(Deduplicate, "collector", lambda self, spill_dir=None: SketchCollector(self.config.dedup.bands))


@pytest.mark.parametrize("cross_doc", ["annotate", "drop"])
def test_the_output_is_the_previous_implementations_for_any_worker_count(tmp_path, monkeypatch, cross_doc):
    src = _corpus(tmp_path / "in")
    overrides = {"dedup.cross_doc": cross_doc, "text_mirror": True}
    outputs = {}
    for workers in (1, 2):
        run(src, tmp_path / f"w{workers}", Config().with_overrides({**overrides, "workers": workers}))
        outputs[workers] = output_files(tmp_path / f"w{workers}")
    with monkeypatch.context() as patched:
        _previous(patched)
        run(src, tmp_path / "before", Config().with_overrides({**overrides, "workers": 1}))
    before = output_files(tmp_path / "before")
    assert outputs[1] == before and outputs[2] == before
    assert before["duplicates.jsonl"] and before["errors.jsonl"]
    assert (b'"part": "document"' in before["removed.jsonl"]) == (cross_doc == "drop")  # copy.txt left out


def test_only_the_documents_the_plan_touches_go_through_the_last_pass(tmp_path, monkeypatch):
    src = _corpus(tmp_path / "in")
    seen: dict[int, int] = {}
    original = local.run_batch

    def counting(pipeline, pass_number, items, **kwargs):
        seen[pass_number] = seen.get(pass_number, 0) + len(items)
        return original(pipeline, pass_number, items, **kwargs)

    monkeypatch.setattr(local, "run_batch", counting)
    summary = run(src, tmp_path / "out", Config(workers=1))
    last = max(seen)
    touched = sum(1 for line in (tmp_path / "out" / "documents.jsonl").read_text(encoding="utf-8").splitlines()
                  if '"cross_doc_duplicates"' in line or '"contained_paragraphs"' in line or '"duplicate": ' in line)
    assert 0 < seen[last] < summary.documents  # the documents with a decision only
    assert seen[last] >= touched
    assert not list((tmp_path / "out").glob("spill-*")) and not (tmp_path / "out" / ".dxclean-staging").exists()


def test_a_corpus_without_duplicates_needs_no_last_pass(tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    for d in range(70):  # more than a batch
        (src / f"p{d:02}.txt").write_text(f"Tiêu đề {d}\n{paragraph(d, 'alone')}\n{paragraph(d, 'more')}\n", encoding="utf-8")
    sizes: list[int] = []
    original = local.run_batch

    def counting(pipeline, pass_number, items, **kwargs):
        if pass_number == len(pipeline.passes()) - 1:
            sizes.append(len(items))
        return original(pipeline, pass_number, items, **kwargs)

    monkeypatch.setattr(local, "run_batch", counting)
    summary = run(src, tmp_path / "out", Config(workers=1))
    assert summary.documents == 70 and sum(sizes) == 0
    run(src, tmp_path / "two", Config(workers=2))  # empty batches: no round trip to a worker
    assert output_files(tmp_path / "out") == output_files(tmp_path / "two")
