"""The run's output path: documents serialised once in the worker, spilled as bytes, rendered
there; the text mirror's default; progress with totals."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from support import output_files, read_jsonl

from dxclean.config import Config
from dxclean.executors.work import Item, Packed, run_batch
from dxclean.model import Document
from dxclean.pipeline import Pipeline
from dxclean.progress import RunProgress, estimate_inputs
from dxclean.runner import run
from dxclean.writers.records import Rendered, document_record, dumps, render


def _mixed_input(root: Path) -> Path:
    root.mkdir()
    (root / "page.txt").write_text("Tiêu đề trang\nĐoạn thân bài đầu tiên của trang này khá dài.\n", encoding="utf-8")
    lines = [{"id": f"r{i}", "text": f"Bài {i}\n\nĐoạn một của bài số {i} có đủ từ để khử trùng.\n\nĐoạn hai."} for i in range(3)]
    (root / "news.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")
    return root


@pytest.mark.parametrize("setting,mirrors", [("auto", ["page.txt"]), (True, ["news.jsonl#1.txt", "news.jsonl#2.txt", "news.jsonl#3.txt", "page.txt"]), (False, [])])
def test_text_mirror_is_for_files_by_default(tmp_path: Path, setting, mirrors):
    src = _mixed_input(tmp_path / "in")
    run(src, tmp_path / "out", Config(workers=1, text_mirror=setting))
    found = sorted(p.relative_to(tmp_path / "out" / "text").as_posix() for p in (tmp_path / "out" / "text").rglob("*.txt")) \
        if (tmp_path / "out" / "text").exists() else []
    assert found == mirrors
    assert len(read_jsonl(tmp_path / "out" / "documents.jsonl")) == 4


def test_pool_and_in_process_runs_write_the_same_bytes(tmp_path: Path):
    src = _mixed_input(tmp_path / "in")
    outs = []
    for workers in (1, 2):
        out = tmp_path / f"out{workers}"
        run(src, out, Config(workers=workers, text_mirror=True))
        outs.append(output_files(out))
    assert outs[0] == outs[1] and outs[0]["documents.jsonl"]


def test_packed_documents_and_rendered_output_match_the_writer():
    config = Config(steps=("encoding", "chrome", "templates", "metadata", "dedup"))
    pipeline = Pipeline.from_config(config)
    doc = Document.from_texts("d", "d.txt", ["Tiêu đề", "Một đoạn thân bài đủ dài để giữ lại trong bài."])
    outcomes, _ = run_batch(pipeline, 0, [Item(0, doc)], pack=True)
    assert isinstance(outcomes[0].result, Packed) and outcomes[0].result.source_path == "d.txt"
    assert outcomes[0].result.unpack().blocks[1].text == doc.blocks[1].text
    outcomes, _ = run_batch(pipeline, 2, [Item(0, outcomes[0].result, None)], pack=True)
    rendered = outcomes[0].result
    assert isinstance(rendered, Rendered)
    plain, _ = run_batch(pipeline, 2, [Item(0, doc, None)])
    assert rendered.record == dumps(document_record(plain[0].result)) == render(plain[0].result).record


def test_estimated_inputs_count_files_and_jsonl_lines(tmp_path: Path):
    src = _mixed_input(tmp_path / "in")
    assert estimate_inputs(src, Config()) == 4
    (src / "more.jsonl.gz").write_bytes(b"")
    assert estimate_inputs(src, Config()) is None  # compressed: unknown before reading


class _Stream(io.StringIO):
    def isatty(self) -> bool:
        return False


def test_plain_progress_lines_without_a_terminal():
    stream = _Stream()
    with RunProgress(stream=stream, every=0.0) as progress:
        progress("pass 1/2", 0, 4)
        progress("pass 1/2", 2, 4)
        progress("pass 2/2", 0, 2)
        progress("pass 2/2", 2, 2)
    lines = stream.getvalue().splitlines()
    assert "pass 1/2: 2/4 documents (50%)" in lines[0] and "ETA" in lines[0]
    assert lines[1].startswith("dxclean: pass 1/2: 2 documents, done in")
    assert lines[-1].startswith("dxclean: pass 2/2: 2 documents, done in")
    assert RunProgress(quiet=True, stream=_Stream()).__enter__() is None


def test_progress_callbacks_get_totals_when_they_take_them(tmp_path: Path):
    src = _mixed_input(tmp_path / "in")
    two, three = [], []
    run(src, tmp_path / "a", Config(workers=1), progress=lambda phase, n: two.append(n))
    run(src, tmp_path / "b", Config(workers=1), progress=lambda phase, n, total: three.append((phase, total)))
    assert sum(two) == 4 * 3  # three passes of the default pipeline
    assert {total for _, total in three} == {4}  # estimated before pass 1, counted after it
