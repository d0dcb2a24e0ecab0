"""`--engine ray` gives byte-identical output to the local engine, and isolates failures."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import pytest
from support import SEEDS, make_corpus, needs_shared, read_jsonl

from dxclean.config import DEFAULT_STEPS, Config
from dxclean.runner import run
from dxclean.steps.base import MissingDependency
from dxclean.steps.registry import step_class

#: Every file a run writes whose content must not depend on the engine.
COMPARED = ("documents.jsonl", "removed.jsonl", "errors.jsonl", "duplicates.jsonl")


def default_steps() -> tuple[str, ...]:
    """The default pipeline — minus steps still being written (so this suite runs meanwhile)."""
    steps = []
    for name in DEFAULT_STEPS:
        try:
            step_class(name)
        except ImportError:
            continue
        steps.append(name)
    return tuple(steps)


def run_both(in_path: Path, out: Path, config: Config) -> tuple[Path, Path]:
    local, ray = out / "local", out / "ray"
    run(in_path, local, config)
    run(in_path, ray, config.with_overrides({"engine": "ray"}))
    return local, ray


def assert_same_files(local: Path, ray: Path) -> None:
    for name in COMPARED:
        assert (local / name).exists() == (ray / name).exists(), name
        if (local / name).exists():
            assert (local / name).read_bytes() == (ray / name).read_bytes(), f"{name} differs between engines"
    local_texts = sorted(p.relative_to(local) for p in (local / "text").rglob("*") if p.is_file())
    ray_texts = sorted(p.relative_to(ray) for p in (ray / "text").rglob("*") if p.is_file())
    assert local_texts == ray_texts
    assert all((local / p).read_bytes() == (ray / p).read_bytes() for p in local_texts)


def test_seeds_give_the_same_bytes_on_both_engines(ray_instance, tmp_path: Path):
    local, ray = run_both(SEEDS, tmp_path, Config(steps=default_steps(), workers=2))
    assert len(read_jsonl(ray / "documents.jsonl")) == len(list(SEEDS.glob("*.txt")))
    assert_same_files(local, ray)


def test_vietnews_articles_give_the_same_bytes_on_both_engines(ray_instance, tmp_path: Path):
    source = needs_shared("data/vietnews-val-3000.jsonl")
    sample = tmp_path / "vietnews-300.jsonl"
    with open(source, encoding="utf-8") as lines:
        sample.write_text("".join(itertools.islice(lines, 300)), encoding="utf-8")
    local, ray = run_both(sample, tmp_path, Config(steps=default_steps(), workers=2))
    docs = read_jsonl(ray / "documents.jsonl")
    assert len(docs) + len(read_jsonl(ray / "errors.jsonl")) == 300
    assert [d["source_path"] for d in docs] == sorted((d["source_path"] for d in docs), key=lambda p: int(p.rsplit("#", 1)[1]))
    assert_same_files(local, ray)


def test_a_dying_worker_becomes_an_error_line_not_a_lost_run(ray_instance, tmp_path: Path, monkeypatch):
    # Two crashes in separate blocks and separate windows (150 documents = 10 batches
    # of 16 = 4 windows of 3 batches). Only the Ray engine runs here: the expected
    # output is the local engine's contract (tests/test_executor.py).
    monkeypatch.setattr("dxclean.executors.ray.WINDOW_BATCHES", 3)
    make_corpus(tmp_path / "in", 150, {37: "CRASH-HERE", 120: "CRASH-HERE"})
    config = Config(steps=("crashing_steps:DieOnMarker",), workers=2, engine="ray")
    summary = run(tmp_path / "in", tmp_path / "out", config)
    assert summary.exit_code == 1 and summary.documents == 148 and summary.errors == 2
    errors = read_jsonl(tmp_path / "out" / "errors.jsonl")
    assert [(e["source_path"], e["kind"]) for e in errors] == [("doc037.txt", "crash"), ("doc120.txt", "crash")]
    assert errors[0]["reason"] == "the worker process died while processing this input"
    docs = read_jsonl(tmp_path / "out" / "documents.jsonl")
    assert [d["source_path"] for d in docs] == [f"doc{i:03}.txt" for i in range(150) if i not in (37, 120)]


def test_a_step_exception_becomes_the_same_error_line(ray_instance, tmp_path: Path):
    make_corpus(tmp_path / "in", 40, {4: "RAISE-HERE"})
    local, ray = run_both(tmp_path / "in", tmp_path, Config(steps=("crashing_steps:RaiseOnMarker",), workers=2))
    (error,) = read_jsonl(ray / "errors.jsonl")
    assert error["source_path"] == "doc004.txt" and error["kind"] == "step" and "boom" in error["reason"]
    assert_same_files(local, ray)


def test_progress_and_summary_count_every_document(ray_instance, tmp_path: Path):
    make_corpus(tmp_path / "in", 70, {})
    seen: dict[str, int] = {}
    summary = run(tmp_path / "in", tmp_path / "out", Config(steps=("chrome", "templates"), engine="ray"),
                  progress=lambda phase, n: seen.__setitem__(phase, seen.get(phase, 0) + n))
    assert summary.documents == 70 and summary.errors == 0
    assert list(seen.values()) == [70, 70]  # two passes, every document reported in each
    assert summary.stats["steps"]["read"]["counters"]["documents"] == 70


def test_the_cli_runs_on_ray(ray_instance, tmp_path: Path):
    from click.testing import CliRunner

    from dxclean.cli import cli

    result = CliRunner().invoke(cli, ["run", str(SEEDS), str(tmp_path / "out"), "--engine", "ray", "-q",
                                      "--steps", "chrome,metadata"])
    assert result.exit_code == 0, result.output
    assert len(read_jsonl(tmp_path / "out" / "documents.jsonl")) == len(list(SEEDS.glob("*.txt")))


def test_missing_ray_is_explained(monkeypatch):
    from dxclean.executors.ray import import_ray

    monkeypatch.setitem(sys.modules, "ray", None)  # makes `import ray` raise ImportError
    with pytest.raises(MissingDependency, match=r"pip install 'dxclean\[ray\]'"):
        import_ray()


def test_an_unreachable_cluster_is_a_clear_error_not_a_hang(tmp_path: Path):
    import socket

    from dxclean.executors.ray import check_reachable

    with socket.socket() as sock:  # a port that was free a moment ago: nobody listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(ValueError, match="ray start --head"):
        check_reachable(f"127.0.0.1:{port}", timeout=2)


@pytest.mark.parametrize("on_ray", [False, True], ids=["gathered", "planned-on-ray"])
def test_a_dying_worker_in_the_dedup_pass_loses_nothing_else(ray_instance, tmp_path: Path, monkeypatch, on_ray):
    """The observations of a re-run (isolated) block reach the dedup plan too, whether
    the plan is made on Ray or gathered to the driver; output equals the local engine's."""
    from dxclean.executors.ray import RayExecutor

    monkeypatch.setattr("dxclean.executors.ray.WINDOW_BATCHES", 3)
    if on_ray:
        monkeypatch.setattr(RayExecutor, "distributed_plan_min", 0)
    make_corpus(tmp_path / "in", 60, {21: "CRASH-HERE"})
    repeated = "Hội nghị trực tuyến toàn quốc sơ kết một năm triển khai Đề án 06 của Chính phủ tại Hà Nội."
    for i in (3, 18, 22, 40):  # the same paragraph in four documents, one in the crashing block
        path = tmp_path / "in" / f"doc{i:03}.txt"
        path.write_text(path.read_text(encoding="utf-8") + "\n" + repeated, encoding="utf-8")
    config = Config(steps=("crashing_steps:DieOnMarker", "dedup"), workers=2).with_overrides({"dedup.cross_doc": "drop"})
    local, ray = run_both(tmp_path / "in", tmp_path, config)
    assert_same_files(local, ray)
    dropped = [r for r in read_jsonl(ray / "removed.jsonl") if r["label"] == "duplicate" and r["text"] == repeated]
    assert sorted(r["source_path"] for r in dropped) == ["doc018.txt", "doc022.txt", "doc040.txt"]
    assert [e["source_path"] for e in read_jsonl(ray / "errors.jsonl")] == ["doc021.txt"]
