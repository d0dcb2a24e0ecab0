"""Same input, same output: byte-identical for 1 and 2 workers and any hash seed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given

from dxclean.runner import run
from dxclean.testing import DirtyDocument, dirty_corpora

from support import SEEDS

from fuzz.runs import fuzz_config, needs_default_pipeline, scaled, write_inputs

pytestmark = needs_default_pipeline


def output_bytes(out: Path) -> dict[str, bytes]:
    """Every file but stats.json (its timings differ; its counters are compared in test_run)."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file() and p.name != "stats.json"}


def corpus(docs: list[DirtyDocument]) -> dict[str, bytes]:
    files = {f"site/page{i:02}.txt": doc.text_dump() for i, doc in enumerate(docs)}
    files["feed.jsonl"] = "".join(doc.jsonl_line(f"r{i}") for i, doc in enumerate(docs)).encode()
    return files


@scaled(0.1)
@given(docs=dirty_corpora(min_size=8, max_size=20))
def test_one_and_two_workers_give_the_same_bytes(docs: list[DirtyDocument]):
    with tempfile.TemporaryDirectory(prefix="dxfuzz-") as tmp:
        root = Path(tmp)
        write_inputs(root / "in", corpus(docs))
        run(root / "in", root / "one", fuzz_config(workers=1))
        run(root / "in", root / "two", fuzz_config(workers=2))
        assert output_bytes(root / "one") == output_bytes(root / "two")


def test_hash_seed_does_not_reach_the_output(tmp_path: Path):
    files = {f"seeds/{p.name}": p.read_bytes() for p in sorted(SEEDS.iterdir())}
    files["copies.jsonl"] = "".join(
        json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8")}, ensure_ascii=False) + "\n" for p in sorted(SEEDS.iterdir())
    ).encode()
    write_inputs(tmp_path / "in", files)
    steps = ",".join(fuzz_config().steps)
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "dxclean", "run", str(tmp_path / "in"), str(out), "--steps", steps, "--workers", "1", "-q"],
                       env=env, check=False, timeout=300)
        outputs.append(output_bytes(out))
    assert outputs[0] and outputs[0] == outputs[1]


def _ray_installed() -> bool:
    try:
        import ray  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.slow
@pytest.mark.skipif(not _ray_installed(), reason="the ray extra is not installed")
@scaled(0.0, minimum=1)
@given(docs=dirty_corpora(min_size=10, max_size=16))
def test_the_ray_engine_gives_the_same_bytes_as_the_local_one(docs: list[DirtyDocument]):
    with tempfile.TemporaryDirectory(prefix="dxfuzz-") as tmp:
        root = Path(tmp)
        write_inputs(root / "in", corpus(docs))
        steps = ",".join(fuzz_config().steps)
        for engine in ("local", "ray"):
            proc = subprocess.run([sys.executable, "-m", "dxclean", "run", str(root / "in"), str(root / engine), "--steps", steps,
                                   "--engine", engine, "--workers", "2", "-q"], capture_output=True, text=True, timeout=600)
            assert proc.returncode == 0, proc.stderr[-3000:]
        assert output_bytes(root / "local") == output_bytes(root / "ray")
