"""The local executor isolates failures: one bad input never stops the run."""

from __future__ import annotations

from pathlib import Path

from support import make_corpus, read_jsonl

from dxclean.config import Config
from dxclean.runner import run


def test_a_step_exception_becomes_an_error_line(tmp_path: Path):
    make_corpus(tmp_path / "in", 10, {4: "RAISE-HERE"})
    config = Config(steps=("crashing_steps:RaiseOnMarker",), workers=1)
    summary = run(tmp_path / "in", tmp_path / "out", config)
    assert summary.exit_code == 1
    (error,) = read_jsonl(tmp_path / "out" / "errors.jsonl")
    assert error["source_path"] == "doc004.txt" and error["kind"] == "step" and "boom" in error["reason"]
    assert len(read_jsonl(tmp_path / "out" / "documents.jsonl")) == 9


def test_a_dying_worker_process_becomes_an_error_line(tmp_path: Path):
    make_corpus(tmp_path / "in", 80, {37: "CRASH-HERE"})
    config = Config(steps=("crashing_steps:DieOnMarker",), workers=2)
    summary = run(tmp_path / "in", tmp_path / "out", config)
    assert summary.exit_code == 1
    (error,) = read_jsonl(tmp_path / "out" / "errors.jsonl")
    assert error["source_path"] == "doc037.txt" and error["kind"] == "crash"
    docs = read_jsonl(tmp_path / "out" / "documents.jsonl")
    assert [d["source_path"] for d in docs] == [f"doc{i:03}.txt" for i in range(80) if i != 37]


def test_two_dying_workers_in_one_run(tmp_path: Path):
    make_corpus(tmp_path / "in", 150, {37: "CRASH-HERE", 120: "CRASH-HERE"})
    config = Config(steps=("crashing_steps:DieOnMarker",), workers=2)
    summary = run(tmp_path / "in", tmp_path / "out", config)
    errors = read_jsonl(tmp_path / "out" / "errors.jsonl")
    assert summary.exit_code == 1 and [e["source_path"] for e in errors] == ["doc037.txt", "doc120.txt"]
    assert len(read_jsonl(tmp_path / "out" / "documents.jsonl")) == 148
